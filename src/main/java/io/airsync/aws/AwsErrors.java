package io.airsync.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns an AWS SDK failure into words for an error message: the AWS error code and message, never credentials. */
public final class AwsErrors {

    private AwsErrors() {
    }

    /** {@code ResourceNotFoundException, HTTP 400: Requested resource not found}, or the client-side failure. */
    public static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return (code == null ? e.getClass().getSimpleName() : code) + ", HTTP " + service.statusCode()
                    + (message == null || message.isBlank() ? "" : ": " + message);
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Just the AWS error code (or the exception's class name when the request never reached AWS). */
    public static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }
}
