package io.airsync.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.airsync.mapping.MappingException;
import io.airsync.mapping.SyncMapping;
import io.airsync.report.RunSummary;
import io.airsync.report.RunSummaryJson;
import io.airsync.sync.MappingProvider;
import io.airsync.sync.InvocationRequest;
import io.airsync.sync.RunMetrics;
import io.airsync.sync.SyncService;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The Lambda entry point: read the invocation, run one sync, answer with the run's JSON summary.
 *
 * <p>A stream handler, so that the payload reaches our parser as raw bytes: malformed JSON, a non-object or an
 * oversized payload gets an {@code invalid} summary like any other refused payload, instead of failing in the runtime's
 * deserialiser before our code runs. Quarkus' {@code QuarkusStreamHandler} (the handler Terraform configures) passes
 * the stream on to this bean, named by {@code quarkus.lambda.handler}.
 */
@Named("airsync")
public class AirsyncHandler implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(AirsyncHandler.class);

    @Inject
    InvocationParser parser;
    @Inject
    MappingProvider mappings;
    @Inject
    SyncService sync;
    @Inject
    RunMetrics metrics;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        RunSummary summary = handle(input, context);
        output.write(RunSummaryJson.writeCompact(summary).getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    /**
     * One invocation: its summary (the same object the JSON response is written from).
     *
     * @throws UnusableConfigurationException when the mapping cannot be loaded: the failure metric is emitted and
     *                                        the invocation fails, so the Errors alarm and the failure destination see
     *                                        it (a refused payload, the caller's mistake, is an {@code invalid} answer)
     */
    public RunSummary handle(InputStream input, Context context) throws IOException {
        SyncMapping mapping;
        try {
            mapping = mappings.mapping();
        } catch (MappingException e) {
            throw unusableConfiguration(e);
        }
        InvocationRequest request;
        try {
            request = parser.parse(input, mapping.tableNames());
        } catch (InvalidInvocationException e) {
            return sync.refused(e.getMessage());
        }
        return sync.run(request, remaining(context), context == null ? null : context.getInvokedFunctionArn());
    }

    private UnusableConfigurationException unusableConfiguration(MappingException e) {
        String reason = "the mapping cannot be used: " + e.getMessage();
        LOG.errorf("invocation failed: %s", reason);
        metrics.emit(new RunSummary(null, "failed", null, Instant.now().toString(), 0, List.of(), Map.of(), null, null,
                reason));
        return new UnusableConfigurationException(reason, e);
    }

    /** The Lambda's time left; none when the context has no deadline (local runs and the mock event server). */
    private static Duration remaining(Context context) {
        if (context == null) {
            return null;
        }
        long ms = context.getRemainingTimeInMillis();
        return ms > 0 && ms < Duration.ofDays(1).toMillis() ? Duration.ofMillis(ms) : null;
    }
}
