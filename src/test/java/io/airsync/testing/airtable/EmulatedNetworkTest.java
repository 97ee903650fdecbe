package io.airsync.testing.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The emulator's one-way delay and competing client (issue 11). Only lower bounds on time are asserted. */
class EmulatedNetworkTest {
    static final String BASE = "appNetworkTest001";
    static final String SCHEMA = "{\"tables\":[{\"name\":\"Users\",\"fields\":[{\"name\":\"Name\",\"type\":\"singleLineText\"}]}]}";

    @Test
    void aRequestArrivesAfterTheWayThereAndIsAnsweredAfterTheWayBack() throws Exception {
        try (AirtableEmulator airtable = AirtableEmulator.start(new EmulatorOptions().requestsPerSecond(0)
                .oneWayDelay(OneWayDelay.parse("120ms")))) {
            airtable.addBase(BASE, SCHEMA);
            Instant sent = Instant.now();
            long t0 = System.nanoTime();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(airtable.url() + "/v0/" + BASE + "/Users"))
                    .header("Authorization", "Bearer " + EmulatorOptions.DEFAULT_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - t0);
            assertEquals(200, answer.statusCode());
            LoggedRequest logged = airtable.requests().get(0);
            assertTrue(Duration.between(sent, logged.at()).toMillis() >= 115, "stamped on arrival, after the way there");
            assertTrue(roundTrip.toMillis() >= 240, "both ways: " + roundTrip.toMillis() + " ms");
        }
    }

    @Test
    void theCompetingClientSpendsTheBasesBudgetAndIsLoggedApart() throws Exception {
        try (AirtableEmulator airtable = AirtableEmulator.start(new EmulatorOptions().requestsPerSecond(5)
                .competingRequestsPerSecond(20))) {
            airtable.addBase(BASE, SCHEMA);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (airtable.requests().size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<LoggedRequest> log = airtable.requests();
            assertTrue(log.size() >= 6, "20/s: " + log.size());
            assertTrue(log.stream().allMatch(LoggedRequest::isCompetingClient));
            assertEquals(5, log.stream().filter(r -> r.status() == 200).limit(5).count());
            assertEquals(429, log.get(5).status(), "the sixth within a second is refused, like anyone's");
            HttpResponse<String> ours = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(airtable.url() + "/v0/" + BASE + "/Users"))
                    .header("Authorization", "Bearer " + EmulatorOptions.DEFAULT_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(429, ours.statusCode(), "the base is in its penalty for everyone");
        }
    }

    @Test
    void delaysAreReadFromText() {
        assertEquals(new OneWayDelay(Duration.ZERO, Duration.ofMillis(100)), OneWayDelay.parse("0-100ms"));
        assertEquals(new OneWayDelay(Duration.ofMillis(50), Duration.ofMillis(50)), OneWayDelay.parse("50"));
        assertEquals(OneWayDelay.NONE, OneWayDelay.parse("none"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OneWayDelay.parse("fast"));
        assertTrue(e.getMessage().contains("\"fast\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OneWayDelay.parse("100-50ms"));
        for (int i = 0; i < 100; i++) {
            Duration d = OneWayDelay.parse("10-20ms").draw();
            assertTrue(d.toMillis() >= 10 && d.toNanos() <= 20_000_000L, d.toString());
        }
    }
}
