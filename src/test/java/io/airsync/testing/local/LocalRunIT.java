package io.airsync.testing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's first command as a newcomer runs it, twice, on the packaged function (a small demo dataset and a
 * faster emulated Airtable, so it takes seconds): the first run creates every record; the second is a true no-op,
 * 0 Airtable requests this run, and both print the month's calls against the budget.
 */
class LocalRunIT {

    private static final Pattern REQUESTS = Pattern.compile("(?m)^Airtable requests: (\\{.*})$");
    private static final Pattern MONTH = Pattern.compile(
            "(?m)^Airtable calls this month \\(\\d{4}-\\d{2}, UTC\\): ([\\d,]+) so far, about ([\\d,]+) by the month's end; "
                    + "budget none set \\(airsync.airtable.plan\\)$");

    @TempDir
    Path dataDir;

    @Test
    void theSecondLocalRunSendsNoAirtableRequestAndShowsTheMonth() throws Exception {
        String first = localRun("--reset", "--users", "20", "--rate", "100", "--data-dir", dataDir.toString());
        assertTrue(first.contains(": succeeded (sync,"), first);
        long firstRequests = requests(first);
        assertTrue(firstRequests > 0, first);
        Matcher month = MONTH.matcher(first);
        assertTrue(month.find(), first);
        assertEquals(firstRequests, number(month.group(1)), "the month so far is this run's requests: " + first);

        String second = localRun("--users", "20", "--rate", "100", "--data-dir", dataDir.toString());
        assertTrue(second.contains(": succeeded (sync,"), second);
        assertEquals(0, requests(second), "a no-op run sends nothing: " + second);
        Matcher again = MONTH.matcher(second);
        assertTrue(again.find(), second);
        assertEquals(firstRequests, number(again.group(1)), "the month is unchanged: " + second);
    }

    /** Runs LocalSync in this JVM (it starts the packaged function as its own process) and returns what it printed. */
    private static String localRun(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new LocalSync()).execute(args);
        } finally {
            System.setOut(out);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        out.print(printed);
        assertEquals(0, code, printed);
        return printed;
    }

    /** The sum of the request kinds in the printed "Airtable requests" object (not 429s, retries or pacing figures). */
    private static long requests(String printed) throws Exception {
        Matcher m = REQUESTS.matcher(printed);
        assertTrue(m.find(), printed);
        JsonNode kinds = new ObjectMapper().readTree(m.group(1));
        long sum = 0;
        for (String kind : new String[] {"list", "get", "create", "upsert", "update", "delete", "schema"}) {
            sum += kinds.path(kind).asLong();
        }
        return sum;
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
