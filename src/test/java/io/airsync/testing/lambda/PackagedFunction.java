package io.airsync.testing.lambda;

import io.airsync.testing.local.JavaRuntimeLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The function package this build made, as the command that runs it against a Lambda Runtime API
 * ({@code AWS_LAMBDA_RUNTIME_API} from {@link LambdaRuntimeApiEmulator#environment()}), whichever kind it is:
 * <ul>
 * <li>JVM ({@code ./mvnw verify}): target/*-runner.jar under AWS's Java runtime interface client, as the
 * {@code java21} runtime runs it;</li>
 * <li>native ({@code ./mvnw verify -Dnative}, the CI workflow .github/workflows/native.yml): the executable that
 * is the zip's {@code bootstrap}, as {@code provided.al2023} runs it.</li>
 * </ul>
 * The kind comes from the build ({@code airsync.package.kind}, passed by failsafe). A JVM test run without the jar
 * (surefire only) is skipped; a native build without its executable fails, so a native CI run cannot pass by
 * running nothing.
 */
public final class PackagedFunction {

    public static final Path RUNNER_JAR = Path.of("target", "airsync-1.0.0-SNAPSHOT-runner.jar");

    private PackagedFunction() {
    }

    /** "jvm" or "native": what this build packaged. */
    public static String kind() {
        return System.getProperty("airsync.package.kind", "jvm");
    }

    /** The command; skips the calling test when a JVM build has no runner jar. */
    public static List<String> command(String... jvmOptions) {
        if ("native".equals(kind())) {
            Path executable = Path.of(System.getProperty("native.image.path",
                    "target/airsync-1.0.0-SNAPSHOT-runner"));
            if (!Files.isExecutable(executable)) {
                throw new AssertionError("the native build made no executable at " + executable);
            }
            return List.of(executable.toString());
        }
        Assumptions.assumeTrue(Files.exists(RUNNER_JAR), "no JVM runner jar at " + RUNNER_JAR);
        return JavaRuntimeLauncher.command(RUNNER_JAR, jvmOptions);
    }
}
