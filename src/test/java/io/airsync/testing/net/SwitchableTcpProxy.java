package io.airsync.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on 127.0.0.1 in front of a real server (MongoDB, dynalite, s3rver), that a test can cut: while
 * {@link #cut() cut}, every open connection is closed and new ones are closed as soon as they are accepted, so
 * clients see exactly what an unreachable or crashed service gives them (resets, EOF, timeouts), with the service
 * itself untouched. {@link #restore()} forwards again.
 */
public final class SwitchableTcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final ExecutorService pumps;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean cut;
    private volatile boolean closed;

    private SwitchableTcpProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        AtomicInteger n = new AtomicInteger();
        this.pumps = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tcp-proxy-" + targetPort + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pumps.execute(this::acceptLoop);
    }

    /** Forwards a free local port to {@code 127.0.0.1:targetPort}. */
    public static SwitchableTcpProxy to(int targetPort) {
        try {
            return new SwitchableTcpProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a proxy port", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every open connection and refuses (accept, then close) new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    public boolean isCut() {
        return cut;
    }

    /** Connections accepted so far (cut or not). */
    public int acceptedConnections() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (cut) {
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            pumps.execute(() -> pump(client, upstream));
            pumps.execute(() -> pump(upstream, client));
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the other side or cut() closed the connection
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // best effort
        }
        pumps.shutdownNow();
    }

    @Override
    public String toString() {
        return "SwitchableTcpProxy(127.0.0.1:" + port() + " -> " + target.getPort() + (cut ? ", cut" : "") + ")";
    }
}
