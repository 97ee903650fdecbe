package io.airsync.testing.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The packaged JVM function, named by the build: the pom passes {@code ${project.build.finalName}-runner.jar} as the
 * system property {@value #PROPERTY} to failsafe and to the local run, so a renamed artifact or version changes
 * nothing here. A missing package is an error, never a reason to skip.
 */
public final class RunnerJar {

    public static final String PROPERTY = "airsync.runner.jar";

    private RunnerJar() {
    }

    /** The runner jar; IllegalStateException naming what is wrong when the property is unset or the jar missing. */
    public static Path required() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set: run through Maven "
                    + "(./mvnw verify), which passes the build's runner jar");
        }
        Path jar = Path.of(configured);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no JVM runner jar at " + jar + ": the package phase did not build it "
                    + "(a native build makes none; these tests need the JVM package)");
        }
        return jar;
    }
}
