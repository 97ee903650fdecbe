package io.airsync.testing.reliability;

import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.LoggedRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Injects a fault in the middle of a run: watches the emulator's request log from a background thread and acts once
 * it shows {@code n} record writes, so the fault lands while Airsync is writing, not before it starts.
 */
public final class FaultTrigger {

    private FaultTrigger() {
    }

    /** True for a request that writes records (create, upsert, update, delete), not a POST listRecords. */
    public static boolean isWrite(LoggedRequest r) {
        if (!r.isDataRequest()) {
            return false;
        }
        return switch (r.method()) {
            case "PATCH", "PUT", "DELETE" -> true;
            case "POST" -> !r.path().endsWith("/listRecords");
            default -> false;
        };
    }

    public static long writes(AirtableEmulator airtable) {
        return airtable.requests().stream().filter(FaultTrigger::isWrite).count();
    }

    public static long writes(AirtableEmulator airtable, String table) {
        return airtable.requests().stream().filter(FaultTrigger::isWrite).filter(r -> r.path().contains("/" + table))
                .count();
    }

    /**
     * Runs {@code action} once the log shows at least {@code n} writes (to any table, or to {@code table}); gives up
     * after two minutes. The future completes when the action ran, exceptionally if it never could.
     */
    public static CompletableFuture<Void> afterWrites(AirtableEmulator airtable, String table, long n, Runnable action) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while ((table == null ? writes(airtable) : writes(airtable, table)) < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("never saw " + n + " writes" + (table == null ? "" : " to " + table));
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            action.run();
        }, FaultTrigger::daemon);
    }

    /** Each watcher on its own thread: a shared pool could hold a later watcher back until an earlier one is done. */
    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "fault-trigger");
        t.setDaemon(true);
        t.start();
    }

    /** Several actions, each after its own number of writes (to any table). */
    public static CompletableFuture<Void> atWrites(AirtableEmulator airtable, List<Long> counts, List<Runnable> actions) {
        CompletableFuture<?>[] all = new CompletableFuture<?>[counts.size()];
        for (int i = 0; i < counts.size(); i++) {
            all[i] = afterWrites(airtable, null, counts.get(i), actions.get(i));
        }
        return CompletableFuture.allOf(all);
    }
}
