package io.airsync.sync;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The engine suite against the packaged artifact. Runs with {@code ./mvnw verify -Dnative} (the native profile turns
 * integration tests on): the native bootstrap polls the Lambda Runtime API emulator the test resources start for it
 * ({@code LambdaRuntimeApiResource}, whose address reaches the process as configuration). Not run by the default
 * build: a JVM package has no poll loop of its own (Lambda's Java runtime calls the stream handler).
 */
@QuarkusIntegrationTest
class SyncEngineIT extends SyncEngineTest {
}
