package io.airsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.config.AirsyncConfig;
import io.airsync.report.RunSummary;
import io.airsync.report.TableSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits the run's figures as one CloudWatch Embedded Metric Format line on stdout, which Lambda turns into metrics
 * with no API call: {@code RunsNotSucceeded} (1 for a partial or failed run, and for an invocation failed by a
 * configuration that cannot load; an alarm watches it), {@code RunsSucceeded} (1 for a succeeded run that was not a
 * dry run; the "no succeeded run in N hours" alarm watches it), records failed, written, and the 429s met.
 */
@ApplicationScoped
public class RunMetrics {

    @Inject
    AirsyncConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    java.time.Clock clock;

    public void emit(RunSummary s) {
        try {
            System.out.println(json.writeValueAsString(document(s, clock.millis())));
        } catch (Exception e) {
            // Metrics must never fail a run.
        }
    }

    Map<String, Object> document(RunSummary s, long timestamp) {
        String function = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "local");
        long failed = s.tables().stream().mapToLong(TableSummary::failed).sum();
        long written = s.tables().stream().mapToLong(t -> t.created() + t.updated() + t.deleted()).sum();
        boolean notSucceeded = RunStatus.fromWire(s.status()).notSucceeded();
        List<Map<String, String>> metrics = List.of(
                Map.of("Name", "RunsNotSucceeded", "Unit", "Count"),
                Map.of("Name", "RunsSucceeded", "Unit", "Count"),
                Map.of("Name", "RecordsFailed", "Unit", "Count"),
                Map.of("Name", "RecordsWritten", "Unit", "Count"),
                Map.of("Name", "RateLimited", "Unit", "Count"),
                Map.of("Name", "RunDuration", "Unit", "Milliseconds"));
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", timestamp);
        aws.put("CloudWatchMetrics", List.of(Map.of(
                "Namespace", config.metrics().namespace(),
                "Dimensions", List.of(List.of("Function")),
                "Metrics", metrics)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("_aws", aws);
        doc.put("Function", function);
        doc.put("RunsNotSucceeded", notSucceeded ? 1 : 0);
        // A dry run writes nothing: its success does not mean the base is in step.
        doc.put("RunsSucceeded", RunStatus.SUCCEEDED.wire().equals(s.status()) && !"dry-run".equals(s.mode()) ? 1 : 0);
        doc.put("RecordsFailed", failed);
        doc.put("RecordsWritten", written);
        doc.put("RateLimited", s.requests() == null ? 0 : s.requests().getOrDefault("rateLimited", 0L));
        doc.put("RunDuration", s.durationMs());
        doc.put("runId", s.runId());
        doc.put("status", s.status());
        return doc;
    }
}
