package io.airsync.airtable;

import io.airsync.time.Ticker;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Entry point, like pyairtable's Api: {@code base(baseId, token)} gives the base; every AirtableBase of one base ID
 * obtained from this client shares one pacer (rate limit, in-flight limit, 429 gate) and one set of stats. In the
 * application there is one client per process (the CDI bean from {@link AirtableClientProducer}), so pacing is
 * process-wide; tests and benchmarks build their own with {@code new AirtableClient(settings)}.
 *
 * <p>The HTTP client is built on the first request, because the Quarkus REST client needs the running Quarkus
 * application; everything before the first request (settings checks, input validation) works without it.
 */
public class AirtableClient implements AutoCloseable {
    private final AirtableSettings settings;
    private final ConcurrentMap<String, BaseRequestExecutor> executors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, HttpAirtableBase> bases = new ConcurrentHashMap<>();
    private final Ticker ticker;
    private volatile AirtableRestApi api;

    public AirtableClient(AirtableSettings settings) {
        this(settings, Ticker.system());
    }

    /** @param ticker the time pacing, penalties and backoff are measured in (tests drive it) */
    public AirtableClient(AirtableSettings settings, Ticker ticker) {
        this.settings = validate(settings);
        this.ticker = java.util.Objects.requireNonNull(ticker, "ticker");
    }

    public AirtableSettings settings() {
        return settings;
    }

    /**
     * The base with this ID, talking with this token. The same AirtableBase is returned for the same base ID (and
     * token); pacing and stats are per base ID whatever the token.
     */
    public AirtableBase base(String baseId, String token) {
        if (baseId == null || baseId.isBlank() || baseId.contains("/") || !baseId.strip().equals(baseId)) {
            throw new IllegalArgumentException("Airtable base ID is empty or malformed: '" + baseId + "'");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("Airtable token for base " + baseId + " is empty");
        }
        return bases.compute(baseId, (id, existing) -> existing != null && existing.usesToken(token)
                ? existing
                : new HttpAirtableBase(id, token, this, executors.computeIfAbsent(id, k -> new BaseRequestExecutor(k, settings, ticker))));
    }

    /** The REST client, built once on first use. */
    AirtableRestApi api() {
        AirtableRestApi a = api;
        if (a == null) {
            synchronized (this) {
                a = api;
                if (a == null) {
                    a = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(URI.create(settings.url()))
                            .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .build(AirtableRestApi.class);
                    api = a;
                }
            }
        }
        return a;
    }

    @Override
    public void close() {
        AirtableRestApi a = api;
        api = null;
        if (a instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // Nothing to do: the connections are gone either way.
            }
        }
    }

    private static AirtableSettings validate(AirtableSettings s) {
        if (s == null) {
            throw new IllegalArgumentException("Airtable settings are missing");
        }
        try {
            URI u = URI.create(s.url());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("airsync.airtable.url is not an http(s) URL: '" + s.url() + "'");
        }
        require(s.requestsPerSecond() > 0, "airsync.airtable.requests-per-second must be above 0, was " + s.requestsPerSecond());
        require(s.maxInFlight() >= 1, "airsync.airtable.max-in-flight must be at least 1, was " + s.maxInFlight());
        require(s.maxRetries() >= 0, "airsync.airtable.max-retries must be 0 or more, was " + s.maxRetries());
        require(s.rateLimitRetries() >= 0, "airsync.airtable.rate-limit-retries must be 0 or more, was " + s.rateLimitRetries());
        require(s.rateLimitPenalty() != null && !s.rateLimitPenalty().isNegative(),
                "airsync.airtable.rate-limit-penalty must be 0 or more, was " + s.rateLimitPenalty());
        require(s.connectTimeout() != null && s.connectTimeout().toMillis() > 0,
                "airsync.airtable.connect-timeout must be above 0, was " + s.connectTimeout());
        require(s.readTimeout() != null && s.readTimeout().toMillis() > 0,
                "airsync.airtable.read-timeout must be above 0, was " + s.readTimeout());
        return s;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
