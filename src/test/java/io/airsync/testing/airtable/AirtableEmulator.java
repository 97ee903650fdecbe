package io.airsync.testing.airtable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful stand-in for the Airtable Web API ({@code /v0/...}) on 127.0.0.1: record CRUD, upsert, listing with
 * paging/filter/sort, the metadata API, field validation against each base's schema, per-base rate limiting with a
 * penalty, injected faults and a request log. Behaviour follows recorded real traffic
 * (see {@code infra/airtable/README.md} for what is and is not emulated).
 *
 * <pre>{@code
 * try (AirtableEmulator airtable = AirtableEmulator.start(new EmulatorOptions().requestsPerSecond(50))) {
 *     airtable.addBaseFromFile("appAirsyncLocal01", Path.of("infra/airtable/schema.json"));
 *     // point the client at airtable.url() with token airtable.options().token()
 * }
 * }</pre>
 */
public final class AirtableEmulator implements AutoCloseable {
    static {
        // The JDK server otherwise waits for delayed ACKs on small keep-alive answers (~40 ms per request).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final EmulatorOptions options;
    private final Faults faults = new Faults();
    private final RateLimiter rateLimiter = new RateLimiter();
    private final RequestLog log;
    private final ListCursors cursors = new ListCursors();
    private final Map<String, EmulatedBase> bases = new ConcurrentHashMap<>();
    private final BasePersistence persistence;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ApiRouter router;
    private final Thread competitor;
    private volatile boolean closed;

    private AirtableEmulator(EmulatorOptions options) throws IOException {
        this.options = options;
        this.log = new RequestLog(options);
        Path dataDir = options.dataDir();
        this.persistence = dataDir == null ? null : new BasePersistence(dataDir);
        if (persistence != null) {
            for (EmulatedBase base : persistence.loadAll(this::written)) {
                bases.put(base.id, base);
            }
        }
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "airtable-emulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(factory);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 512);
        this.router = new ApiRouter(options, faults, rateLimiter, log, cursors, bases::get,
                ignored -> new ArrayList<>(bases.values()), this::createTable);
        server.createContext("/", this.router);
        server.setExecutor(executor);
        server.start();
        competitor = new Thread(this::competingClient, "airtable-emulator-competing-client");
        competitor.setDaemon(true);
        competitor.start();
    }

    /**
     * The competing client ({@link EmulatorOptions#competingRequestsPerSecond}): one request to every base per tick,
     * ticks at least 1/rate apart (so it never spends more than its rate in any window), through the same rate limit
     * as any request (a penalty refuses it too).
     */
    private void competingClient() {
        long next = System.nanoTime();
        while (!closed) {
            double rate = options.competingRequestsPerSecond();
            try {
                if (rate <= 0) {
                    Thread.sleep(20);
                    next = System.nanoTime();
                    continue;
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            // Spaced from the moment it actually went: a late tick never puts two of its requests within 1/rate.
            next = now + Math.round(1e9 / rate);
            for (String baseId : bases.keySet()) {
                RequestLog.Entry entry = log.begin(java.time.Instant.now(), "GET",
                        "/v0/" + baseId + "/" + LoggedRequest.COMPETING_CLIENT_TABLE, "", "", baseId);
                entry.status = rateLimiter.admit(baseId, now, options.requestsPerSecond(), options.penalty().toNanos())
                        ? 200 : 429;
            }
        }
    }

    /** Starts an emulator on 127.0.0.1 ({@code options.port()}, 0 = a free port). */
    public static AirtableEmulator start(EmulatorOptions options) {
        Objects.requireNonNull(options, "options");
        try {
            return new AirtableEmulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Airtable emulator on port " + options.port(), e);
        }
    }

    /** Starts an emulator with default options (free port, token "test-token", 5 requests/s, 30 s penalty). */
    public static AirtableEmulator start() {
        return start(new EmulatorOptions());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}; API paths start with {@code /v0/}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Adds a base, or replaces the schema of an existing one (records of tables that remain are kept). The schema is
     * a metadata-API body {@code {"tables":[...]}}; table, field and option IDs are optional (stable generated IDs).
     *
     * @throws IllegalArgumentException naming the table and field when the schema is unusable
     */
    public void addBase(String baseId, String schemaJson) {
        requireBaseId(baseId);
        Object json;
        try {
            json = Json.parse(schemaJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("schema of base " + baseId + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        List<TableDef> tables = TableDef.parseSchema(baseId, json);
        String name = json instanceof Map<?, ?> m && m.get("name") instanceof String s ? s : baseId;
        bases.compute(baseId, (id, existing) -> {
            if (existing == null) {
                return new EmulatedBase(id, name, tables, this::written);
            }
            existing.replaceSchema(name, tables);
            return existing;
        });
        written(bases.get(baseId));
    }

    /**
     * Whether typecast writes may add select choices to the base's fields. Airtable lets only a token whose owner may
     * change the base's fields (a creator) do so; for others it answers 422 {@code INVALID_MULTIPLE_CHOICE_OPTIONS}
     * "Insufficient permissions to create new select option" for the record, as it does without typecast.
     */
    public void refuseSelectOptionCreation(String baseId, boolean refused) {
        EmulatedBase base = bases.get(baseId);
        if (base == null) {
            throw new IllegalArgumentException("no base " + baseId);
        }
        base.refuseChoiceCreation(refused);
    }

    public void addBaseFromFile(String baseId, Path schemaFile) {
        String text;
        try {
            text = Files.readString(schemaFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema file " + schemaFile, e);
        }
        try {
            addBase(baseId, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(schemaFile + ": " + e.getMessage(), e);
        }
    }

    /** The live settings; changes take effect on the next request. */
    public EmulatorOptions options() {
        return options;
    }

    public Faults faults() {
        return faults;
    }

    /** A snapshot of the request log, in arrival order (requests still being answered are not included). */
    public List<LoggedRequest> requests() {
        return log.snapshot();
    }

    public void clearRequests() {
        log.clear();
    }

    /** Starts counting the plan's monthly calls ({@link EmulatorOptions#monthlyCallLimit}) from zero again. */
    public void startNewMonth() {
        router.resetCallCount();
    }

    /** Requests answered since the start or {@link #startNewMonth()}: what Airtable bills against the plan. */
    public long callsThisMonth() {
        return router.callCount();
    }

    /** Forgets the rate-limit windows and penalties of all bases. */
    public void resetRateLimits() {
        rateLimiter.reset();
    }

    /** Base IDs currently served. */
    public List<String> baseIds() {
        return new ArrayList<>(bases.keySet());
    }

    /**
     * All records of a table as the API shows them: {@code [{id, createdTime, fields}]} in creation order, fields by
     * name, empty values omitted, computed fields included where emulated.
     */
    public List<Map<String, Object>> records(String baseId, String tableNameOrId) {
        EmulatedBase base = requireBase(baseId);
        TableData table = requireTable(base, tableNameOrId);
        base.lock.readLock().lock();
        try {
            List<Map<String, Object>> out = new ArrayList<>(table.records.size());
            for (StoredRecord r : table.records.values()) {
                out.add(base.render(table, r, EmulatedBase.Rendering.DEFAULT));
            }
            return out;
        } finally {
            base.lock.readLock().unlock();
        }
    }

    /**
     * Seeds one record (not logged, not rate limited). Fields by name or ID are validated like a typecast write;
     * attachment objects are taken as given. Returns the new record ID.
     *
     * @throws IllegalArgumentException with the API's error text when a value is not acceptable
     */
    public String putRecord(String baseId, String tableNameOrId, Map<String, Object> fields) {
        return seed(baseId, tableNameOrId, null, null, fields);
    }

    /** Seeding with a fixed record ID and creation time (for replaying recordings). */
    String seed(String baseId, String tableNameOrId, String recordId, Long createdMillis, Map<String, Object> fields) {
        EmulatedBase base = requireBase(baseId);
        TableData table = requireTable(base, tableNameOrId);
        @SuppressWarnings("unchecked")
        Map<String, Object> normalized = (Map<String, Object>) Json.normalize(fields == null ? Map.of() : fields);
        try {
            return base.create(table, List.of(new EmulatedBase.RecordInput(recordId, normalized)), true, true, createdMillis)
                    .get(0).id;
        } catch (ApiError e) {
            throw new IllegalArgumentException("cannot seed a record into " + baseId + "/" + table.def.name + ": "
                    + Json.writeString(e.body), e);
        }
    }

    /**
     * Forgets every list offset handed out (records stay): the next request with one of them answers 422
     * LIST_RECORDS_ITERATOR_NOT_AVAILABLE, as Airtable does once its iterator expired (after minutes).
     */
    public void forgetListOffsets() {
        cursors.clear();
    }

    /** Removes all records of the base (the schema stays; auto-numbers restart at 1). */
    public void reset(String baseId) {
        requireBase(baseId).clearRecords();
        cursors.clear();
    }

    /** The base's schema as the metadata API returns it (with any select options typecast has added). */
    public String schemaJson(String baseId) {
        return Json.writeString(requireBase(baseId).schemaJson());
    }

    /**
     * The metadata API's create table ({@code POST /v0/meta/bases/{baseId}/tables}): the base's schema with one table
     * more (IDs generated), answered as the table's schema.
     */
    @SuppressWarnings("unchecked")
    private synchronized Map<String, Object> createTable(String baseId, Map<String, Object> table) {
        EmulatedBase base = requireBase(baseId);
        if (!(table.get("name") instanceof String name) || name.isBlank()) {
            throw ApiError.invalidRequest("a table needs a name");
        }
        if (!(table.get("fields") instanceof List<?> fields) || fields.isEmpty()) {
            throw ApiError.invalidRequest("a table needs at least one field");
        }
        if (base.table(name) != null) {
            throw ApiError.typed(422, "DUPLICATE_TABLE_NAME", "A table named \"" + name + "\" already exists in this base");
        }
        Map<String, Object> schema = new LinkedHashMap<>((Map<String, Object>) Json.normalize(base.schemaJson()));
        List<Object> tables = new ArrayList<>((List<Object>) schema.get("tables"));
        tables.add(table);
        schema.put("tables", tables);
        schema.put("name", base.name());
        try {
            addBase(baseId, Json.writeString(schema));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidRequest(e.getMessage());
        }
        Map<String, Object> after = (Map<String, Object>) Json.normalize(requireBase(baseId).schemaJson());
        for (Object t : (List<Object>) after.get("tables")) {
            Map<String, Object> created = (Map<String, Object>) t;
            if (name.equals(created.get("name"))) {
                return created;
            }
        }
        throw new IllegalStateException("table " + name + " was not added to base " + baseId);
    }

    /** Stops serving; with a data folder, waits until every write is saved. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        competitor.interrupt();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (persistence != null) {
            persistence.close();
        }
    }

    private void written(EmulatedBase base) {
        if (persistence != null && base != null) {
            persistence.markDirty(base);
        }
    }

    private EmulatedBase requireBase(String baseId) {
        EmulatedBase base = bases.get(baseId);
        if (base == null) {
            throw new IllegalArgumentException("no base " + baseId + " in the emulator (bases: " + bases.keySet() + ")");
        }
        return base;
    }

    private static TableData requireTable(EmulatedBase base, String tableNameOrId) {
        TableData table = base.table(tableNameOrId);
        if (table == null) {
            List<String> names = new ArrayList<>();
            base.tables().forEach(t -> names.add(t.def.name));
            throw new IllegalArgumentException("no table " + tableNameOrId + " in base " + base.id + " (tables: " + names + ")");
        }
        return table;
    }

    private static void requireBaseId(String baseId) {
        if (baseId == null || !baseId.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("base ID must be alphanumeric (like appXXXXXXXXXXXXXX), was " + baseId);
        }
    }

    @Override
    public String toString() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("url", url());
        info.put("bases", bases.keySet());
        return "AirtableEmulator" + info;
    }
}
