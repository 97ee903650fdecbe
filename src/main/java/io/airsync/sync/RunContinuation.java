package io.airsync.sync;

import io.airsync.config.AirsyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Starts the next invocation of a checkpointed run at once: an asynchronous invoke of this same function (behind
 * {@code airsync.run.self-continue}). If it cannot, the next scheduled run resumes the checkpoint anyway.
 */
@ApplicationScoped
public class RunContinuation {

    private static final Logger LOG = Logger.getLogger(RunContinuation.class);

    @Inject
    AirsyncConfig config;

    private LambdaClient client;

    /**
     * @param invokedArn the ARN this invocation was called by (keeps the continuation on the same alias), or null
     * @return true when the invoke was accepted
     */
    public boolean continueRun(String runId, String invokedArn) {
        String function = invokedArn != null && !invokedArn.isBlank() ? invokedArn : System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        if (function == null || function.isBlank()) {
            LOG.warn("self-continue is on but AWS_LAMBDA_FUNCTION_NAME is not set; the next scheduled run resumes");
            return false;
        }
        String payload = "{\"continueRun\":\"" + runId + "\"}";
        try {
            String name = function;
            int status = client().invoke(b -> b.functionName(name).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromString(payload, StandardCharsets.UTF_8))).statusCode();
            LOG.infof("run %s continues in a new invocation of %s (status %d)", runId, function, status);
            return status == 202;
        } catch (SdkException e) {
            LOG.errorf("could not invoke %s to continue run %s (%s); the next scheduled run resumes it", function, runId,
                    e.getClass().getSimpleName());
            return false;
        }
    }

    private synchronized LambdaClient client() {
        if (client == null) {
            var builder = LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
            config.run().lambdaEndpoint().ifPresent(builder::endpointOverride);
            client = builder.build();
        }
        return client;
    }
}
