package io.airsync.testing.lambda;

import io.airsync.testing.local.JavaRuntimeLauncher;
import io.airsync.testing.local.RunnerJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The function package this build made, as the command that runs it against a Lambda Runtime API
 * ({@code AWS_LAMBDA_RUNTIME_API} from {@link LambdaRuntimeApiEmulator#environment()}), whichever kind it is:
 * <ul>
 * <li>JVM ({@code ./mvnw verify}): target/*-runner.jar under AWS's Java runtime interface client, as the
 * {@code java21} runtime runs it;</li>
 * <li>native ({@code ./mvnw verify -Dnative}, the CI workflow .github/workflows/native.yml): the executable that
 * is the zip's {@code bootstrap}, as {@code provided.al2023} runs it.</li>
 * </ul>
 * The kind and the file names come from the build ({@code airsync.package.kind}, {@code airsync.runner.jar},
 * {@code native.image.path}, passed by failsafe from the build's final name). A missing package fails the test, JVM or
 * native, so no run can pass by running nothing.
 */
public final class PackagedFunction {

    private PackagedFunction() {
    }

    /** "jvm" or "native": what this build packaged. */
    public static String kind() {
        return System.getProperty("airsync.package.kind", "jvm");
    }

    /** The command; fails (naming what is missing) when the build made no package. */
    public static List<String> command(String... jvmOptions) {
        if ("native".equals(kind())) {
            String path = System.getProperty("native.image.path");
            if (path == null || path.isBlank()) {
                throw new AssertionError("system property native.image.path is not set: run through Maven");
            }
            Path executable = Path.of(path);
            if (!Files.isExecutable(executable)) {
                throw new AssertionError("the native build made no executable at " + executable);
            }
            return List.of(executable.toString());
        }
        return JavaRuntimeLauncher.command(RunnerJar.required(), jvmOptions);
    }
}
