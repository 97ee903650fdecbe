package io.airsync.testing.airtable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP front of the emulator: parses the request, holds it for the one-way delay (then it has arrived), applies the
 * rate limit, injected faults, latency and auth (in that order), routes to the base's record operations and writes the JSON answer. Every request is logged.
 */
final class ApiRouter implements HttpHandler {
    private static final int MAX_RECORDS_PER_WRITE = 10;
    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_URL_LENGTH = 16_000;
    private static final Pattern SORT_PARAM = Pattern.compile("sort\\[(\\d+)]\\[(field|direction)]");
    private static final Pattern INDEXED_PARAM = Pattern.compile("(fields|records|recordMetadata)\\[\\d*]");

    private final EmulatorOptions options;
    private final Faults faults;
    private final RateLimiter rateLimiter;
    private final RequestLog log;
    private final ListCursors cursors;
    private final Function<String, EmulatedBase> bases;
    private final Function<Void, List<EmulatedBase>> allBases;
    private final TableCreator tableCreator;
    /** Requests answered (not refused by auth or the billing limit): what the monthly call limit counts. */
    private final java.util.concurrent.atomic.AtomicLong callsAnswered = new java.util.concurrent.atomic.AtomicLong();

    /** The metadata API's "create table": adds a table to a base, answers the table's schema. */
    @FunctionalInterface
    interface TableCreator {
        Map<String, Object> create(String baseId, Map<String, Object> table);
    }

    ApiRouter(EmulatorOptions options, Faults faults, RateLimiter rateLimiter, RequestLog log, ListCursors cursors,
              Function<String, EmulatedBase> bases, Function<Void, List<EmulatedBase>> allBases, TableCreator tableCreator) {
        this.tableCreator = tableCreator;
        this.options = options;
        this.faults = faults;
        this.rateLimiter = rateLimiter;
        this.log = log;
        this.cursors = cursors;
        this.bases = bases;
        this.allBases = allBases;
    }

    void resetCallCount() {
        callsAnswered.set(0);
    }

    long callCount() {
        return callsAnswered.get();
    }

    /** Where a path points. */
    private enum Kind { UNKNOWN, META_BASES, META_TABLES, META_OTHER, BASE_ONLY, TABLE, LIST_RECORDS, RECORD }

    private record Route(Kind kind, String baseId, String table, String recordId, String decodedPath) {
        boolean isRecordRequest() {
            return kind == Kind.BASE_ONLY || kind == Kind.TABLE || kind == Kind.LIST_RECORDS || kind == Kind.RECORD;
        }

        static Route parse(String rawPath) {
            String decodedPath = decode(rawPath);
            List<String> segments = new ArrayList<>();
            for (String s : rawPath.split("/")) {
                if (!s.isEmpty()) {
                    segments.add(decode(s));
                }
            }
            int n = segments.size();
            if (n < 2 || !segments.get(0).equals("v0")) {
                return new Route(Kind.UNKNOWN, null, null, null, decodedPath);
            }
            if (segments.get(1).equals("meta")) {
                if (n == 3 && segments.get(2).equals("bases")) {
                    return new Route(Kind.META_BASES, null, null, null, decodedPath);
                }
                String baseId = n >= 4 && segments.get(2).equals("bases") ? segments.get(3) : null;
                if (n == 5 && segments.get(4).equals("tables") && baseId != null) {
                    return new Route(Kind.META_TABLES, baseId, null, null, decodedPath);
                }
                return new Route(Kind.META_OTHER, baseId, null, null, decodedPath);
            }
            String baseId = segments.get(1);
            return switch (n) {
                case 2 -> new Route(Kind.BASE_ONLY, baseId, null, null, decodedPath);
                case 3 -> new Route(Kind.TABLE, baseId, segments.get(2), null, decodedPath);
                case 4 -> segments.get(3).equals("listRecords")
                        ? new Route(Kind.LIST_RECORDS, baseId, segments.get(2), null, decodedPath)
                        : new Route(Kind.RECORD, baseId, segments.get(2), segments.get(3), decodedPath);
                default -> new Route(Kind.UNKNOWN, baseId, null, null, decodedPath);
            };
        }

