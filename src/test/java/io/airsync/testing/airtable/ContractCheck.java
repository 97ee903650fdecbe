package io.airsync.testing.airtable;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The emulator's behaviours, asked of a real Airtable base and of a fresh emulator alike, answer by answer: creates
 * the scratch tables through the metadata API on both, runs each scenario on both, and returns one row per behaviour
 * (real answer, emulator answer, same or not). Answers are reduced to what the emulator promises: status, error type,
 * and the values or counts that matter, never IDs or times. {@link ContractCheckMain} is the command.
 *
 * <p>Refuses a base that already holds records unless told otherwise: the check writes and deletes records. The
 * scratch tables stay (the Web API cannot delete tables); the records it made are deleted at the end.
 */
public final class ContractCheck {

    /** One behaviour's answers. */
    public record Row(String behaviour, String real, String emulator) {
        public boolean same() {
            return real.equals(emulator);
        }
    }

    /** Thrown when the real base holds records and the caller did not allow it. */
    public static final class BaseNotEmptyException extends RuntimeException {
        BaseNotEmptyException(String message) {
            super(message);
        }
    }

    /** One side of the comparison: an API root, a token and a base, with requests spaced for Airtable's 5/s. */
    static final class Side {
        final HttpJson http;
        final String baseId;
        final Duration spacing;
        final List<String[]> madeRecords = new ArrayList<>();
        String table;
        String plusTable;

        Side(String url, String token, String baseId, Duration spacing) {
            this.http = new HttpJson(url.replaceAll("/+$", ""), token);
            this.baseId = baseId;
            this.spacing = spacing;
        }

