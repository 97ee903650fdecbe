package io.airsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.airsync.airtable.AirtableJson;
import io.airsync.convert.ValueConverter;
import io.airsync.convert.ValueNormalizer;
import io.airsync.mapping.SyncMapping;
import io.airsync.mapping.TableMapping;
import io.airsync.plan.DocumentConverter;
import io.airsync.plan.SourceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The peer of issue 11: a straightforward sync with the official Airtable.js client
 * ({@code infra/node/airtablejs-peer-sync.mjs}) writing the same fields (Airsync's own converter makes them) in
 * batches of 10, paced at {@link #RATE} requests/s, relying on Airtable.js's own back-off after a 429.
 */
final class AirtableJsPeer {
    static final double RATE = 4;
    static final Path SCRIPT = Path.of("infra", "node", "airtablejs-peer-sync.mjs");
    /** Must match LINK_PREFIX in the script. */
    static final String LINK_PREFIX = "airsync-peer-link:";
    private static final ObjectMapper JSON = AirtableJson.MAPPER;

    /** What the script printed: its own time from start to the last answer, requests started, records written. */
    record Outcome(long elapsedMs, long requests, long records, long failed, long wallMs) {
    }

    /** Writes every record of every mapped table, as Airsync would write it, to {@code file} for the script. */
    static long writeInput(SyncMapping mapping, MongoDatabase db, Path file) throws IOException {
        ValueConverter converter = new ValueConverter(mapping.timeZoneOr(java.time.ZoneOffset.UTC));
        ValueNormalizer normalizer = new ValueNormalizer(converter.zone());
        List<Map<String, Object>> tables = new ArrayList<>();
        long count = 0;
        for (TableMapping table : mapping.tables()) {
            DocumentConverter convert = new DocumentConverter(table, converter, normalizer,
                    (linked, mongoId) -> LINK_PREFIX + linked + ":" + mongoId);
            List<Map<String, Object>> records = new ArrayList<>();
            try (MongoCursor<Document> docs = db.getCollection(table.source().collection()).find()
                    .sort(Sorts.ascending("_id")).batchSize(1000).iterator()) {
                while (docs.hasNext()) {
                    SourceRecord r = convert.convert(docs.next());
                    if (r.failed()) {
                        continue;
                    }
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put(table.keyField(), r.mongoId());
                    for (int i = 0; i < table.fields().size(); i++) {
                        if (r.writable()[i] && r.values()[i] != null) {
                            fields.put(table.fields().get(i).airtable(), r.values()[i]);
                        }
                    }
                    records.add(fields);
                }
            }
            count += records.size();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", table.name());
            t.put("airtableTable", table.airtableTable());
            t.put("keyField", table.keyField());
            t.put("records", records);
            tables.add(t);
        }
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), Map.of("tables", tables));
        return count;
    }

    /** Runs the script against the base; its output and errors go to {@code log}. */
    static Outcome run(Path input, String url, String baseId, String token, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("node", SCRIPT.toAbsolutePath().toString(), "--input",
                input.toAbsolutePath().toString(), "--endpoint", url, "--base", baseId, "--token", token,
                "--rate", Double.toString(RATE))
                .directory(SCRIPT.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.HOURS)) {
            p.destroyForcibly();
            throw new IOException("the Airtable.js peer did not finish in 3 hours; see " + log);
        }
        long wallMs = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (!last.startsWith("{")) {
            throw new IOException("the Airtable.js peer exited " + p.exitValue() + " without its summary; see " + log);
        }
        JsonNode s = JSON.readTree(last);
        return new Outcome(s.path("elapsedMs").asLong(), s.path("requests").asLong(), s.path("records").asLong(),
                s.path("failed").asLong(), wallMs);
    }

    private AirtableJsPeer() {
    }
}