        /** Percent-decoding of a path: '+' stays '+' (in a path it is a plus, as Airtable reads it; a space is %20). */
        private static String decode(String raw) {
            try {
                return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return raw;
            }
        }
    }

    private record Answer(int status, Object body) {
    }

    @Override
    public void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        String body;
        try {
            body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            exchange.close();
            return;
        }
        // The way there: the request reaches "Airtable" only now.
        if (!sleep(options.oneWayDelay().draw())) {
            exchange.close();
            return;
        }
        long arrivalNanos = System.nanoTime();
        Instant arrival = Instant.now();
        Route route = Route.parse(rawPath == null ? "/" : rawPath);
        RequestLog.Entry entry = log.begin(arrival, method, route.decodedPath(), rawQuery, body, route.baseId());
        try {
            // 1. Rate limit, counted on arrival (schema requests count too).
            if (route.baseId() != null && !rateLimiter.admit(route.baseId(), arrivalNanos,
                    options.requestsPerSecond(), options.penalty().toNanos())) {
                respondAfterLatency(exchange, entry, ApiError.rateLimited());
                return;
            }
            // 2. Injected faults, record requests only.
            boolean dropAfterApplying = false;
            if (route.isRecordRequest()) {
                if (faults.inRateLimitStorm(System.nanoTime())) {
                    respondAfterLatency(exchange, entry, ApiError.rateLimited());
                    return;
                }
                Faults.Action fault = faults.next(route.decodedPath());
                if (fault != null) {
                    switch (fault.kind()) {
                        case FAIL -> {
                            respondAfterLatency(exchange, entry, ApiError.forStatus(fault.status()));
                            return;
                        }
                        case DELAY -> {
                            if (!sleep(fault.delay())) {
                                drop(exchange, entry);
                                return;
                            }
                        }
                        case DROP -> {
                            drop(exchange, entry);
                            return;
                        }
                        case APPLY_THEN_DROP -> dropAfterApplying = true;
                        case RUN -> fault.run().run();
                    }
                }
            }
            // 3. Latency, 4. auth and the operation itself.
            if (!sleep(options.latency())) {
                drop(exchange, entry);
                return;
            }
            Answer answer;
            try {
                answer = dispatch(method, route, rawPath == null ? "/" : rawPath, rawQuery, body,
                        exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (ApiError e) {
                answer = new Answer(e.status, e.body);
            }
            if (dropAfterApplying) {
                drop(exchange, entry);
                return;
            }
            respond(exchange, entry, answer.status(), answer.body());
        } catch (RuntimeException e) {
            System.err.println("[airtable-emulator] internal error on " + method + " " + route.decodedPath() + ": " + e);
            e.printStackTrace();
            ApiError error = ApiError.forStatus(500);
            respond(exchange, entry, error.status, error.body);
        }
    }

    // ------------------------------------------------------------------ routing

    private Answer dispatch(String method, Route route, String rawPath, String rawQuery, String body, String authorization) {
        if (rawPath.length() + 1 + rawQuery.length() > MAX_URL_LENGTH) {
            // Airtable documents a 16,000-character URL limit (long list requests must use POST .../listRecords).
            throw ApiError.typed(414, "URL_TOO_LONG", "The URL is longer than " + MAX_URL_LENGTH
                    + " characters; send long list requests as POST .../listRecords");
        }
        if (route.kind() == Kind.UNKNOWN) {
            throw ApiError.notFound();
        }
        Map<String, List<String>> query = parseQuery(rawQuery);
        EmulatorOptions.TokenGrant grant = authenticate(authorization);
        long limit = options.monthlyCallLimit();
        if (limit >= 0 && callsAnswered.get() >= limit) {
            throw ApiError.billingLimitExceeded();
        }
        callsAnswered.incrementAndGet();
        switch (route.kind()) {
            case META_BASES: {
                requireMethod(method, "GET");
                requireScope(grant, EmulatorOptions.READ_SCHEMA);
                List<Object> list = new ArrayList<>();
                for (EmulatedBase b : allBases.apply(null)) {
                    if (!grant.grants(b.id)) {
                        continue;
                    }
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("id", b.id);
                    json.put("name", b.name());
                    json.put("permissionLevel", "create");
                    list.add(json);
                }
                return ok(Map.of("bases", list));
            }
            case META_TABLES: {
                EmulatedBase base = base(route, grant);
                if (method.equals("POST")) {
                    requireScope(grant, EmulatorOptions.WRITE_SCHEMA);
                    return ok(tableCreator.create(base.id, object(body)));
                }
                requireMethod(method, "GET");
                requireScope(grant, EmulatorOptions.READ_SCHEMA);
                return ok(base.schemaJson());
            }
            case META_OTHER:
            case BASE_ONLY:
                throw ApiError.notFound();
            default:
                break;
        }
        boolean reads = method.equals("GET") || route.kind() == Kind.LIST_RECORDS;
        EmulatedBase base = base(route, grant);
        requireScope(grant, reads ? EmulatorOptions.READ_RECORDS : EmulatorOptions.WRITE_RECORDS);
        TableData table = base.table(route.table());
        if (table == null) {
            throw options.apiKeyEraErrors() ? ApiError.tableNotFound(route.table(), base.id) : ApiError.invalidPermissions();
        }
        switch (route.kind()) {
            case TABLE:
                return switch (method) {
                    case "GET" -> list(base, table, listQueryFromParams(table, query));
                    case "POST" -> create(base, table, body);
                    case "PATCH" -> update(base, table, body, false);
                    case "PUT" -> update(base, table, body, true);
                    case "DELETE" -> deleteMany(base, table, query);
                    default -> throw ApiError.notFound();
                };
            case LIST_RECORDS:
                requireMethod(method, "POST");
                return list(base, table, listQueryFromBody(table, body, query));
            case RECORD:
                return switch (method) {
                    case "GET" -> getOne(base, table, route.recordId(), query);
                    case "PATCH" -> updateOne(base, table, route.recordId(), body, false);
                    case "PUT" -> updateOne(base, table, route.recordId(), body, true);
                    case "DELETE" -> deleteOne(base, table, route.recordId());
                    default -> throw ApiError.notFound();
                };
            default:
                throw ApiError.notFound();
        }
    }

    private EmulatorOptions.TokenGrant authenticate(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (options.acceptsToken(token)) {
                return options.grantOf(token);
            }
        }
        throw ApiError.authenticationRequired();
    }

