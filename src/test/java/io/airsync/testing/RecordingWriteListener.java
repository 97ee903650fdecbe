package io.airsync.testing;

import io.airsync.plan.SourceRecord;
import io.airsync.write.TableWriter;
import io.airsync.write.WriteListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a {@link TableWriter} reports, for writer tests: the ids written and each failure (id, type, message). */
public final class RecordingWriteListener implements WriteListener {

    public final List<String> written = new CopyOnWriteArrayList<>();
    public final List<String[]> failed = new CopyOnWriteArrayList<>();

    @Override
    public void written(String mongoId, String recordId, Outcome outcome, SourceRecord record) {
        written.add(mongoId);
    }

    @Override
    public void failed(String mongoId, String field, String type, String message) {
        failed.add(new String[] {mongoId, type, message});
    }

    /** Queues a create of a record keyed {@code id} on field {@code Key}, named {@code n-<id>}. */
    public static void create(TableWriter writer, String id) {
        writer.create(new SourceRecord(id, null, new Object[0], new boolean[0], new int[0], List.of(), null),
                Map.of("Key", id, "Name", "n-" + id));
    }
}
