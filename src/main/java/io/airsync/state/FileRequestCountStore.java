package io.airsync.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request counts in one JSON file ({@code {"appXXX 2026-12": 259, ...}}), rewritten whole through a temporary file
 * and an atomic move. One process at a time uses the local folder (the run lock sees to that).
 */
public final class FileRequestCountStore implements RequestCountStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public FileRequestCountStore(Path dir) {
        this.file = dir.resolve("airtable-requests.json");
    }

    @Override
    public synchronized long add(String baseId, YearMonth month, long requests) {
        Map<String, Long> counts = read();
        long total = counts.merge(key(baseId, month), requests, Long::sum);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), counts);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StateStoreException("request counts in " + file + ": writing failed (" + e.getMessage() + ")", e);
        }
        return total;
    }

    @Override
    public synchronized long monthToDate(String baseId, YearMonth month) {
        return read().getOrDefault(key(baseId, month), 0L);
    }

    @Override
    public String describe() {
        return file.toString();
    }

    private Map<String, Long> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Long>>() { }));
        } catch (IOException e) {
            throw new StateStoreException("request counts in " + file + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    private static String key(String baseId, YearMonth month) {
        return baseId + " " + month;
    }
}
