package io.airsync.bench;

import java.util.ArrayList;
import java.util.List;

/** Threads that keep a core busy each (a loaded machine: another build, a neighbour), until closed. */
final class BusyThreads implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    /** Written so the loop is not optimised away. */
    volatile long sink;

    BusyThreads(int count) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::spin, "bench-busy-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    private void spin() {
        long x = 1;
        while (running) {
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(5_000);
        }
    }
}
