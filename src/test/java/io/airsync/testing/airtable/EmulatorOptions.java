package io.airsync.testing.airtable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of an {@link AirtableEmulator}. Fluent setters return {@code this}; every field is volatile and read per
 * request, so changes made while the emulator runs take effect immediately (except {@link #port} and
 * {@link #dataDir}, which are read at start).
 */
public final class EmulatorOptions {
    public static final String DEFAULT_TOKEN = "test-token";
    /** Scopes of a personal access token that the emulator checks. */
    public static final String READ_RECORDS = "data.records:read";
    public static final String WRITE_RECORDS = "data.records:write";
    public static final String READ_SCHEMA = "schema.bases:read";
    public static final String WRITE_SCHEMA = "schema.bases:write";
    public static final Set<String> ALL_SCOPES = Set.of(READ_RECORDS, WRITE_RECORDS, READ_SCHEMA, WRITE_SCHEMA);

    /**
     * What a personal access token may do: its scopes and the bases it was granted (null: every base of the emulator).
     * Tokens added without a grant may do everything.
     */
    public record TokenGrant(Set<String> scopes, Set<String> baseIds) {
        public static final TokenGrant EVERYTHING = new TokenGrant(ALL_SCOPES, null);

        public TokenGrant {
            scopes = Set.copyOf(scopes);
            baseIds = baseIds == null ? null : Set.copyOf(baseIds);
        }

        public boolean has(String scope) {
            return scopes.contains(scope);
        }

        public boolean grants(String baseId) {
            return baseIds == null || baseIds.contains(baseId);
        }
    }

    private volatile List<String> tokens = List.of(DEFAULT_TOKEN);
    private volatile int port = 0;
    private volatile int requestsPerSecond = 5;
    private volatile Duration penalty = Duration.ofSeconds(30);
    private volatile Duration latency = Duration.ZERO;
    private volatile OneWayDelay oneWayDelay = OneWayDelay.NONE;
    private volatile double competingRequestsPerSecond;
    private volatile Path dataDir;
    private volatile int maxLoggedBodyChars = 100_000;
    private volatile int maxLoggedRequests = 1_000_000;
    private volatile Map<String, TokenGrant> grants = Map.of();
    private volatile boolean apiKeyEraErrors;
    private volatile long monthlyCallLimit = -1;

    public EmulatorOptions() {
    }

    public static EmulatorOptions defaults() {
        return new EmulatorOptions();
    }

    /** Replaces the accepted tokens with this one (which may do everything; other grants are forgotten). */
    public EmulatorOptions token(String token) {
        tokens = List.of(requireToken(token));
        grants = Map.of();
        return this;
    }

    /** Accepts one more token besides those already set. */
    public synchronized EmulatorOptions addToken(String token) {
        List<String> next = new ArrayList<>(tokens);
        next.add(requireToken(token));
        tokens = List.copyOf(next);
        return this;
    }

    /**
     * Accepts one more token that may only use these scopes on these bases (null: every base), as a personal access
     * token created with them. Unknown tables, ungranted bases and missing scopes answer 403
     * INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND.
     */
    public synchronized EmulatorOptions grant(String token, Set<String> scopes, Set<String> baseIds) {
        Map<String, TokenGrant> next = new LinkedHashMap<>(grants);
        next.put(requireToken(token), new TokenGrant(scopes, baseIds));
        grants = Map.copyOf(next);
        if (!tokens.contains(token)) {
            addToken(token);
        }
        return this;
    }

    /** What this accepted token may do. */
    public TokenGrant grantOf(String token) {
        return grants.getOrDefault(token, TokenGrant.EVERYTHING);
    }

    /**
     * Answer unknown tables with 404 TABLE_NOT_FOUND and unknown bases with 404 NOT_FOUND, as Airtable did for API
     * keys (the recorded traffic of 2017-2022). Default false: 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND, as it
     * answers personal access tokens.
     */
    public EmulatorOptions apiKeyEraErrors(boolean apiKeyEra) {
        this.apiKeyEraErrors = apiKeyEra;
        return this;
    }

    public boolean apiKeyEraErrors() {
        return apiKeyEraErrors;
    }

    /**
     * The plan's API calls a month (for the whole emulator, as Airtable counts per workspace): once this many requests
     * were answered, every request answers 429 PUBLIC_API_BILLING_LIMIT_EXCEEDED. Negative (default): no limit.
     */
    public EmulatorOptions monthlyCallLimit(long calls) {
        this.monthlyCallLimit = calls;
        return this;
    }

    public long monthlyCallLimit() {
        return monthlyCallLimit;
    }

    /** The first accepted token (the one a client should use). */
    public String token() {
        return tokens.get(0);
    }

    public List<String> tokens() {
        return tokens;
    }

    public boolean acceptsToken(String token) {
        return token != null && tokens.contains(token);
    }

    /** TCP port on 127.0.0.1; 0 (the default) picks a free port. Read at start. */
    public EmulatorOptions port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        this.port = port;
        return this;
    }

    public int port() {
        return port;
    }

    /** Requests per base in any sliding second before 429 (default 5, as Airtable). 0 or less: no limit. */
    public EmulatorOptions requestsPerSecond(int requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
        return this;
    }

    public int requestsPerSecond() {
        return requestsPerSecond;
    }

    /** How long a base answers 429 to everything after exceeding the rate (default 30 s, as Airtable). */
    public EmulatorOptions penalty(Duration penalty) {
        this.penalty = requireNonNegative(penalty, "penalty");
        return this;
    }

    public Duration penalty() {
        return penalty;
    }

    /** Delay added before every answer (default 0). */
    public EmulatorOptions latency(Duration latency) {
        this.latency = requireNonNegative(latency, "latency");
        return this;
    }

    public Duration latency() {
        return latency;
    }

    /**
     * The network, each way: every request is held up by a draw from this before it arrives (is stamped, counted by
     * the rate limit, logged), and every answer by another draw before it is sent back. Default {@link OneWayDelay#NONE}.
     */
    public EmulatorOptions oneWayDelay(OneWayDelay delay) {
        this.oneWayDelay = Objects.requireNonNull(delay, "oneWayDelay");
        return this;
    }

    public OneWayDelay oneWayDelay() {
        return oneWayDelay;
    }

    /**
     * Another client of every base (an integration, a script), sending this many requests per second, each at least 1/rate after the previous one:
     * each is counted by the base's rate limit like any request (and refused during a penalty), and logged with the
     * path {@code /v0/<baseId>/}{@value LoggedRequest#COMPETING_CLIENT_TABLE}. 0 (default): none.
     */
    public EmulatorOptions competingRequestsPerSecond(double requestsPerSecond) {
        if (requestsPerSecond < 0 || Double.isNaN(requestsPerSecond)) {
            throw new IllegalArgumentException("competing requests per second must be 0 or more, was " + requestsPerSecond);
        }
        this.competingRequestsPerSecond = requestsPerSecond;
        return this;
    }

    public double competingRequestsPerSecond() {
        return competingRequestsPerSecond;
    }

    /**
     * Folder where each base persists as {@code <baseId>.json}, loaded at start and saved after every write
     * (by a background writer; {@link AirtableEmulator#close()} waits for the last save). Null (default): memory only.
     */
    public EmulatorOptions dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Request bodies longer than this are cut in the request log (default 100,000 characters). */
    public EmulatorOptions maxLoggedBodyChars(int chars) {
        this.maxLoggedBodyChars = Math.max(0, chars);
        return this;
    }

    public int maxLoggedBodyChars() {
        return maxLoggedBodyChars;
    }

    /** The request log keeps at most this many entries, dropping the oldest (default 1,000,000). */
    public EmulatorOptions maxLoggedRequests(int requests) {
        this.maxLoggedRequests = Math.max(0, requests);
        return this;
    }

    public int maxLoggedRequests() {
        return maxLoggedRequests;
    }

    private static String requireToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        return token;
    }

    private static Duration requireNonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
        return d;
    }
}
