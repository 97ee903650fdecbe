package io.airsync.testing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.airsync.testing.lambda.LambdaRuntimeApiEmulator;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * AWS's runtime client, started the way the local run, the ITs and the benchmark start the packaged function, driving
 * small probe handlers: a function that dies ends the wait with a clear message (not after the invocation's
 * 15-minute timeout), and functions started together each load their own copy of the client's native library.
 */
class JavaRuntimeLauncherTest {

    private static final Duration LONG = Duration.ofMinutes(15);

    @Test
    void aFunctionProcessThatDiesEndsTheWaitAtOnceWithItsExitCode() throws Exception {
        try (LambdaRuntimeApiEmulator lambda = LambdaRuntimeApiEmulator.start()) {
            Process function = start(lambda, ProbeHandlers.Dying.class);
            try {
                // The invocation and the wait both allow 15 minutes; only the process's death can end them early.
                CompletableFuture<String> response = lambda.submit("{}", LONG);
                JavaRuntimeLauncher.FunctionDiedException died = assertThrows(
                        JavaRuntimeLauncher.FunctionDiedException.class,
                        () -> JavaRuntimeLauncher.awaitResponse(function, response, LONG));
                assertEquals(ProbeHandlers.Dying.EXIT_CODE, died.exitCode());
                assertTrue(died.getMessage().contains("exited (code 7) before answering"), died.getMessage());
            } finally {
                function.destroyForcibly();
            }
        }
    }

    @Test
    void anAnsweringFunctionIsWaitedFor() throws Exception {
        try (LambdaRuntimeApiEmulator lambda = LambdaRuntimeApiEmulator.start()) {
            Process function = start(lambda, ProbeHandlers.Echo.class);
            try {
                assertEquals("{\"n\":1}", JavaRuntimeLauncher.awaitResponse(function,
                        lambda.submit("{\"n\":1}", LONG), LONG));
            } finally {
                function.destroyForcibly();
            }
        }
    }

    @Test
    void functionsStartedTogetherEachLoadTheirOwnNativeLibrary() throws Exception {
        List<String> first = JavaRuntimeLauncher.command("unused.jar", "a.B::c");
        List<String> second = JavaRuntimeLauncher.command("unused.jar", "a.B::c");
        Path firstLibrary = nativeLibrary(first);
        Path secondLibrary = nativeLibrary(second);
        assertNotEquals(firstLibrary, secondLibrary);
        assertNotEquals(firstLibrary.getParent(), secondLibrary.getParent());
        assertTrue(first.contains("-Djava.io.tmpdir=" + firstLibrary.getParent()), first.toString());
        assertTrue(Files.size(firstLibrary) > 10_000, "the native library was unpacked: " + firstLibrary);

        int functions = 4;
        List<LambdaRuntimeApiEmulator> apis = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < functions; i++) {
                apis.add(LambdaRuntimeApiEmulator.start());
            }
            for (LambdaRuntimeApiEmulator api : apis) {
                processes.add(start(api, ProbeHandlers.Echo.class));
            }
            for (int i = 0; i < functions; i++) {
                String payload = "{\"function\":" + i + "}";
                assertEquals(payload, JavaRuntimeLauncher.awaitResponse(processes.get(i),
                        apis.get(i).submit(payload, LONG), LONG));
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
            for (Process p : processes) {
                p.waitFor(30, TimeUnit.SECONDS);
            }
            for (LambdaRuntimeApiEmulator api : apis) {
                api.close();
            }
        }
    }

    private static Path nativeLibrary(List<String> command) {
        String prefix = "-D" + JavaRuntimeLauncher.NATIVE_LIBRARY_PROPERTY + "=";
        return command.stream().filter(a -> a.startsWith(prefix)).map(a -> Path.of(a.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no native library property in " + command));
    }

    private static Process start(LambdaRuntimeApiEmulator lambda, Class<? extends RequestStreamHandler> handler)
            throws Exception {
        String classPath = String.join(File.pathSeparator, locationOf(ProbeHandlers.class),
                locationOf(RequestStreamHandler.class), locationOf(software.amazon.awssdk.utilslite.SdkInternalThreadLocal.class));
        ProcessBuilder pb = new ProcessBuilder(JavaRuntimeLauncher.command(classPath, handler.getName() + "::handleRequest"))
                .inheritIO();
        pb.environment().putAll(lambda.environment());
        return pb.start();
    }

    private static String locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
