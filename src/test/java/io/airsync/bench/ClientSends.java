package io.airsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When Airsync's client sent each request, from the function's debug log line "Airtable ...: sending" (written by
 * BaseRequestExecutor right after the request got its rate permit, just before the HTTP call). Millisecond precision.
 */
final class ClientSends {

    /** The system property that turns those log lines on in the function. */
    static final String DEBUG_OPTION = "-Dquarkus.log.category.\"io.airsync.airtable.BaseRequestExecutor\".level=DEBUG";

    private static final Pattern SENDING = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) +DEBUG .*Airtable .*: sending$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private ClientSends() {
    }

    static List<Instant> read(Path functionOutput) {
        List<Instant> sends = new ArrayList<>();
        try (var lines = Files.lines(functionOutput)) {
            lines.forEach(line -> {
                Matcher m = SENDING.matcher(line);
                if (m.find()) {
                    sends.add(LocalDateTime.parse(m.group(1), STAMP).atZone(ZoneId.systemDefault()).toInstant());
                }
            });
        } catch (IOException | RuntimeException e) {
            // no log: no sends known
        }
        Collections.sort(sends);
        return sends;
    }

    /** The shortest time spanned by {@code n} consecutive sends between {@code from} and {@code to}; null if fewer. */
    static Duration tightestSpan(List<Instant> sends, Instant from, Instant to, int n) {
        List<Instant> in = sends.stream().filter(s -> !s.isBefore(from) && !s.isAfter(to)).toList();
        Duration best = null;
        for (int i = 0; i + n - 1 < in.size(); i++) {
            Duration d = Duration.between(in.get(i), in.get(i + n - 1));
            if (best == null || d.compareTo(best) < 0) {
                best = d;
            }
        }
        return best;
    }

    /**
     * Delay from send to arrival at the emulator, pairing the k-th send with the k-th arrival (both sorted); only
     * meaningful when the counts match. Returns {p50, p99, max} in ms, or null.
     */
    static long[] sendToArrival(List<Instant> sends, List<Instant> arrivals) {
        if (sends.isEmpty() || sends.size() != arrivals.size()) {
            return null;
        }
        List<Instant> a = new ArrayList<>(arrivals);
        Collections.sort(a);
        long[] d = new long[sends.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Duration.between(sends.get(i), a.get(i)).toMillis();
        }
        java.util.Arrays.sort(d);
        return new long[] {d[d.length / 2], d[(int) Math.min(d.length - 1, Math.round(d.length * 0.99))], d[d.length - 1]};
    }
}
