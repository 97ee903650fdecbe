package io.airsync.sync;

import java.util.function.Supplier;

/**
 * A value computed on first use, at most once (until it succeeds). The base's schema and each table's check against
 * it are lazy: a run with nothing to read or write from Airtable sends no request at all, and a table with writes
 * still has its schema checked before its first write.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private T value;

    Lazy(Supplier<T> compute) {
        this.compute = compute;
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = compute.get();
        }
        return value;
    }

    synchronized boolean done() {
        return value != null;
    }
}
