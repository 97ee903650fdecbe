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
 * itself untouched. While {@link #refuse() refusing}, nothing listens on the port at all: connections are refused, as
 * by a host where the service is not running. {@link #restore()} forwards again, on the same port.
 */
public final class SwitchableTcpProxy implements AutoCloseable {

    private final int port;
    private volatile ServerSocket listener;
    private final InetSocketAddress target;
    private final ExecutorService pumps;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean cut;
    private volatile boolean closed;

    private SwitchableTcpProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        ServerSocket first = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        this.listener = first;
        this.port = first.getLocalPort();
        AtomicInteger n = new AtomicInteger();
        this.pumps = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tcp-proxy-" + targetPort + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pumps.execute(() -> acceptLoop(first));
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
        return port;
    }

    /** Closes every open connection and refuses (accept, then close) new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /**
     * Closes every open connection and stops listening until {@link #restore()}: connecting is refused. (The port is
     * free meanwhile; {@link #restore()} binds it again, waiting up to a minute should another socket hold it.)
     */
    public synchronized void refuse() {
        cut();
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            closeQuietly(current);
        }
    }

    public synchronized void restore() {
        if (listener == null && !closed) {
            ServerSocket again = bindAgain();
            listener = again;
            pumps.execute(() -> acceptLoop(again));
        }
        cut = false;
    }

    public boolean isRefusing() {
        return listener == null;
    }

    public boolean isCut() {
        return cut;
    }

    /** Connections accepted so far (cut or not). */
    public int acceptedConnections() {
        return accepted.get();
    }

    private ServerSocket bindAgain() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (true) {
            ServerSocket socket = null;
            try {
                socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
                return socket;
            } catch (IOException e) {
                if (socket != null) {
                    closeQuietly(socket);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " again", e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while binding port " + port + " again", interrupted);
                }
            }
        }
    }

    private void acceptLoop(ServerSocket from) {
        while (!closed) {
            Socket client;
            try {
                client = from.accept();
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

    private static void closeQuietly(java.io.Closeable s) {
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
        ServerSocket current = listener;
        if (current != null) {
            closeQuietly(current);
        }
        pumps.shutdownNow();
    }

    @Override
    public String toString() {
        return "SwitchableTcpProxy(127.0.0.1:" + port() + " -> " + target.getPort()
                + (isRefusing() ? ", refusing" : cut ? ", cut" : "") + ")";
    }
}
