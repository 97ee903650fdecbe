package io.airsync.testing.airtable;

import java.time.Instant;

/**
 * One request the emulator received, for assertions.
 *
 * @param at      arrival time
 * @param method  HTTP method
 * @param path    URL path, percent-decoded (e.g. {@code /v0/appX/Users Table/recY})
 * @param query   raw (still encoded) query string, "" when none
 * @param body    request body text ("" when none; cut at {@link EmulatorOptions#maxLoggedBodyChars()})
 * @param status  HTTP status answered; 0 when the connection was dropped without a response
 * @param baseId  base the request addressed (data and schema endpoints), null otherwise
 */
public record LoggedRequest(Instant at, String method, String path, String query, String body, int status, String baseId) {
    /** The table name in the path of the emulated competing client's requests. */
    public static final String COMPETING_CLIENT_TABLE = "(competing client)";

    /** True for a request of the emulated competing client ({@link EmulatorOptions#competingRequestsPerSecond}). */
    public boolean isCompetingClient() {
        return baseId != null && path.equals("/v0/" + baseId + "/" + COMPETING_CLIENT_TABLE);
    }

    /** True for record endpoints ({@code /v0/{baseId}/...}), false for {@code /v0/meta/...} and unknown paths. */
    public boolean isDataRequest() {
        return baseId != null && !path.startsWith("/v0/meta/");
    }
}
