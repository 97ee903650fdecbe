package io.airsync.testing.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gives the function a fresh folder for local state and reports (no DynamoDB table, no bucket), known to the test
 * JVM too, so the same test runs against the app in the test JVM and against the packaged artifact.
 */
public class LocalDirResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Path dir;

    public static Path dir() {
        return dir;
    }

    /** Deletes everything the function kept locally (state, lock, checkpoint, reports). */
    public static void wipe() {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(Path.of("target"));
            dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "local-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("airsync.local.dir", dir.toString());
    }

    @Override
    public void stop() {
        wipe();
    }
}
