package io.airsync.testing.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The sample invocation payloads in {@code infra/events/} (valid ones at the top, refused ones under
 * {@code invalid/}), plus the oversized one, generated rather than committed.
 */
public final class SampleEvents {

    /** The handler's {@code status} for every valid sample (against a healthy stack). */
    public static final String VALID_STATUS = "succeeded";
    /** The handler's {@code status} for every sample under {@code invalid/} and for {@link #hugePayload()}. */
    public static final String INVALID_STATUS = "invalid";
    /** Bigger than Lambda accepts for an asynchronous invoke (1 MB), smaller than a synchronous one (6 MB). */
    public static final int HUGE_PAYLOAD_BYTES = 1024 * 1024 + 1;

    private SampleEvents() {
    }

    /** {@code infra/events} of the project (the working directory when Maven runs tests). */
    public static Path directory() {
        return Path.of(System.getProperty("user.dir"), "infra", "events");
    }

    /** A sample by its path under {@code infra/events}, e.g. {@code scheduler.json}, {@code invalid/wrong-type.json}. */
    public static String read(String name) {
        Path file = directory().resolve(name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample event " + file, e);
        }
    }

    /** Valid samples by name. */
    public static Map<String, String> valid() {
        return load(directory(), "");
    }

    /** Refused samples by name ({@code invalid/...}). */
    public static Map<String, String> invalid() {
        return load(directory().resolve("invalid"), "invalid/");
    }

    /** The status the handler answers a sample with: {@link #INVALID_STATUS} under invalid/, else {@link #VALID_STATUS}. */
    public static String expectedStatus(String name) {
        return name.startsWith("invalid/") ? INVALID_STATUS : VALID_STATUS;
    }

    /**
     * {@code {"tables":["Users","Users",...]}} of {@value #HUGE_PAYLOAD_BYTES} bytes or a little more: well-formed,
     * of the right shape, and far too big; the handler must refuse it without echoing it.
     */
    public static String hugePayload() {
        StringBuilder json = new StringBuilder(HUGE_PAYLOAD_BYTES + 16).append("{\"tables\":[\"Users\"");
        while (json.length() < HUGE_PAYLOAD_BYTES - 2) {
            json.append(",\"Users\"");
        }
        return json.append("]}").toString();
    }

    private static Map<String, String> load(Path dir, String prefix) {
        Map<String, String> samples = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(f ->
                    samples.put(prefix + f.getFileName(), read(prefix + f.getFileName())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list sample events in " + dir, e);
        }
        return samples;
    }
}
