package io.airsync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a process the tests need (node, terraform, curl) under a hang guard: its output is read on the side, so
 * waiting for it is bounded by the guard (reading a pipe to its end, then waiting, is not: a hung process would hold
 * the read forever). On the guard, the process and its children are killed and the result says so.
 */
public final class BoundedProcess {

    private BoundedProcess() {
    }

    /**
     * What the process left: its exit code (-1 when it was killed on the guard), stdout, stderr (empty when the
     * builder redirects it into stdout), and whether the guard ended it.
     */
    public record Result(int exitCode, String output, String errors, boolean timedOut) {
    }

    public static Result run(ProcessBuilder builder, Duration guard) throws IOException, InterruptedException {
        Process process = builder.start();
        CompletableFuture<String> output = drain(process.getInputStream());
        CompletableFuture<String> errors = drain(process.getErrorStream());
        if (!process.waitFor(guard.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, collected(output), collected(errors), true);
        }
        return new Result(process.exitValue(), collected(output), collected(errors), false);
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
            }
        }, "process-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    /** The output read so far: the stream ends with the process (or its killing), so this waits seconds at most. */
    private static String collected(CompletableFuture<String> text) throws InterruptedException {
        try {
            return text.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "(output not readable: " + e + ")";
        }
    }
}
