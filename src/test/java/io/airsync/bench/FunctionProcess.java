package io.airsync.bench;

import io.airsync.testing.lambda.LambdaRuntimeApiEmulator;
import io.airsync.testing.local.JavaRuntimeLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One packaged Airsync function process, run the way the {@code java21} Lambda runtime runs it (AWS's runtime
 * interface client polling our Runtime API emulator), measured from outside: time to the first invocation, CPU time
 * (from {@code /proc}), peak resident memory, and the heap from its GC log.
 */
final class FunctionProcess implements AutoCloseable {

    /** What a 512 MB java21 Lambda runs with: a heap cap that leaves room for metaspace, code and threads, the serial
     *  collector the JVM picks on a small machine, and C1 only (Lambda's default for Java 17+). */
    static final List<String> LAMBDA_512MB_JVM = List.of("-Xmx300m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static final Pattern GC_LINE = Pattern.compile("Pause .*? (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final LambdaRuntimeApiEmulator lambda;
    private final Process process;
    private final long startNanos;
    private final Path gcLog;
    private final Path outputLog;
    private final List<Invocation> invocations = new ArrayList<>();
    private Figures figures;

    /** One answered invocation, timed from outside. */
    record Invocation(String response, long deliveredNanos, long answeredNanos, long cpuAtDeliveryMs, long cpuAtAnswerMs) {
        long handlerMs() {
            return (answeredNanos - deliveredNanos) / 1_000_000;
        }

        long cpuMs() {
            return cpuAtAnswerMs - cpuAtDeliveryMs;
        }
    }

    /** The process as a whole, read just before it was stopped. */
    record Figures(long initMs, long cpuTotalMs, long rssPeakMb, long heapPeakBeforeGcMb, long heapPeakAfterGcMb,
                   long heapCommittedPeakMb, int gcCount, long gcPauseMs) {
    }

    private FunctionProcess(LambdaRuntimeApiEmulator lambda, Process process, long startNanos, Path gcLog, Path outputLog) {
        this.lambda = lambda;
        this.process = process;
        this.startNanos = startNanos;
        this.gcLog = gcLog;
        this.outputLog = outputLog;
    }

    /**
     * Starts the function; its output (log lines, the EMF metrics line) goes to {@code workDir/output.log}, its GC
     * log to {@code workDir/gc.log}.
     */
    static FunctionProcess start(Path app, LambdaRuntimeApiEmulator lambda, Map<String, String> env, List<String> jvmOptions,
            Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path gcLog = workDir.resolve("gc.log");
        Path out = workDir.resolve("output.log");
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Xlog:gc:file=" + gcLog);
        ProcessBuilder pb = new ProcessBuilder(JavaRuntimeLauncher.command(app, options.toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(lambda.environment());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        return new FunctionProcess(lambda, p, t0, gcLog, out);
    }

    long pid() {
        return process.pid();
    }

    Path outputLog() {
        return outputLog;
    }

    /** Hands the function one event and waits for its answer, noting when it took the event and the CPU spent. */
    Invocation invoke(String payload, Duration timeout) throws IOException, InterruptedException {
        int index = lambda.history().size();
        CompletableFuture<String> answer = lambda.submit(payload, timeout);
        LambdaRuntimeApiEmulator.Invocation submitted = lambda.history().get(index);
        long delivered = 0;
        long cpuAtDelivery = 0;
        while (delivered == 0 && !answer.isDone()) {
            if (submitted.deadlineMs() != 0) {
                delivered = System.nanoTime();
                cpuAtDelivery = Proc.cpuMillis(process.pid());
                break;
            }
            if (!process.isAlive()) {
                throw new IOException("the function process exited with " + process.exitValue() + " before taking the event; see "
                        + outputLog);
            }
            Thread.sleep(2);
        }
        String response;
        try {
            response = answer.get(timeout.toMillis() + 60_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("invocation failed: " + e.getCause().getMessage() + "; see " + outputLog, e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + timeout + "; see " + outputLog, e);
        }
        long answered = System.nanoTime();
        long cpuAtAnswer = Proc.cpuMillis(process.pid());
        if (delivered == 0) {
            delivered = answered;
            cpuAtDelivery = cpuAtAnswer;
        }
        Invocation inv = new Invocation(response, delivered, answered, cpuAtDelivery, cpuAtAnswer);
        invocations.add(inv);
        return inv;
    }

    List<Invocation> invocations() {
        return invocations;
    }

    long startNanos() {
        return startNanos;
    }

    /** Reads the process figures, stops it and parses its GC log. Idempotent. */
    Figures finish() throws InterruptedException {
        if (figures != null) {
            return figures;
        }
        long cpu = Proc.cpuMillis(process.pid());
        long rssPeakKb = Proc.statusKb(process.pid(), "VmHWM");
        stop();
        long init = invocations.isEmpty() ? -1 : (invocations.get(0).deliveredNanos() - startNanos) / 1_000_000;
        long before = 0, after = 0, committed = 0, pauseMicros = 0;
        int count = 0;
        try {
            long pendingYoung = -1;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    count++;
                    long b = mb(m.group(1), m.group(2));
                    long a = mb(m.group(3), m.group(4));
                    before = Math.max(before, b);
                    // A young collection that could not promote (old generation full: 285M->283M) says nothing about
                    // live data, and the full collection right after it does: a young figure counts only when no
                    // full collection follows it.
                    boolean full = line.contains("Pause Full");
                    if (!full && pendingYoung >= 0) {
                        after = Math.max(after, pendingYoung);
                    }
                    pendingYoung = full ? -1 : a;
                    if (full) {
                        after = Math.max(after, a);
                    }
                    committed = Math.max(committed, mb(m.group(5), m.group(6)));
                    Matcher ms = Pattern.compile(" ([0-9.]+)ms$").matcher(line);
                    if (ms.find()) {
                        pauseMicros += Math.round(Double.parseDouble(ms.group(1)) * 1000);
                    }
                }
            }
            if (pendingYoung >= 0) {
                after = Math.max(after, pendingYoung);
            }
        } catch (IOException e) {
            // no GC log: figures stay 0
        }
        figures = new Figures(init, cpu, rssPeakKb < 0 ? -1 : rssPeakKb / 1024, before, after, committed, count,
                pauseMicros / 1000);
        return figures;
    }

    private static long mb(String n, String unit) {
        long v = Long.parseLong(n);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
