package io.airsync.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.airsync.mapping.MappingException;
import io.airsync.mapping.SyncMapping;
import io.airsync.report.RunSummary;
import io.airsync.sync.MappingProvider;
import io.airsync.sync.SyncService;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;

/** The Lambda entry point: read the invocation, run one sync, answer with the run's summary. */
@Named("airsync")
public class AirsyncHandler implements RequestHandler<JsonNode, RunSummary> {

    @Inject
    InvocationParser parser;
    @Inject
    MappingProvider mappings;
    @Inject
    SyncService sync;

    @Override
    public RunSummary handleRequest(JsonNode event, Context context) {
        SyncMapping mapping;
        InvocationRequest request;
        try {
            mapping = mappings.mapping();
            request = parser.parse(event, mapping.tableNames());
        } catch (MappingException | InvalidInvocationException e) {
            return sync.refused(e.getMessage());
        }
        return sync.run(request, remaining(context), context == null ? null : context.getInvokedFunctionArn());
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
