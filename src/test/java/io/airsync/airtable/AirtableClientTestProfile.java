package io.airsync.airtable;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Quarkus settings for the client's HTTP tests: the Lambda mock event server on a free port (several test JVMs
 * run side by side here), and debug logging of the client so the token check sees everything it could log.
 */
public class AirtableClientTestProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.lambda.mock-event-server.test-port", "0",
                "quarkus.log.category.\"io.airsync.airtable\".level", "DEBUG",
                "quarkus.log.category.\"org.jboss.resteasy.reactive.client\".level", "DEBUG",
                "quarkus.log.category.\"io.quarkus.rest.client\".level", "DEBUG");
    }
}
