package io.airsync.testing.local;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The command that runs the packaged JVM function the way the {@code java21} Lambda runtime does: AWS's runtime
 * interface client polls the Runtime API and calls Quarkus' stream handler (the handler Terraform configures).
 *
 * <p>Each command gets its own temporary folder holding its own copy of the runtime client's native library. Left
 * alone, the client copies that library to the fixed path {@code /tmp/.libaws-lambda-jni.so} (whatever
 * {@code java.io.tmpdir} says) and loads it from there, so two functions starting together overwrite each other's
 * library while loading it. The client loads the library named by the system property {@link #NATIVE_LIBRARY_PROPERTY}
 * instead when it is set; the launcher sets it (and {@code java.io.tmpdir}) to the per-command folder.
 */
public final class JavaRuntimeLauncher {

    public static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /** Read by the runtime client's {@code JniHelper}: a native library to load instead of unpacking its own. */
    static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private JavaRuntimeLauncher() {
    }

    /** {@code runnerJar} is target/*-runner.jar; its manifest puts target/lib on the class path. */
    public static List<String> command(Path runnerJar, String... jvmOptions) {
        return command(runnerJar.toString(), HANDLER, jvmOptions);
    }

    /** The runtime client driving {@code handler} ({@code Class::method}) found on {@code classPath}. */
    public static List<String> command(String classPath, String handler, String... jvmOptions) {
        String fullClassPath = String.join(File.pathSeparator, classPath, jarOf(AWSLambda.class),
                jarOf(com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class));
        Path scratch = privateTemporaryFolder();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.io.tmpdir=" + scratch);
        cmd.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + unpackNativeLibrary(scratch));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", fullClassPath, AWSLambda.class.getName(), handler));
        return cmd;
    }

    /**
     * Waits for the answer to an invocation, or for the function process to die, whichever comes first: a function
     * that crashes (killed, out of memory, a start-up failure) ends the wait at once instead of after the
     * invocation's timeout.
     *
     * @throws FunctionDiedException when the process exits before answering
     * @throws ExecutionException    when the invocation failed (function error, timeout: see the Runtime API emulator)
     */
    public static String awaitResponse(Process function, CompletableFuture<String> response, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            CompletableFuture.anyOf(response, function.onExit()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failedInvocation) {
            return response.get();
        }
        // The answer is posted before the process can exit, so an answered invocation always wins here.
        if (response.isDone()) {
            return response.get();
        }
        throw new FunctionDiedException(function.exitValue());
    }

    /** The function process ended before it answered its invocation. */
    public static final class FunctionDiedException extends IllegalStateException {
        private final int exitCode;

        FunctionDiedException(int exitCode) {
            super("the function process exited (code " + exitCode + ") before answering the invocation; its output "
                    + "above says why");
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private static Path privateTemporaryFolder() {
        try {
            Path dir = Files.createTempDirectory("airsync-lambda-runtime-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the Lambda runtime client", e);
        }
    }

    /** Copies the runtime client's native library for this machine into {@code dir}; the copy's path. */
    static Path unpackNativeLibrary(Path dir) {
        String name = nativeLibraryName();
        Path target = dir.resolve(name);
        try (InputStream in = AWSLambda.class.getResourceAsStream("/jni/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the Lambda runtime client has no native library " + name);
            }
            Files.copy(in, target);
            target.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the Lambda runtime client's native library to " + dir, e);
        }
    }

    /** The library the client would pick first on this machine: libc flavour (glibc or musl) and architecture. */
    static String nativeLibraryName() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
        return "libaws-lambda-jni." + (musl() ? "linux_musl-" : "linux-") + cpu + ".so";
    }

    private static boolean musl() {
        try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
            return lib.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
