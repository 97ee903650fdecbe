package io.airsync.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.airsync.testing.BoundedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Terraform, where this machine has it: {@code terraform fmt -check}, {@code validate} against the real
 * AWS provider schema, and {@code terraform test} (terraform/tests/*.tftest.hcl: plans and applies against a mocked
 * provider, so every expression and validation is evaluated; nothing reaches AWS).
 *
 * <p>Needs a {@code terraform} binary on the PATH and the AWS provider in a local mirror (there is no access to the
 * Terraform registry here): {@code $AIRSYNC_TF_PROVIDER_MIRROR}, default {@code /opt/tf-plugins}, laid out as
 * {@code registry.terraform.io/hashicorp/aws/<version>/<os_arch>/}. Skipped when either is missing; the static
 * tests in this package run everywhere.
 */
class TerraformCliTest {

    /** Skips (reported as skipped) unless terraform and the provider mirror are there; returns the mirror. */
    private static Path terraformAndProviderMirror() {
        assumeTrue(run(List.of("terraform", "version"), TerraformModule.BASE_DIR, Map.of()).exitCode() == 0,
                "no terraform binary on the PATH");
        String configured = System.getenv("AIRSYNC_TF_PROVIDER_MIRROR");
        Path mirror = Path.of(configured != null ? configured : "/opt/tf-plugins");
        assumeTrue(Files.isDirectory(mirror.resolve("registry.terraform.io/hashicorp/aws")),
                "no local AWS provider mirror at " + mirror);
        return mirror;
    }

    @Test
    void fmtValidateAndTestPass(@TempDir Path work) throws IOException {
        Path mirror = terraformAndProviderMirror();
        Path cliConfig = work.resolve("cli.tfrc");
        Files.writeString(cliConfig, """
                provider_installation {
                  filesystem_mirror {
                    path    = "%s"
                    include = ["registry.terraform.io/hashicorp/aws"]
                  }
                  direct {
                    exclude = ["registry.terraform.io/hashicorp/aws"]
                  }
                }
                """.formatted(mirror));
        Map<String, String> env = Map.of("TF_CLI_CONFIG_FILE", cliConfig.toString(), "CHECKPOINT_DISABLE", "1",
                "TF_IN_AUTOMATION", "1");

        // A copy, so .terraform/ and test state never land in the source tree.
        Path module = work.resolve("terraform");
        copySources(TerraformModule.TERRAFORM_DIR, module);

        expectSuccess(run(List.of("terraform", "fmt", "-check", "-recursive", "-diff", "-no-color"), module, env),
                "terraform fmt -check (run `terraform fmt -recursive` in terraform/)");
        expectSuccess(run(List.of("terraform", "init", "-backend=false", "-input=false", "-no-color"), module, env),
                "terraform init");
        expectSuccess(run(List.of("terraform", "validate", "-no-color"), module, env), "terraform validate");
        expectSuccess(run(List.of("terraform", "test", "-no-color"), module, env), "terraform test");
    }

    private static void copySources(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path relative = from.relativize(source);
                String first = relative.getNameCount() > 0 ? relative.getName(0).toString() : "";
                String name = source.getFileName().toString();
                if (first.equals(".terraform") || name.endsWith(".tfstate") || name.contains(".tfstate.")
                        || name.equals("terraform.tfvars")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    record Result(int exitCode, String output) {
    }

    private static void expectSuccess(Result result, String what) {
        assertEquals(0, result.exitCode(), what + " failed:\n" + result.output());
    }

    private static Result run(List<String> command, Path directory, Map<String, String> env) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            BoundedProcess.Result result = BoundedProcess.run(builder, Duration.ofMinutes(5));
            if (result.timedOut()) {
                return new Result(-1, String.join(" ", command) + " did not finish in 5 minutes (hang guard):\n"
                        + result.output());
            }
            return new Result(result.exitCode(), result.output());
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
