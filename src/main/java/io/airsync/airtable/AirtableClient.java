package io.airsync.airtable;

/**
 * CONTRACT STUB (to be implemented by the Airtable client work): entry point, like pyairtable's Api.
 * {@code base(baseId, token)} returns the one AirtableBase per base ID in this process (so pacing is shared).
 * Also constructible with {@code new AirtableClient(AirtableSettings)} for tests and benchmarks.
 */
public class AirtableClient {
    public AirtableBase base(String baseId, String token) {
        throw new UnsupportedOperationException("contract stub");
    }
}
