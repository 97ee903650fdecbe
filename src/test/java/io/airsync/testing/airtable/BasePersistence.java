package io.airsync.testing.airtable;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps each base as {@code <dataDir>/<baseId>.json} (schema, records, auto-number counters). A background writer
 * saves a base after every write (coalescing writes that arrive while a save runs; each save is a consistent
 * snapshot, written to a temporary file and moved into place); {@link #close()} waits for the last save.
 */
final class BasePersistence implements AutoCloseable {
    private final Path dir;
    private final Object monitor = new Object();
    private final Map<String, EmulatedBase> dirty = new LinkedHashMap<>();
    private final Thread writer;
    private int saving;
    private boolean closed;

    BasePersistence(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the emulator data folder " + dir, e);
        }
        writer = new Thread(this::run, "airtable-emulator-persistence");
        writer.setDaemon(true);
        writer.start();
    }

    void markDirty(EmulatedBase base) {
        synchronized (monitor) {
            if (!closed) {
                dirty.put(base.id, base);
                monitor.notifyAll();
            }
        }
    }

    /** Waits until every write made so far is on disk. */
    void flush() {
        synchronized (monitor) {
            while (!dirty.isEmpty() || saving > 0) {
                try {
                    monitor.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        flush();
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            List<EmulatedBase> batch;
            synchronized (monitor) {
                while (dirty.isEmpty() && !closed) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (dirty.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(dirty.values());
                dirty.clear();
                saving++;
            }
            try {
                for (EmulatedBase base : batch) {
                    try {
                        save(base.snapshot());
                    } catch (IOException | RuntimeException e) {
                        System.err.println("[airtable-emulator] could not save base " + base.id + " to " + dir + ": " + e);
                    }
                }
            } finally {
                synchronized (monitor) {
                    saving--;
                    monitor.notifyAll();
                }
            }
        }
    }

    private void save(EmulatedBase.Snapshot snapshot) throws IOException {
        Path target = dir.resolve(snapshot.baseId() + ".json");
        Path temp = dir.resolve(snapshot.baseId() + ".json.tmp");
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(temp.toFile(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("baseId", snapshot.baseId());
            g.writeStringField("name", snapshot.name());
            g.writeFieldName("schema");
            Json.MAPPER.writeValue(g, snapshot.schema());
            g.writeObjectFieldStart("data");
            for (EmulatedBase.TableSnapshot t : snapshot.tables()) {
                g.writeObjectFieldStart(t.tableId());
                g.writeNumberField("nextAutoNumber", t.nextAutoNumber());
                g.writeArrayFieldStart("records");
                for (StoredRecord r : t.records()) {
                    g.writeStartObject();
                    g.writeStringField("id", r.id);
                    g.writeNumberField("createdMillis", r.createdMillis);
                    g.writeNumberField("modifiedMillis", r.modifiedMillis);
                    g.writeNumberField("autoNumber", r.autoNumber);
                    g.writeFieldName("cells");
                    Json.MAPPER.writeValue(g, r.cells);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Loads every {@code *.json} base in the folder. A file that cannot be read stops the start, naming the file. */
    @SuppressWarnings("unchecked")
    List<EmulatedBase> loadAll(Consumer<EmulatedBase> onWrite) {
        List<EmulatedBase> bases = new ArrayList<>();
        Set<Path> files = new LinkedHashSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the emulator data folder " + dir, e);
        }
        for (Path file : files) {
            try {
                Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(file));
                String baseId = (String) root.get("baseId");
                if (baseId == null) {
                    throw new IllegalArgumentException("no \"baseId\"");
                }
                String name = root.get("name") == null ? baseId : String.valueOf(root.get("name"));
                EmulatedBase base = new EmulatedBase(baseId, name, TableDef.parseSchema(baseId, root.get("schema")), onWrite);
                Map<String, Object> data = (Map<String, Object>) root.getOrDefault("data", Map.of());
                for (Map.Entry<String, Object> e : data.entrySet()) {
                    Map<String, Object> table = (Map<String, Object>) e.getValue();
                    List<StoredRecord> records = new ArrayList<>();
                    for (Object o : (List<Object>) table.getOrDefault("records", List.of())) {
                        Map<String, Object> rec = (Map<String, Object>) o;
                        Map<String, Object> cells = new HashMap<>();
                        ((Map<String, Object>) rec.getOrDefault("cells", Map.of()))
                                .forEach((k, v) -> cells.put(k, Json.freeze(v)));
                        StoredRecord r = new StoredRecord((String) rec.get("id"), ((Number) rec.get("createdMillis")).longValue(),
                                ((Number) rec.get("autoNumber")).longValue(), cells);
                        r.modifiedMillis = ((Number) rec.get("modifiedMillis")).longValue();
                        records.add(r);
                    }
                    base.restore(e.getKey(), ((Number) table.getOrDefault("nextAutoNumber", 1L)).longValue(), records);
                }
                bases.add(base);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot load the emulator base file " + file + ": " + e.getMessage(), e);
            }
        }
        return bases;
    }
}
