package io.airsync.airtable;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Quarkus settings for the client's HTTP tests: debug logging of the client so the token check sees everything it
 * could log. (The Lambda Runtime API is each application's own, on a free port: LambdaRuntimeApiResource.)
 */
public class AirtableClientTestProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.log.category.\"io.airsync.airtable\".level", "DEBUG",
                "quarkus.log.category.\"org.jboss.resteasy.reactive.client\".level", "DEBUG",
                "quarkus.log.category.\"io.quarkus.rest.client\".level", "DEBUG");
    }
}
