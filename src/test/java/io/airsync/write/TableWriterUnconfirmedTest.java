package io.airsync.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.airtable.AirtableClient;
import io.airsync.airtable.AirtableClientTestProfile;
import io.airsync.airtable.AirtableSettings;
import io.airsync.testing.RecordingWriteListener;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.EmulatorOptions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A write whose answer never comes (the emulator applies it, then drops the connection, on every retry) ends as
 * UNCONFIRMED with its cause, for each record of the batch, never as a created record nor as an internal error; and
 * the records did land, which is why the next run adopts them by key rather than trusting "failed".
 */
@QuarkusTest
@TestProfile(AirtableClientTestProfile.class)
class TableWriterUnconfirmedTest {

    static final String BASE = "appUnconfirmed0001";
    static final String TOKEN = "patUnconfirmed.0123456789abcdef";

    @Test
    void aWriteNeverAnsweredIsUnconfirmedWithItsCause() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (AirtableEmulator emulator = AirtableEmulator.start(new EmulatorOptions().token(TOKEN).requestsPerSecond(0))) {
            emulator.addBase(BASE, """
                    {"tables":[{"name":"Users","fields":[
                      {"name":"Key","type":"singleLineText"},{"name":"Name","type":"singleLineText"}]}]}""");
            emulator.faults().applyThenDropNext(100);
            AirtableClient client = new AirtableClient(AirtableSettings.defaults(emulator.url()).withRetries(2, 1)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
            RecordingWriteListener listener = new RecordingWriteListener();
            TableWriter writer = new TableWriter(client.base(BASE, TOKEN).table("Users"), "Key", pool, 2,
                    listener);
            for (String id : List.of("a1", "a2", "a3")) {
                RecordingWriteListener.create(writer, id);
            }
            writer.flush();
            client.close();

            assertEquals(List.of(), listener.written);
            assertEquals(3, listener.failed.size());
            for (String[] f : listener.failed) {
                assertEquals(TableWriter.UNCONFIRMED, f[1], String.join(" | ", f));
                assertTrue(f[2].contains("may or may not be in Airtable") && f[2].contains("adopts it by key"), f[2]);
            }
            assertEquals(3, emulator.records(BASE, "Users").size(), "the writes did land: their fate was unknown");
        } finally {
            pool.shutdownNow();
        }
    }
}
