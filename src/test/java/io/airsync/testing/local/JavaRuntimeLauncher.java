package io.airsync.testing.local;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The command that runs the packaged JVM function the way the {@code java21} Lambda runtime does: AWS's runtime
 * interface client polls the Runtime API and calls Quarkus' stream handler (the handler Terraform configures).
 */
public final class JavaRuntimeLauncher {

    public static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private JavaRuntimeLauncher() {
    }

    /** {@code runnerJar} is target/*-runner.jar; its manifest puts target/lib on the class path. */
    public static List<String> command(Path runnerJar, String... jvmOptions) {
        String classPath = String.join(File.pathSeparator, runnerJar.toString(), jarOf(AWSLambda.class),
                jarOf(com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class));
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", classPath, AWSLambda.class.getName(), HANDLER));
        return cmd;
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
