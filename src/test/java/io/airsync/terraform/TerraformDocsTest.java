package io.airsync.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The deploy walkthrough spells out every command, and SECURITY.md names settings that exist. */
class TerraformDocsTest {

    private final TerraformModule module = TerraformModule.load();

    private static String read(Path path) throws IOException {
        assertTrue(Files.exists(path), path + " is missing");
        return Files.readString(path);
    }

    /** A README's deploy section ("## Deploy..."), up to the next "## " heading. */
    private static String deploySection(Path file) throws IOException {
        String readme = read(file);
        int start = readme.indexOf("\n## Deploy");
        assertTrue(start >= 0, file + " has no \"## Deploy\" section");
        int end = readme.indexOf("\n## ", start + 1);
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }

    /** The walkthroughs: terraform/README.md and the main README's "Deploy to AWS". */
    static List<Path> walkthroughs() {
        return List.of(TerraformModule.TERRAFORM_DIR.resolve("README.md"), TerraformModule.BASE_DIR.resolve("README.md"));
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).toList();
    }

    @ParameterizedTest
    @MethodSource("walkthroughs")
    void theDeploySectionSpellsOutEveryStep(Path readme) throws IOException {
        String deploy = deploySection(readme);
        // The package is built without the tests, and named as Terraform reads it.
        assertTrue(lines(deploy).contains("./mvnw package -DskipTests"), "the fast build: ./mvnw package -DskipTests");
        assertTrue(deploy.contains("function-jvm.zip"), "the package's name");
        assertTrue(deploy.contains("AWS CLI v2") || read(TerraformModule.TERRAFORM_DIR.resolve("README.md"))
                .contains("AWS CLI v2"), "AWS CLI v2 is a prerequisite (--cli-binary-format)");
        for (String command : List.of("./mvnw package", "terraform init", "terraform plan", "terraform apply")) {
            assertTrue(lines(deploy).stream().anyMatch(l -> l.startsWith(command)),
                    "the deploy section has no line starting with `" + command + "`");
        }
        // Both secrets are put, each by its own command naming its own secret.
        List<String> puts = lines(deploy).stream()
                .filter(l -> l.startsWith("aws secretsmanager put-secret-value")).toList();
        assertEquals(2, puts.size(), "one put-secret-value per secret: " + puts);
        assertTrue(puts.stream().anyMatch(l -> l.contains("airtable_token_secret_arn")), "Airtable token secret");
        assertTrue(puts.stream().anyMatch(l -> l.contains("mongodb_uri_secret_arn")), "MongoDB URI secret");
        for (String put : puts) {
            assertTrue(put.contains("--secret-string \"$"),
                    "the value comes from a variable read without echo, not typed on the command line: " + put);
        }
        // A dry-run invocation (the command is continued over several lines with \).
        String joined = deploy.replace("\\\n", " ");
        assertTrue(Pattern.compile("aws lambda invoke [^\\n]*--payload '\\{\"dryRun\": ?true}'").matcher(joined).find(),
                "an `aws lambda invoke` with a dry-run payload");
        assertTrue(Pattern.compile("aws s3 cp [^\\n]*latest").matcher(deploy).find(),
                "an `aws s3 cp` of the latest report");
        // The commands name outputs that exist.
        var outputs = module.outputs().keySet();
        var used = Pattern.compile("terraform output -raw ([a-z_]+)").matcher(deploy).results()
                .map(m -> m.group(1)).toList();
        assertTrue(!used.isEmpty() && outputs.containsAll(used), "terraform output names used: " + used);
    }

    @Test
    void theReadyToPasteOutputsAreCompleteCommands() {
        var outputs = module.outputs();
        String dryRun = TerraformModule.text(outputs.get("invoke_dry_run_command"), "value");
        assertTrue(dryRun.startsWith("aws lambda invoke ") && dryRun.contains("--payload '{\"dryRun\":true}'"), dryRun);
        for (String put : List.of("put_airtable_token_command", "put_mongodb_uri_command")) {
            String value = TerraformModule.text(outputs.get(put), "value");
            assertTrue(value.contains("aws secretsmanager put-secret-value") && value.contains("read -rsp"), put);
        }
        assertTrue(TerraformModule.text(outputs.get("latest_report_command"), "value").startsWith("aws s3 cp "));
    }

    @Test
    void securityMdExistsAndNamesRealSettings() throws IOException {
        String security = read(TerraformModule.BASE_DIR.resolve("SECURITY.md"));
        assertTrue(security.contains("Reporting a vulnerability"), "SECURITY.md says how to report a vulnerability");
        var variables = module.variables().keySet();
        var named = Pattern.compile("`([a-z][a-z0-9_]+_(?:days|seconds))`").matcher(security).results()
                .map(m -> m.group(1)).toList();
        assertTrue(named.size() >= 3, "SECURITY.md names the retention settings: " + named);
        assertTrue(variables.containsAll(named), "SECURITY.md names Terraform variables that do not exist: " + named);
    }
}
