package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import io.airsync.sync.LambdaInvoker;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.reliability.OutputCapture;
import io.airsync.testing.reliability.ReliabilityStack;
import io.airsync.testing.reliability.RunReportFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets and personal data in what Airsync writes: every log line (with exception stack traces), everything
 * printed, every report, summary and state file of runs that succeed, fail on bad records, are refused by Airtable,
 * and cannot log in to MongoDB. The token and the MongoDB password (which travels in the URI) never appear; e-mail
 * addresses, phone numbers and names from the source data appear only masked.
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
class SecretsAndPersonalDataTest {

    static final int USERS = 20;

    AirtableEmulator airtable = ReliabilityStack.airtable();
    MongoCollection<Document> users;

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), USERS);
        users = ReliabilityStack.database().getCollection("users");
        // Failures whose reasons quote personal data: a phone where a number goes, an address where a select goes,
        // an address long enough to be cut in the message, a name where a date goes.
        users.insertMany(List.of(
                user(1).append("event_count", "call +33 6 12 34 56 78 after six"),
                user(2).append("role", "amelie.poulain@montmartre.example.fr"),
                user(3).append("order_count", "write to jean-christophe.dupont-moretti@entreprise-exemple.fr today"),
                user(4).append("birthDay", "Zoé Wołoszyn-Ñúñez"),
                user(5).append("email", " Twin@Example.COM "),
                user(6).append("email", "twin@example.com")));
    }

    @Test
    void noSecretInAnyLogLineExceptionMessageReportOrSummary() throws IOException {
        List<JsonPath> runs = new ArrayList<>();
        String output;
        try (OutputCapture capture = OutputCapture.start()) {
            runs.add(LambdaInvoker.invoke("{}"));
            runs.add(LambdaInvoker.invoke("{\"dryRun\":true}"));
            // Airtable refuses the token.
            airtable.options().token("patSomebodyElse.0000000000000000");
            runs.add(LambdaInvoker.invoke("{\"reconcile\":true}"));
            airtable.options().token(ReliabilityStack.TOKEN);
            // MongoDB refuses the password (open connections cut so that new ones must log in).
            ReliabilityStack.mongo().changePassword("rotated-elsewhere");
            ReliabilityStack.mongoProxy().cut();
            ReliabilityStack.mongoProxy().restore();
            runs.add(LambdaInvoker.invoke("{}"));
            ReliabilityStack.mongo().changePassword(ReliabilityStack.MONGO_PASSWORD);
            // MongoDB unreachable.
            ReliabilityStack.mongoProxy().cut();
            runs.add(LambdaInvoker.invoke("{}"));
            ReliabilityStack.mongoProxy().restore();
            output = capture.all();
        }

        assertEquals(List.of("partial", "partial", "failed", "failed", "failed"),
                runs.stream().map(r -> r.getString("status")).toList());
        assertTrue(runs.get(2).getString("error").contains("401"), runs.get(2).prettify());
        assertTrue(output.contains("refused the credentials") && output.contains("is unreachable"),
                "the failure paths ran and were logged");

        String everything = output + "\n" + String.join("\n", runs.stream().map(JsonPath::prettify).toList()) + "\n"
                + everyFile(ReliabilityStack.LOCAL_DIR);
        for (String secret : List.of(ReliabilityStack.TOKEN, ReliabilityStack.TOKEN.substring(ReliabilityStack.TOKEN.indexOf('.') + 1),
                ReliabilityStack.MONGO_PASSWORD)) {
            int at = everything.indexOf(secret);
            assertTrue(at < 0, () -> "a secret leaked: ..." + everything.substring(Math.max(0, at - 200), at) + "[SECRET]...");
        }
    }

    @Test
    void personalDataFromTheSourceAppearsOnlyMaskedInReportsAndLogs() throws IOException {
        JsonPath run;
        JsonPath plan;
        String logs;
        String runReport;
        String runProblems;
        try (OutputCapture capture = OutputCapture.start()) {
            run = LambdaInvoker.invoke("{}");
            runReport = RunReportFiles.rawReport(run);
            runProblems = RunReportFiles.problems(run);
            ReliabilityStack.reset();
            plan = LambdaInvoker.invoke("{\"dryRun\":true}"); // samples of planned values in the report
            logs = capture.all();
        }
        assertEquals("partial", run.getString("status"), run.prettify());
        assertEquals(4, run.getInt("tables[0].failed"), run.prettify());
        assertTrue(runProblems.contains("\"outcome\":\"failed\""), "the problems file is checked too: " + runProblems);
        String reports = runReport + "\n" + RunReportFiles.rawReport(plan) + "\n" + runProblems + "\n"
                + run.prettify() + "\n" + plan.prettify();
        assertTrue(RunReportFiles.report(plan).contains("Sample changes"), "the dry run shows planned values");
        String corpus = (reports + "\n" + logs).toLowerCase(Locale.ROOT);
        // Markdown escapes, undone: a value escaped character by character must not slip through either.
        String unescaped = corpus.replace("\\", "");

        Set<String> personal = new LinkedHashSet<>();
        for (Document u : users.find()) {
            addText(personal, u.get("email"));
            addText(personal, u.get("phone"));
            String first = u.getString("firstName");
            String last = u.getString("lastName");
            if (first != null && last != null) {
                personal.add(first.strip() + " " + last.strip());
            }
        }
        for (Document m : ReliabilityStack.database().getCollection("messages").find()) {
            addText(personal, m.get("user_email"));
            addText(personal, m.get("user_phone"));
            addText(personal, m.get("user_name"));
        }
        personal.addAll(List.of("+33 6 12 34 56 78", "amelie.poulain@montmartre.example.fr", "jean-christophe.dupont",
                "twin@example.com", "zoé wołoszyn-ñúñez", "wołoszyn"));
        assertTrue(personal.size() > 3 * USERS, "the source's personal data: " + personal.size() + " values");

        List<String> leaked = personal.stream().map(p -> p.toLowerCase(Locale.ROOT))
                .filter(p -> corpus.contains(p) || unescaped.contains(p)).toList();
        assertEquals(List.of(), leaked, "personal data in reports or logs");
        // ... but the report does say what failed, where and why (values masked).
        String report = runReport.replace("\\", "");
        assertTrue(report.contains("| Role | SELECT_OPTION_MISSING | 'a***' is not an option of this field"), report);
        assertTrue(report.contains("| Birthday | CONVERSION |") && report.contains("'Z*** W***'"), report);
        assertTrue(report.contains("| Event Count | CONVERSION |") && report.contains("'c*** +*** 6*** 1*** "), report);
    }

    // ------------------------------------------------------------------------------------------------------------

    private static Document user(int n) {
        return new Document("_id", new ObjectId(String.format("7b00000000000000%08d", n)))
                .append("email", "person" + n + "@example.net").append("firstName", "Zoé").append("lastName", "Wołoszyn-Ñúñez")
                .append("phone", "+48 22 555 01 " + String.format("%02d", n)).append("role", "user");
    }

    private static void addText(Set<String> out, Object value) {
        if (value instanceof String s && s.strip().length() >= 6) {
            out.add(s.strip());
        }
    }

    /** Every file Airsync left (reports, summaries, state, checkpoint, lock), gzipped ones unpacked, as text. */
    private static String everyFile(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        if (!Files.exists(dir)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        in.transferTo(out);
                        bytes = out.toByteArray();
                    }
                }
                all.append(f).append('\n').append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }
}
