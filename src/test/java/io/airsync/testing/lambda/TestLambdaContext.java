package io.airsync.testing.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * A Lambda {@link Context} for calling the handler bean directly: the invoked ARN (alias included) and a deadline
 * that counts down from creation, as Lambda's does.
 */
public final class TestLambdaContext implements Context {

    public static final String FUNCTION_NAME = "airsync";
    public static final String LIVE_ARN = "arn:aws:lambda:us-east-1:123456789012:function:airsync:live";

    private final String invokedArn;
    private final long deadlineMillis;
    private final String requestId = UUID.randomUUID().toString();

    /** @param remaining the invocation's time left now; null for "no deadline" (a day, which the handler ignores) */
    public TestLambdaContext(String invokedArn, Duration remaining) {
        this.invokedArn = invokedArn;
        this.deadlineMillis = System.currentTimeMillis() + (remaining == null ? Duration.ofDays(2) : remaining).toMillis();
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + FUNCTION_NAME;
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return FUNCTION_NAME;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, deadlineMillis - System.currentTimeMillis()));
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
