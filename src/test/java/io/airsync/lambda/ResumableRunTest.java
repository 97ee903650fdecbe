package io.airsync.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.report.RunSummary;
import io.airsync.report.TableSummary;
import io.airsync.state.RunCheckpoint;
import io.airsync.state.CheckpointStore;
import io.airsync.sync.MappingProvider;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.AirtableEmulatorResource;
import io.airsync.testing.airtable.LoggedRequest;
import io.airsync.testing.aws.AwsStackProbe;
import io.airsync.testing.aws.DynaliteResource;
import io.airsync.testing.aws.S3rverResource;
import io.airsync.testing.events.SampleEvents;
import io.airsync.testing.lambda.LambdaInvokeApiResource;
import io.airsync.testing.lambda.LambdaInvokeApiResource.Invoke;
import io.airsync.testing.lambda.TestLambdaContext;
import io.airsync.testing.mongo.MongoWireResource;
import io.airsync.testing.time.JumpingTickerProducer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Resumable runs with a time budget ({@code airsync.run.time-budget}) and self-continue on: a run that runs out of
 * time in Messages saves a checkpoint, answers {@code continued} and invokes the function again (a JDK HttpServer
 * plays the Lambda API); the next invocations finish it, and the base ends up exactly as after one uninterrupted run.
 *
 * <p>How the budget lands in Messages every time, whatever the machine's speed: the budget is ten minutes and the
 * application's ticker jumps {@link #MESSAGES_STEP} (four minutes) whenever the emulator receives a Messages request
 * ({@link JumpingTickerProducer}), so Users and Events spend only the seconds they take and Messages alone needs
 * several budgets. The uninterrupted reference run, with no jumps, fits in one.
 */
@QuarkusTest
@TestProfile(ResumableRunTest.BudgetProfile.class)
@WithTestResource(DynaliteResource.class)
@WithTestResource(S3rverResource.class)
@WithTestResource(value = MongoWireResource.class,
        initArgs = @ResourceArg(name = MongoWireResource.DEMO_USERS, value = "40"))
@WithTestResource(AirtableEmulatorResource.class)
@WithTestResource(LambdaInvokeApiResource.class)
class ResumableRunTest {

    static final Duration BUDGET = Duration.ofMinutes(10);
    static final Duration MESSAGES_STEP = Duration.ofMinutes(4);
    static final String BASE = AirtableEmulatorResource.BASE_ID;
    /** The demo dataset for 40 users. */
    static final Map<String, Integer> SOURCE = Map.of("Users", 40, "Events", 50, "Messages", 160);

