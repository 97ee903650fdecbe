package io.airsync.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.UUID;

/** Reports in local files: {@code <dir>/<prefix>YYYY/MM/DD/...} and {@code <dir>/<prefix>latest.md|json}. */
public class FileReportStore implements ReportStore {

    private final Path dir;
    private final ReportKeys keys;

    /** @param dir the local data folder ({@code airsync.local.dir}); the prefix ({@code reports/}) goes under it */
    public FileReportStore(Path dir, String prefix) {
        this.dir = dir.toAbsolutePath().normalize();
        this.keys = new ReportKeys(prefix);
    }

    @Override
    public void verifyAccess() {
        Path reports = path(keys.prefix());
        try {
            Files.createDirectories(reports);
            if (!Files.isWritable(reports)) {
                throw new IOException("not writable");
            }
        } catch (IOException e) {
            throw new ReportStoreException("Cannot use the report folder " + reports + ": " + e, e);
        }
    }

    @Override
    public StoredReport store(String runId, Instant startedAt, String markdown, String summaryJson) {
        Path report = path(keys.datedReport(runId, startedAt));
        Path summary = path(keys.datedSummary(runId, startedAt));
        write(report, markdown);
        write(summary, summaryJson);
        write(path(keys.latestReport()), markdown);
        write(path(keys.latestSummary()), summaryJson);
        return new StoredReport(report.toString(), summary.toString());
    }

    @Override
    public StoredReport locate(String runId, Instant startedAt) {
        return new StoredReport(path(keys.datedReport(runId, startedAt)).toString(),
                path(keys.datedSummary(runId, startedAt)).toString());
    }

    @Override
    public String storeProblems(String runId, Instant startedAt, Path jsonLines) {
        Path target = path(keys.datedProblems(runId, startedAt));
        try {
            Files.createDirectories(target.getParent());
            Files.copy(jsonLines, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ReportStoreException("Cannot write the problems file " + target + ": " + e, e);
        }
        return target.toString();
    }

    private Path path(String key) {
        return key.isEmpty() ? dir : dir.resolve(key).normalize();
    }

    /** Temporary file + atomic move, so latest.md is never seen half-written. */
    private static void write(Path target, String content) {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ReportStoreException("Cannot write the report file " + target + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    @Override
    public String toString() {
        return "FileReportStore[" + path(keys.prefix()) + "]";
    }
}
