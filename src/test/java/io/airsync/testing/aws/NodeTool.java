package io.airsync.testing.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A node tool from {@code infra/node/node_modules}, started as a child process on a free loopback port and stopped
 * (with its process tree) on {@link #close()} or when the JVM exits. Output goes to {@code target/<name>-<port>.log}.
 */
public final class NodeTool implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private NodeTool(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcess, name + "-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code node <script> <args...>}; {@code args} may contain {@code {port}} which is replaced by the free
     * port chosen. Waits until the port accepts connections.
     */
    public static NodeTool start(String name, String script, List<String> args) {
        Path base = projectBaseDir();
        Path scriptPath = base.resolve("infra/node/node_modules").resolve(script);
        if (!Files.isRegularFile(scriptPath)) {
            throw new IllegalStateException(scriptPath + " is missing: run `npm ci` in " + base.resolve("infra/node"));
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("airsync.node", System.getenv().getOrDefault("NODE", "node")));
        command.add(scriptPath.toString());
        args.forEach(a -> command.add(a.replace("{port}", Integer.toString(port))));
        try {
            Path logDir = base.resolve("target");
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + "-" + port + ".log");
            Process process = new ProcessBuilder(command)
                    .directory(base.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            NodeTool tool = new NodeTool(name, process, port, log);
            tool.awaitPort();
            return tool;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    private void awaitPort() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        stopProcess();
        throw new IllegalStateException(name + " did not open port " + port + " within " + STARTUP + "; see " + log);
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }

    private void stopProcess() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The project folder: the working directory of the tests (Maven runs them in the module folder). */
    public static Path projectBaseDir() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("infra/node"))) {
                return p;
            }
        }
        return dir;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