    public static class BudgetProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("airsync.run.time-budget", BUDGET.toMinutes() + "M",
                    "airsync.run.self-continue", "true");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(JumpingTickerProducer.class);
        }
    }

    @Inject
    AirsyncHandler handler;
    @Inject
    CheckpointStore checkpoints;
    @Inject
    MappingProvider mappings;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    S3Client s3;

    AirtableEmulator airtable;
    AwsStackProbe aws;

    @BeforeEach
    void freshStack() {
        airtable = AirtableEmulatorResource.emulator();
        airtable.faults().clear();
        airtable.reset(BASE);
        airtable.clearRequests();
        aws = new AwsStackProbe(dynamo, DynaliteResource.STATE_TABLE, s3, S3rverResource.BUCKET);
        aws.clear();
        LambdaInvokeApiResource.clear();
    }

    @Test
    void aBudgetSpentInMessagesContinuesAndTheNextInvocationsFinishWithTheContentOfOneUninterruptedRun() throws IOException {
        airtable.faults().beforeNext(100_000, "/Messages", () -> JumpingTickerProducer.jump(MESSAGES_STEP));

        RunSummary first = invoke("{}");
        assertEquals("continued", first.status(), first.toString());
        assertEquals(List.of("succeeded", "succeeded", "continued"), first.tables().stream().map(TableSummary::status).toList());
        RunCheckpoint checkpoint = checkpoints.load().orElseThrow(() -> new AssertionError("no checkpoint saved"));
        assertEquals(first.runId(), checkpoint.runId());
        assertEquals("Messages", checkpoint.currentTable());
        assertNotNull(checkpoint.lastId());
        assertEquals(List.of("Users", "Events"), checkpoint.completed().stream().map(RunCheckpoint.TableProgress::table).toList());
        int messagesAfterFirst = airtable.records(BASE, "Messages").size();
        assertTrue(messagesAfterFirst > 0 && messagesAfterFirst < SOURCE.get("Messages"), "stopped inside Messages: "
                + messagesAfterFirst);

        // Self-continue: the function asked Lambda to invoke it again, asynchronously, on the alias it was called by.
        List<Invoke> invokes = LambdaInvokeApiResource.invokes();
        assertEquals(List.of(new Invoke(TestLambdaContext.LIVE_ARN, "Event", "{\"continueRun\":\"" + first.runId() + "\"}")),
                invokes);

        // The schedule fires before Lambda delivers the continuation: the scheduled run resumes the checkpoint
        // rather than starting over. Then every self-invoke is delivered, in order, as Lambda would.
        List<RunSummary> later = new ArrayList<>();
        List<List<LoggedRequest>> traffic = new ArrayList<>();
        traffic.add(airtable.requests());
        airtable.clearRequests();
        later.add(invoke(SampleEvents.read("scheduler.json")));
        traffic.add(airtable.requests());
        for (int delivered = 0; delivered < LambdaInvokeApiResource.invokes().size() && later.size() < 10; delivered++) {
            airtable.clearRequests();
            later.add(invoke(LambdaInvokeApiResource.invokes().get(delivered).payload()));
            traffic.add(airtable.requests());
        }
        // continued..., succeeded once, and the continuation sent by the last continued invocation finds it done.
        String statuses = String.join(",", later.stream().map(RunSummary::status).toList());
        assertTrue(statuses.matches("(continued,)*succeeded,skipped"), statuses + ": " + later);
        RunSummary last = later.get(later.size() - 2);
        RunSummary lateContinuation = later.get(later.size() - 1);
        assertTrue(lateContinuation.error().contains("already finished"), lateContinuation.error());
        assertEquals(List.of(), traffic.get(traffic.size() - 1), "the late continuation sends no Airtable request");
        for (RunSummary s : later) {
            assertEquals(first.runId(), s.runId(), "one run across invocations");
        }
        assertTrue(checkpoints.load().isEmpty(), "the checkpoint is cleared once the run is done");
        long continued = 1 + later.stream().filter(s -> "continued".equals(s.status())).count();
        assertEquals(continued, LambdaInvokeApiResource.invokes().size(), "one self-invoke per continued answer");

        // The last summary counts the whole run, each record once.
        for (TableSummary t : last.tables()) {
            assertEquals((long) SOURCE.get(t.table()), t.sourceCount(), t.toString());
            assertEquals((long) SOURCE.get(t.table()), t.created(), t.toString());
        }
        // Finished work is not redone: each record was sent once, and only the first invocation read tables back.
        Map<String, Integer> written = new TreeMap<>();
        for (List<LoggedRequest> log : traffic) {
            for (LoggedRequest r : AirtableTraffic.writes(log)) {
                written.merge(AirtableTraffic.table(r), JsonPath.from(r.body()).getList("records").size(), Integer::sum);
            }
        }
        assertEquals(new TreeMap<>(SOURCE), written);
        for (List<LoggedRequest> log : traffic.subList(1, traffic.size())) {
            assertEquals(List.of(), AirtableTraffic.lists(log), "a resumed invocation reads nothing back");
        }

        AirtableContent interrupted = AirtableContent.of(airtable, BASE, mappings.mapping());
        assertEquals(List.of(), interrupted.duplicateKeys());
        SOURCE.forEach((table, count) -> assertEquals((int) count, interrupted.size(table), table));

        // The reference: the same data in one uninterrupted run, from scratch.
        airtable.faults().clear();
        airtable.reset(BASE);
        aws.clear();
        RunSummary reference = invoke("{}");
        assertEquals("succeeded", reference.status(), "the reference run fits in one budget: " + reference);
        AirtableContent uninterrupted = AirtableContent.of(airtable, BASE, mappings.mapping());
        assertEquals(List.of(), interrupted.differences(uninterrupted, 10));
        assertEquals(interrupted, uninterrupted);
    }

    @Test
    void aContinuationForARunThatAlreadyFinishedIsSkippedWithoutTouchingAirtable() throws IOException {
        RunSummary done = invoke("{\"tables\":[\"Users\"]}");
        assertEquals("succeeded", done.status(), done.toString());
        airtable.clearRequests();
        RunSummary late = invoke("{\"continueRun\":\"" + done.runId() + "\"}");
        assertEquals("skipped", late.status(), late.toString());
        assertTrue(late.error().contains(done.runId()), late.error());
        assertEquals(List.of(), airtable.requests());
        assertEquals(List.of(), LambdaInvokeApiResource.invokes());
        assertFalse(aws.stateItems().stream().anyMatch(i -> i.get("pk").s().equals("lock")), "lock released");
    }

    private RunSummary invoke(String payload) throws IOException {
        return handler.handle(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
                new TestLambdaContext(TestLambdaContext.LIVE_ARN, Duration.ofMinutes(15)));
    }
}