    /** A base the token may see; else 403 (404 for API keys), the same for a base that does not exist. */
    private EmulatedBase base(Route route, EmulatorOptions.TokenGrant grant) {
        EmulatedBase base = route.baseId() == null ? null : bases.apply(route.baseId());
        if (base == null || !grant.grants(base.id)) {
            throw options.apiKeyEraErrors() ? ApiError.notFound() : ApiError.invalidPermissions();
        }
        return base;
    }

    private void requireScope(EmulatorOptions.TokenGrant grant, String scope) {
        if (!grant.has(scope)) {
            throw options.apiKeyEraErrors() ? ApiError.notFound() : ApiError.invalidPermissions();
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw ApiError.notFound();
        }
    }

    private static Answer ok(Object body) {
        return new Answer(200, body);
    }

    // ------------------------------------------------------------------ reads

    private Answer list(EmulatedBase base, TableData table, EmulatedBase.ListQuery q) {
        EmulatedBase.Page page = base.list(table, q, cursors);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("records", page.records());
        if (page.offset() != null) {
            json.put("offset", page.offset());
        }
        return ok(json);
    }

    private Answer getOne(EmulatedBase base, TableData table, String recordId, Map<String, List<String>> query) {
        boolean byFieldId = false;
        String cellFormat = null;
        String timeZone = null;
        String userLocale = null;
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String v = e.getValue().get(e.getValue().size() - 1);
            switch (e.getKey()) {
                case "returnFieldsByFieldId" -> byFieldId = bool(v, e.getKey());
                case "cellFormat" -> cellFormat = v;
                case "timeZone" -> timeZone = v;
                case "userLocale" -> userLocale = v;
                default -> throw ApiError.invalidRequest("unknown parameter " + e.getKey());
            }
        }
        EmulatedBase.Rendering rendering = rendering(table, null, byFieldId, cellFormat, timeZone, userLocale);
        StoredRecord r = existing(base, table, recordId);
        return ok(base.renderLocked(table, r, rendering));
    }

    private StoredRecord existing(EmulatedBase base, TableData table, String recordId) {
        if (!Ids.isRecordId(recordId)) {
            throw ApiError.notFound();
        }
        base.lock.readLock().lock();
        try {
            StoredRecord r = base.find(table, recordId);
            if (r == null) {
                throw ApiError.recordNotFound();
            }
            return r;
        } finally {
            base.lock.readLock().unlock();
        }
    }

    private EmulatedBase.ListQuery listQueryFromParams(TableData table, Map<String, List<String>> query) {
        Integer pageSize = null;
        Integer maxRecords = null;
        String offset = null;
        List<String> fields = null;
        String formula = null;
        String cellFormat = null;
        String timeZone = null;
        String userLocale = null;
        boolean byFieldId = false;
        Map<Integer, String[]> sorts = new java.util.TreeMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String key = e.getKey();
            List<String> values = e.getValue();
            String last = values.get(values.size() - 1);
            Matcher sort = SORT_PARAM.matcher(key);
            if (sort.matches()) {
                String[] spec = sorts.computeIfAbsent(Integer.parseInt(sort.group(1)), i -> new String[2]);
                spec[sort.group(2).equals("field") ? 0 : 1] = last;
                continue;
            }
            String base = INDEXED_PARAM.matcher(key).matches() ? key.substring(0, key.indexOf('[')) : key;
            switch (base) {
                case "pageSize" -> pageSize = integer(last, key);
                case "maxRecords" -> maxRecords = integer(last, key);
                case "offset" -> offset = last;
                case "fields" -> {
                    fields = fields == null ? new ArrayList<>() : fields;
                    fields.addAll(values);
                }
                case "filterByFormula" -> formula = last;
                case "view" -> { /* views are not emulated: every view shows all records */ }
                case "cellFormat" -> cellFormat = last;
                case "timeZone" -> timeZone = last;
                case "userLocale" -> userLocale = last;
                case "returnFieldsByFieldId" -> byFieldId = bool(last, key);
                case "recordMetadata" -> { /* commentCount: comments are not emulated */ }
                default -> throw ApiError.invalidRequest("unknown parameter " + key);
            }
        }
        List<EmulatedBase.SortSpec> sortSpecs = new ArrayList<>();
        for (String[] spec : sorts.values()) {
            sortSpecs.add(sortSpec(spec[0], spec[1]));
        }
        return listQuery(table, pageSize, offset, fields, formula, maxRecords, sortSpecs, byFieldId, cellFormat, timeZone, userLocale);
    }

    @SuppressWarnings("unchecked")
    private EmulatedBase.ListQuery listQueryFromBody(TableData table, String body, Map<String, List<String>> query) {
        Map<String, Object> json = object(body.isBlank() ? "{}" : body);
        Integer pageSize = null;
        Integer maxRecords = null;
        String offset = null;
        List<String> fields = null;
        String formula = null;
        String cellFormat = null;
        String timeZone = last(query, "timeZone");
        String userLocale = last(query, "userLocale");
        boolean byFieldId = false;
        List<EmulatedBase.SortSpec> sortSpecs = new ArrayList<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            Object v = e.getValue();
            String key = e.getKey();
            switch (key) {
                case "pageSize" -> pageSize = integer(v, key);
                case "maxRecords" -> maxRecords = integer(v, key);
                case "offset" -> offset = v == null ? null : text(v, key);
                case "fields" -> fields = stringList(v, key);
                case "filterByFormula" -> formula = v == null ? null : text(v, key);
                case "view" -> text(v, key);
                case "cellFormat" -> cellFormat = text(v, key);
                // Airtable reads these two from the query string of POST listRecords, never from the body.
                case "timeZone", "userLocale" -> throw ApiError.invalidRequest(key
                        + " goes in the query string of POST listRecords, not in the body");
                case "returnFieldsByFieldId" -> byFieldId = bool(v, key);
                case "recordMetadata" -> stringList(v, key);
                case "method" -> { /* Airtable.js sends its own "method": "post" along */ }
                case "sort" -> {
                    if (!(v instanceof List<?> list)) {
                        throw ApiError.invalidRequest("sort must be an array");
                    }
                    for (Object s : list) {
                        if (!(s instanceof Map<?, ?> m)) {
                            throw ApiError.invalidRequest("sort entries must be objects");
                        }
                        sortSpecs.add(sortSpec(m.get("field") == null ? null : String.valueOf(m.get("field")),
                                m.get("direction") == null ? null : String.valueOf(m.get("direction"))));
                    }
                }
                default -> throw ApiError.invalidRequest("unknown parameter " + key);
            }
        }
        return listQuery(table, pageSize, offset, fields, formula, maxRecords, sortSpecs, byFieldId, cellFormat, timeZone, userLocale);
    }

    private EmulatedBase.ListQuery listQuery(TableData table, Integer pageSize, String offset, List<String> fields,
                                             String formula, Integer maxRecords, List<EmulatedBase.SortSpec> sort,
                                             boolean byFieldId, String cellFormat, String timeZone, String userLocale) {
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
            throw ApiError.invalidRequest("pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (maxRecords != null && maxRecords < 1) {
            throw ApiError.invalidRequest("maxRecords must be at least 1");
        }
        int size = pageSize == null ? MAX_PAGE_SIZE : pageSize;
        EmulatedBase.Rendering rendering = rendering(table, fields, byFieldId, cellFormat, timeZone, userLocale);
        return new EmulatedBase.ListQuery(size, offset == null || offset.isEmpty() ? null : offset, fields, formula,
                maxRecords, sort, rendering);
    }

    private static EmulatedBase.SortSpec sortSpec(String field, String direction) {
        if (field == null || field.isEmpty()) {
            throw ApiError.invalidRequest("every sort needs a field");
        }
        if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
            throw ApiError.invalidRequest("sort direction must be asc or desc");
        }
        return new EmulatedBase.SortSpec(field, "desc".equals(direction));
    }

    private static EmulatedBase.Rendering rendering(TableData table, List<String> fields, boolean byFieldId,
                                                    String cellFormat, String timeZone, String userLocale) {
        Set<String> projection = null;
        if (fields != null) {
            projection = new LinkedHashSet<>();
            for (String name : fields) {
                FieldDef f = table.def.field(name);
                if (f == null) {
                    throw ApiError.unknownField(name);
                }
                projection.add(f.id);
            }
        }
        boolean asStrings = false;
        if (cellFormat != null && !cellFormat.equals("json")) {
            if (!cellFormat.equals("string")) {
                throw ApiError.invalidRequest("cellFormat must be json or string");
            }
            if (timeZone == null || userLocale == null) {
                throw ApiError.invalidRequest("cellFormat=string needs timeZone and userLocale");
            }
            asStrings = true;
        }
        return new EmulatedBase.Rendering(projection, byFieldId, asStrings);
    }

    // ------------------------------------------------------------------ writes

    private Answer create(EmulatedBase base, TableData table, String body) {
        Map<String, Object> json = object(body);
        boolean typecast = false;
        boolean byFieldId = false;
        for (Map.Entry<String, Object> e : json.entrySet()) {
            switch (e.getKey()) {
                case "records", "fields" -> { }
                case "typecast" -> typecast = bool(e.getValue(), "typecast");
                case "returnFieldsByFieldId" -> byFieldId = bool(e.getValue(), "returnFieldsByFieldId");
                default -> throw ApiError.invalidRequest("unknown parameter " + e.getKey());
            }
        }
        EmulatedBase.Rendering rendering = new EmulatedBase.Rendering(null, byFieldId, false);
        if (json.containsKey("records")) {
            List<EmulatedBase.RecordInput> inputs = recordInputs(json.get("records"), false, false, "created");
            List<StoredRecord> created = base.create(table, inputs, typecast, false, null);
            return ok(Map.of("records", base.renderAll(table, created, rendering)));
        }
        if (!json.containsKey("fields")) {
            throw ApiError.missingField("fields");
        }
        Map<String, Object> fields = fieldsObject(json.get("fields"));
        List<StoredRecord> created = base.create(table, List.of(new EmulatedBase.RecordInput(null, fields)), typecast, false, null);
        return ok(base.renderLocked(table, created.get(0), rendering));
    }

    private Answer update(EmulatedBase base, TableData table, String body, boolean replace) {
        Map<String, Object> json = object(body);
        boolean typecast = false;
        boolean byFieldId = false;
        List<String> mergeOn = null;
        for (Map.Entry<String, Object> e : json.entrySet()) {
            switch (e.getKey()) {
                case "records" -> { }
                case "typecast" -> typecast = bool(e.getValue(), "typecast");
                case "returnFieldsByFieldId" -> byFieldId = bool(e.getValue(), "returnFieldsByFieldId");
                case "performUpsert" -> mergeOn = mergeFields(e.getValue());
                default -> throw ApiError.invalidRequest("unknown parameter " + e.getKey());
            }
        }
        if (!json.containsKey("records")) {
            throw ApiError.missingField("records");
        }
        EmulatedBase.Rendering rendering = new EmulatedBase.Rendering(null, byFieldId, false);
        List<EmulatedBase.RecordInput> inputs = recordInputs(json.get("records"), mergeOn == null, true, "updated");
        if (mergeOn != null) {
            EmulatedBase.UpsertResult result = base.upsert(table, inputs, mergeOn, replace, typecast);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("records", base.renderAll(table, result.records(), rendering));
            answer.put("createdRecords", result.created());
            answer.put("updatedRecords", result.updated());
            return ok(answer);
        }
        List<StoredRecord> updated = base.update(table, inputs, replace, typecast);
        return ok(Map.of("records", base.renderAll(table, updated, rendering)));
    }

    private Answer updateOne(EmulatedBase base, TableData table, String recordId, String body, boolean replace) {
        existing(base, table, recordId);
        Map<String, Object> json = object(body);
        boolean typecast = false;
        boolean byFieldId = false;
        for (Map.Entry<String, Object> e : json.entrySet()) {
            switch (e.getKey()) {
                case "fields" -> { }
                case "typecast" -> typecast = bool(e.getValue(), "typecast");
                case "returnFieldsByFieldId" -> byFieldId = bool(e.getValue(), "returnFieldsByFieldId");
                default -> throw ApiError.invalidRequest("unknown parameter " + e.getKey());
            }
        }
        if (!json.containsKey("fields")) {
            throw ApiError.missingField("fields");
        }
        Map<String, Object> fields = fieldsObject(json.get("fields"));
        List<StoredRecord> updated;
        try {
            updated = base.update(table, List.of(new EmulatedBase.RecordInput(recordId, fields)), replace, typecast);
        } catch (ApiError e) {
            if (e.status == 422 && e.getMessage().startsWith("ROW_DOES_NOT_EXIST") && e.getMessage().contains(recordId)) {
                throw ApiError.recordNotFound(); // deleted meanwhile
            }
            throw e;
        }
        return ok(base.renderLocked(table, updated.get(0), new EmulatedBase.Rendering(null, byFieldId, false)));
    }

    private Answer deleteMany(EmulatedBase base, TableData table, Map<String, List<String>> query) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String key = e.getKey();
            if (key.equals("records")) {
                // A single plain "records=" is a string, not an array, to the real API's parser.
                if (e.getValue().size() < 2) {
                    throw ApiError.invalidRecords("\"records\" must be an array of up to 10 record IDs.");
                }
                ids.addAll(e.getValue());
            } else if (key.startsWith("records[") && INDEXED_PARAM.matcher(key).matches()) {
                ids.addAll(e.getValue());
            } else {
                throw ApiError.invalidRequest("unknown parameter " + key);
            }
        }
        if (ids.isEmpty() || ids.size() > MAX_RECORDS_PER_WRITE) {
            throw ApiError.invalidRecords("\"records\" must be an array of up to 10 record IDs.");
        }
        List<String> deleted = base.delete(table, ids);
        List<Object> records = new ArrayList<>();
        for (String recordId : deleted) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("deleted", true);
            json.put("id", recordId);
            records.add(json);
        }
        return ok(Map.of("records", records));
    }

    private Answer deleteOne(EmulatedBase base, TableData table, String recordId) {
        existing(base, table, recordId);
        base.delete(table, List.of(recordId));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deleted", true);
        json.put("id", recordId);
        return ok(json);
    }

    @SuppressWarnings("unchecked")
    private static List<EmulatedBase.RecordInput> recordInputs(Object value, boolean idRequired, boolean idAllowed, String verb) {
        if (!(value instanceof List<?> list)) {
            throw ApiError.invalidRequest("records must be an array");
        }
        if (list.isEmpty()) {
            throw ApiError.invalidRecords("\"records\" must contain at least one record");
        }
        if (list.size() > MAX_RECORDS_PER_WRITE) {
            throw ApiError.invalidRecords("A maximum of " + MAX_RECORDS_PER_WRITE + " records can be " + verb
                    + " per request but you have provided " + list.size() + ".");
        }
        List<EmulatedBase.RecordInput> inputs = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw ApiError.invalidRequest("every record must be an object");
            }
            Map<String, Object> record = (Map<String, Object>) m;
            for (String key : record.keySet()) {
                if (!key.equals("fields") && !(key.equals("id") && idAllowed)) {
                    throw ApiError.invalidRequest("unknown record parameter " + key);
                }
            }
            if (!record.containsKey("fields")) {
                throw ApiError.missingField("fields");
            }
            String id = record.get("id") == null ? null : String.valueOf(record.get("id"));
            if (idRequired && id == null) {
                throw ApiError.missingField("id");
            }
            inputs.add(new EmulatedBase.RecordInput(id, fieldsObject(record.get("fields"))));
        }
        return inputs;
    }

    private static List<String> mergeFields(Object value) {
        if (!(value instanceof Map<?, ?> m) || m.size() != 1 || !(m.get("fieldsToMergeOn") instanceof List<?> list)) {
            throw ApiError.invalidRequest("performUpsert must be {\"fieldsToMergeOn\": [...]}");
        }
        if (list.isEmpty() || list.size() > 3) {
            throw ApiError.invalidRequest("fieldsToMergeOn must name 1 to 3 fields");
        }
        List<String> names = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw ApiError.invalidRequest("fieldsToMergeOn must name fields");
            }
            names.add(s);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldsObject(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw ApiError.invalidRequest("fields must be an object");
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String body) {
        Object json = Json.parseBody(body.isBlank() ? "null" : body);
        if (!(json instanceof Map<?, ?> m)) {
            throw ApiError.invalidRequest("the request body must be a JSON object");
        }
        return (Map<String, Object>) m;
    }

    // ------------------------------------------------------------------ parameter helpers

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidRequest("malformed query string");
        }
    }

    private static String last(Map<String, List<String>> query, String key) {
        List<String> v = query.get(key);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    private static boolean bool(Object v, String key) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equals("true") || s.equals("1") || s.equals("false") || s.equals("0"))) {
            return s.equals("true") || s.equals("1");
        }
        throw ApiError.invalidRequest(key + " must be a boolean");
    }

    private static Integer integer(Object v, String key) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw ApiError.invalidRequest(key + " must be a whole number");
            }
        }
        throw ApiError.invalidRequest(key + " must be a whole number");
    }

    private static String text(Object v, String key) {
        if (v instanceof String s) {
            return s;
        }
        throw ApiError.invalidRequest(key + " must be a string");
    }

    private static List<String> stringList(Object v, String key) {
        if (!(v instanceof List<?> list)) {
            throw ApiError.invalidRequest(key + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(text(o, key));
        }
        return out;
    }

    // ------------------------------------------------------------------ responses

    private boolean sleep(Duration d) {
        if (d == null || d.isZero()) {
            return true;
        }
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void respondAfterLatency(HttpExchange exchange, RequestLog.Entry entry, ApiError error) {
        if (!sleep(options.latency())) {
            drop(exchange, entry);
            return;
        }
        respond(exchange, entry, error.status, error.body);
    }

    private void respond(HttpExchange exchange, RequestLog.Entry entry, int status, Object body) {
        byte[] bytes = Json.write(body);
        entry.status = status; // logged before the client can see the answer
        sleep(options.oneWayDelay().draw()); // the way back
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client gave up (e.g. its timeout passed during an injected delay)
        } finally {
            exchange.close();
        }
    }

    /** Closes the connection without an answer; the client sees a reset or an empty reply. */
    private static void drop(HttpExchange exchange, RequestLog.Entry entry) {
        entry.status = 0;
        exchange.close();
    }
}