        HttpJson.Response send(String method, String path, Object body) {
            if (!spacing.isZero()) {
                try {
                    Thread.sleep(spacing.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return http.send(method, path, body);
        }

        String tablePath(String table) {
            return "/v0/" + baseId + "/" + HttpJson.enc(table);
        }

        String records() {
            return tablePath(table);
        }

        /** Creates one record and remembers it for the clean-up; its ID. */
        String create(Map<String, Object> fields) {
            HttpJson.Response r = send("POST", records(), Map.of("fields", fields));
            if (r.status() != 200) {
                throw new IllegalStateException("could not create a scratch record in " + baseId + ": " + r);
            }
            String id = (String) r.map().get("id");
            madeRecords.add(new String[] {table, id});
            return id;
        }
    }

    private final Side real;
    private final Side emulator;
    private final boolean allowRecords;

    /**
     * @param real     the real API (or, in tests, a second emulator standing in for it)
     * @param emulator a fresh emulator side with the same base ID, holding only "Table 1" (as a new base does)
     */
    ContractCheck(Side real, Side emulator, boolean allowRecords) {
        this.real = real;
        this.emulator = emulator;
        this.allowRecords = allowRecords;
    }

    /** Runs every behaviour on both sides; the rows in order. */
    public List<Row> run() {
        refuseBaseWithRecords();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        for (Side side : List.of(real, emulator)) {
            side.table = createTable(side, "airsync contract " + stamp, mainFields());
            side.plusTable = createTable(side, "airsync+plus+" + stamp, List.of(Map.of("name", "Name", "type", "singleLineText")));
        }
        List<Row> rows = new ArrayList<>();
        try {
            for (Map.Entry<String, Function<Side, String>> scenario : scenarios().entrySet()) {
                rows.add(new Row(scenario.getKey(), answer(scenario.getValue(), real), answer(scenario.getValue(), emulator)));
            }
        } finally {
            cleanUp(real);
            cleanUp(emulator);
        }
        return rows;
    }

    /** The rows as a table for a terminal, and a last line counting the differences. */
    public static String render(List<Row> rows) {
        int w0 = "behaviour".length();
        int w1 = "real".length();
        int w2 = "emulator".length();
        for (Row r : rows) {
            w0 = Math.max(w0, r.behaviour().length());
            w1 = Math.max(w1, r.real().length());
            w2 = Math.max(w2, r.emulator().length());
        }
        String format = "%-" + w0 + "s | %-" + w1 + "s | %-" + w2 + "s | %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "behaviour", "real", "emulator", "same"));
        out.append("-".repeat(w0 + w1 + w2 + 15)).append('\n');
        long differ = 0;
        for (Row r : rows) {
            out.append(String.format(format, r.behaviour(), r.real(), r.emulator(), r.same() ? "yes" : "NO"));
            differ += r.same() ? 0 : 1;
        }
        out.append(differ == 0 ? "All " + rows.size() + " behaviours answer the same."
                : differ + " of " + rows.size() + " behaviours differ: the emulator should answer as the real API does.");
        return out.append('\n').toString();
    }

    // ------------------------------------------------------------------------------------------------- scenarios

    private static List<Object> mainFields() {
        return List.of(
                Map.of("name", "Key", "type", "singleLineText"),
                Map.of("name", "Email", "type", "email"),
                Map.of("name", "Amount", "type", "number", "options", Map.of("precision", 2)),
                Map.of("name", "Notes", "type", "richText"),
                Map.of("name", "Status", "type", "singleSelect", "options",
                        Map.of("choices", List.of(Map.of("name", "open"), Map.of("name", "closed")))));
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> upsert(String mergeOn, Map<String, Object> fields) {
        return Map.of("performUpsert", Map.of("fieldsToMergeOn", List.of(mergeOn)), "records", List.of(Map.of("fields", fields)));
    }

    /** Status and error type: what the emulator promises of a refusal. */
    private static String outcome(HttpJson.Response r) {
        String type = r.errorType();
        return r.status() + (type == null ? "" : " " + type);
    }

    @SuppressWarnings("unchecked")
    private static String upsertCounts(HttpJson.Response r, Side side) {
        if (r.status() != 200) {
            return outcome(r);
        }
        for (Map<String, Object> rec : r.records()) {
            side.madeRecords.add(new String[] {side.table, (String) rec.get("id")});
        }
        return "200 created " + ((List<Object>) r.map().get("createdRecords")).size()
                + ", updated " + ((List<Object>) r.map().get("updatedRecords")).size();
    }

    private static String quoted(Object v) {
        return v == null ? "(no cell)" : Json.writeString(v);
    }

    /** Each behaviour the emulator claims, in the order it is printed. */
    private Map<String, Function<Side, String>> scenarios() {
        Map<String, Function<Side, String>> s = new LinkedHashMap<>();
        s.put("create a record: fields answered", side -> {
            HttpJson.Response r = side.send("POST", side.records(), Map.of("fields", fields("Key", "c1", "Amount", 12.5, "Status", "open")));
            if (r.status() == 200) {
                side.madeRecords.add(new String[] {side.table, (String) r.map().get("id")});
            }
            return r.status() + " " + (r.status() == 200 ? new TreeSet<>(r.fields().keySet()) + " Amount=" + r.fields().get("Amount") : r.errorType());
        });
        s.put("upsert: no match creates", side -> upsertCounts(side.send("PATCH", side.records(), upsert("Key", fields("Key", "u1", "Amount", 1))), side));
        s.put("upsert: one match updates", side -> upsertCounts(side.send("PATCH", side.records(), upsert("Key", fields("Key", "u1", "Amount", 2))), side));
        s.put("upsert: empty merge value creates", side -> upsertCounts(side.send("PATCH", side.records(),
                upsert("Key", fields("Key", null, "Amount", 3))), side));
        s.put("upsert: merge on an email field", side -> upsertCounts(side.send("PATCH", side.records(),
                upsert("Email", fields("Email", "contract@example.com"))), side));
        s.put("upsert: merge on a number field", side -> upsertCounts(side.send("PATCH", side.records(),
                upsert("Amount", fields("Amount", 77))), side));
        s.put("unknown table", side -> outcome(side.send("GET", side.tablePath("airsync no such table"), null)));
        s.put("table path with '+' for its spaces", side -> outcome(side.send("GET", "/v0/" + side.baseId + "/"
                + side.table.replace(' ', '+'), null)));
        s.put("table path with '+' in its name", side -> outcome(side.send("GET", "/v0/" + side.baseId + "/"
                + side.plusTable, null)));
        s.put("unknown field name", side -> outcome(side.send("POST", side.records(), Map.of("fields", fields("Nope", "x")))));
        s.put("text in a number field", side -> outcome(side.send("POST", side.records(), Map.of("fields", fields("Amount", "ten")))));
        s.put("select value not an option, no typecast", side -> outcome(side.send("POST", side.records(),
                Map.of("fields", fields("Status", "pending")))));
        s.put("11 records in one create", side -> {
            List<Object> records = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                records.add(Map.of("fields", fields("Key", "b" + i)));
            }
            return outcome(side.send("POST", side.records(), Map.of("records", records)));
        });
        s.put("pageSize 101", side -> outcome(side.send("GET", side.records() + "?pageSize=101", null)));
        s.put("rich text: Markdown normalised", side -> {
            HttpJson.Response r = side.send("POST", side.records(), Map.of("fields", fields("Key", "r1", "Notes", "#header\n* bullet")));
            if (r.status() != 200) {
                return outcome(r);
            }
            side.madeRecords.add(new String[] {side.table, (String) r.map().get("id")});
            return "200 " + quoted(r.fields().get("Notes"));
        });
        s.put("rich text: emptied cell", side -> {
            String id = side.create(fields("Key", "r2", "Notes", "text"));
            Map<String, Object> empty = new LinkedHashMap<>();
            empty.put("Notes", null);
            HttpJson.Response r = side.send("PATCH", side.records() + "/" + id, Map.of("fields", empty));
            return r.status() != 200 ? outcome(r) : "200 " + quoted(r.fields().get("Notes"));
        });
        s.put("POST listRecords: timeZone in the body", side -> outcome(side.send("POST", side.records() + "/listRecords",
                Map.of("cellFormat", "string", "timeZone", "Europe/Paris", "userLocale", "fr"))));
        s.put("POST listRecords: timeZone in the query", side -> outcome(side.send("POST", side.records()
                + "/listRecords?timeZone=Europe%2FParis&userLocale=fr", Map.of("cellFormat", "string"))));
        s.put("GET a deleted record", side -> outcome(side.send("GET", side.records() + "/" + deleted(side), null)));
        s.put("DELETE a deleted record", side -> outcome(side.send("DELETE", side.records() + "/" + deleted(side), null)));
        s.put("batch DELETE with a deleted record", side -> {
            String live = side.create(fields("Key", "d2"));
            return outcome(side.send("DELETE", side.records() + "?records[]=" + live + "&records[]=" + deleted(side), null));
        });
        s.put("batch PATCH of a deleted record", side -> outcome(side.send("PATCH", side.records(),
                Map.of("records", List.of(Map.of("id", deleted(side), "fields", fields("Key", "gone")))))));
        return s;
    }

    /** A record created and deleted again: its ID names nothing any more. */
    private static String deleted(Side side) {
        String id = side.create(fields("Key", "deleted"));
        side.send("DELETE", side.records() + "/" + id, null);
        side.madeRecords.removeIf(r -> r[1].equals(id));
        return id;
    }

    private static String answer(Function<Side, String> scenario, Side side) {
        try {
            return scenario.apply(side);
        } catch (RuntimeException e) {
            return "error: " + e.getMessage();
        }
    }

    // ------------------------------------------------------------------------------------------------ set-up

    @SuppressWarnings("unchecked")
    private void refuseBaseWithRecords() {
        HttpJson.Response schema = real.send("GET", "/v0/meta/bases/" + real.baseId + "/tables", null);
        if (schema.status() != 200) {
            throw new IllegalStateException("cannot read the schema of base " + real.baseId + " (" + outcome(schema)
                    + "): the token needs schema.bases:read and schema.bases:write, data.records:read and"
                    + " data.records:write on this base");
        }
        if (allowRecords) {
            return;
        }
        for (Object t : (List<Object>) schema.map().get("tables")) {
            Map<String, Object> table = (Map<String, Object>) t;
            HttpJson.Response page = real.send("GET", "/v0/" + real.baseId + "/" + table.get("id") + "?pageSize=1", null);
            if (page.status() == 200 && !page.records().isEmpty()) {
                throw new BaseNotEmptyException("base " + real.baseId + " holds records (table '" + table.get("name")
                        + "'): give the ID of an empty scratch base, or --allow-records to use this one anyway");
            }
        }
    }

    private static String createTable(Side side, String name, List<Object> fields) {
        HttpJson.Response r = side.send("POST", "/v0/meta/bases/" + side.baseId + "/tables", Map.of("name", name, "fields", fields));
        if (r.status() != 200) {
            throw new IllegalStateException("could not create the scratch table '" + name + "' in base " + side.baseId
                    + ": " + r);
        }
        return name;
    }

    private static void cleanUp(Side side) {
        for (String[] made : side.madeRecords) {
            side.send("DELETE", side.tablePath(made[0]) + "/" + made[1], null);
        }
        side.madeRecords.clear();
    }
}
