package io.airsync.testing.airtable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The contract check as a command (never part of {@code ./mvnw verify}): the emulator's behaviours against a real,
 * empty scratch base and against a fresh emulator, printed side by side. The token is read from an environment
 * variable so that it is in no command line or shell history:
 *
 * <pre>
 * read -rsp 'Airtable token: ' AIRTABLE_TOKEN &amp;&amp; export AIRTABLE_TOKEN
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.airsync.testing.airtable.ContractCheckMain -Dexec.args="--base appXXXXXXXXXXXXXX"
 * </pre>
 *
 * Exit status: 0 every behaviour the same, 1 some differ, 2 refused (base holds records, token refused, ...).
 */
@Command(name = "contract-check", mixinStandardHelpOptions = true,
        description = "Compare the Airtable emulator with a real, empty scratch base, behaviour by behaviour.")
public final class ContractCheckMain implements Callable<Integer> {

    @Option(names = "--base", required = true, description = "ID of an empty scratch base (app...)")
    String baseId;

    @Option(names = "--url", description = "API root of the real side (default ${DEFAULT-VALUE})")
    String url = "https://api.airtable.com";

    @Option(names = "--token-env", description = "Environment variable holding the personal access token (default ${DEFAULT-VALUE})")
    String tokenEnv = "AIRTABLE_TOKEN";

    @Option(names = "--allow-records", description = "Run even if the base already holds records (it writes and deletes some)")
    boolean allowRecords;

    @Option(names = "--spacing", description = "Pause before each request to the real side, under Airtable's 5/s (default ${DEFAULT-VALUE})")
    String spacing = "250ms";

    public static void main(String[] args) {
        int exit = new CommandLine(new ContractCheckMain()).execute(args);
        System.exit(exit);
    }

    @Override
    public Integer call() {
        String token = System.getenv(tokenEnv);
        if (token == null || token.isBlank()) {
            System.err.println("contract-check: set the environment variable " + tokenEnv + " to a personal access token"
                    + " with data.records:read, data.records:write, schema.bases:read, schema.bases:write on " + baseId);
            return 2;
        }
        try {
            List<ContractCheck.Row> rows = compare(url, token, baseId, allowRecords,
                    AirtableEmulatorMain.duration(spacing, "--spacing"));
            System.out.print(ContractCheck.render(rows));
            return rows.stream().allMatch(ContractCheck.Row::same) ? 0 : 1;
        } catch (RuntimeException e) {
            // Our messages carry no token; the HTTP client's would not either (it goes only in a header).
            System.err.println("contract-check: " + e.getMessage());
            return 2;
        }
    }

    /** Runs the check against {@code realUrl} and a fresh in-process emulator holding the same base ID. */
    public static List<ContractCheck.Row> compare(String realUrl, String token, String baseId, boolean allowRecords,
            Duration spacing) {
        try (AirtableEmulator emulator = AirtableEmulator.start(new EmulatorOptions().token(token).requestsPerSecond(0))) {
            // A new Airtable base starts with one table, "Table 1".
            emulator.addBase(baseId, "{\"tables\":[{\"name\":\"Table 1\",\"fields\":[{\"name\":\"Name\",\"type\":\"singleLineText\"}]}]}");
            ContractCheck check = new ContractCheck(new ContractCheck.Side(realUrl, token, baseId, spacing),
                    new ContractCheck.Side(emulator.url(), token, baseId, Duration.ZERO), allowRecords);
            return check.run();
        }
    }
}
