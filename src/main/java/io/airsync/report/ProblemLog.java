package io.airsync.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every failure and problem of a run, one JSON object a line ({@code problems.jsonl}, stored beside the summary), so
 * the report can show the first few of each kind while nothing is lost. Lines go to a temporary file as they come:
 * memory stays the same whatever the number of problems. Thread-safe (writer threads report failures too).
 *
 * <p>A line: {@code {"table":"Users","outcome":"failed","record":"65a1...","field":"Email","type":"CONVERSION",
 * "message":"..."}}, {@code outcome} being {@code failed} (the record was not synced) or {@code problem} (synced, with
 * this remark). Keys and messages are masked before they get here, as everything in the report.
 */
public final class ProblemLog implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    private Path file;
    private BufferedWriter out;
    private long lines;
    private IOException broken;
    private boolean finished;

    /** Appends one problem; a log that cannot write any more counts on and says so in {@link #error()}. */
    public synchronized void add(String table, boolean failed, RunReport.RecordProblem p) {
        lines++;
        if (broken != null || finished) {
            return;
        }
        try {
            if (out == null) {
                file = Files.createTempFile("airsync-problems-", ".jsonl");
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            java.util.Map<String, String> line = new java.util.LinkedHashMap<>();
            line.put("table", table);
            line.put("outcome", failed ? "failed" : "problem");
            line.put("record", p.recordKey());
            line.put("field", p.field());
            line.put("type", p.errorType());
            line.put("message", p.message());
            JSON.writeValue(out, line);
            out.write('\n');
        } catch (IOException e) {
            broken = e;
        }
    }

    /** How many problems were logged. */
    public synchronized long lines() {
        return lines;
    }

    /** The finished file (null when there was no problem); closes the writer. */
    public synchronized Path finish() {
        finished = true;
        closeWriter();
        if (broken != null) {
            throw new UncheckedIOException("the problems file could not be written", broken);
        }
        return file;
    }

    /** Why the file is incomplete, or null. */
    public synchronized String error() {
        return broken == null ? null : broken.toString();
    }

    @Override
    public synchronized void close() {
        closeWriter();
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the folder is cleaned with the sandbox
            }
        }
    }

    private void closeWriter() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                broken = broken == null ? e : broken;
            }
            out = null;
        }
    }
}
