package io.airsync.airtable;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One table of one base: cuts work into Airtable-sized requests, validates input before any request, and hands
 * each request to the base's paced, retrying executor.
 */
final class HttpAirtableTable implements AirtableTable {
    private static final Logger LOG = Logger.getLogger(HttpAirtableTable.class);

    /** How many times one listing starts again from the first page before giving up. */
    static final int MAX_LIST_RESTARTS = 3;
    /** Room kept in the URL-length estimate for the offset parameter of later pages. */
    private static final int OFFSET_PARAMETER_RESERVE = 64;

    private final HttpAirtableBase base;
    private final String name;

    HttpAirtableTable(HttpAirtableBase base, String name) {
        this.base = base;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    // ---------------------------------------------------------------------------------------------------- reading

    /**
     * Streams the table page by page (empty pages are not passed on). If Airtable answers
     * LIST_RECORDS_ITERATOR_NOT_AVAILABLE (the offset expired), the listing starts again from the first page, at most
     * {@value #MAX_LIST_RESTARTS} times; records already passed on are not passed again, so the consumer sees each
     * record ID at most once (a record changed during the restart is seen in its first state).
     */
    @Override
    public void forEachPage(ListOptions options, Consumer<List<AirtableRecord>> page) {
        ListOptions o = options == null ? ListOptions.all() : options;
        validate(o);
        if (page == null) {
            throw new IllegalArgumentException("forEachPage on table '" + name + "' needs a page consumer");
        }
        MultivaluedMap<String, String> query = query(o);
        boolean byPost = getUrlLength(query) > AirtableLimits.MAX_URL_LENGTH;
        Set<String> delivered = new HashSet<>();
        int restarts = 0;
        String offset = null;
        int pageNumber = 0;
        while (true) {
            pageNumber++;
            AirtableWire.ListPage answer;
            try {
                answer = fetchPage(o, query, byPost, offset, pageNumber);
            } catch (AirtableValidationException e) {
                if (AirtableErrors.iteratorExpired(e) && restarts < MAX_LIST_RESTARTS) {
                    restarts++;
                    LOG.infof("Airtable list of table '%s' expired at page %d (%s); starting again (%d of %d)",
                            name, pageNumber, AirtableErrors.ITERATOR_NOT_AVAILABLE, restarts, MAX_LIST_RESTARTS);
                    offset = null;
                    pageNumber = 0;
                    continue;
                }
                throw e;
            }
            List<AirtableRecord> fresh = new ArrayList<>(answer.records().size());
            for (AirtableRecord r : answer.records()) {
                if (delivered.add(r.id())) {
                    fresh.add(r);
                }
            }
            if (!fresh.isEmpty()) {
                page.accept(fresh);
            }
            offset = answer.offset();
            if (offset == null || offset.isEmpty()) {
                return;
            }
        }
    }

    @Override
    public List<AirtableRecord> listAll(ListOptions options) {
        List<AirtableRecord> all = new ArrayList<>();
        forEachPage(options, all::addAll);
        return all;
    }

    @Override
    public Page page(ListOptions options, String offset) {
        ListOptions o = options == null ? ListOptions.all() : options;
        validate(o);
        MultivaluedMap<String, String> query = query(o);
        boolean byPost = getUrlLength(query) > AirtableLimits.MAX_URL_LENGTH;
        AirtableWire.ListPage answer = fetchPage(o, query, byPost, offset == null || offset.isEmpty() ? null : offset,
                offset == null ? 1 : 0);
        return new Page(answer.records(), answer.offset());
    }

    private AirtableWire.ListPage fetchPage(ListOptions o, MultivaluedMap<String, String> query, boolean byPost,
            String offset, int pageNumber) {
        String request = "list of table '" + name + "' (" + (pageNumber > 0 ? "page " + pageNumber : "page at an offset")
                + (byPost ? ", POST listRecords" : "") + ")";
        if (byPost) {
            AirtableWire.ListRecordsBody body = new AirtableWire.ListRecordsBody(o.fields(), o.filterByFormula(),
                    o.returnFieldsByFieldId() ? Boolean.TRUE : null, o.cellFormat(), o.view(), o.pageSize(),
                    o.maxRecords(), offset);
            return base.call(RequestKind.LIST, request,
                    (api, auth) -> api.listByPost(auth, base.id(), name, o.timeZone(), o.userLocale(), body));
        }
        MultivaluedMap<String, String> pageQuery = new MultivaluedHashMap<>(query);
        if (offset != null) {
            pageQuery.putSingle("offset", offset);
        }
        return base.call(RequestKind.LIST, request, (api, auth) -> api.list(auth, base.id(), name, pageQuery));
    }

    /** The list parameters that are set, as GET query parameters (without offset). */
    static MultivaluedMap<String, String> query(ListOptions o) {
        MultivaluedMap<String, String> q = new MultivaluedHashMap<>();
        if (o.fields() != null) {
            q.put("fields[]", new ArrayList<>(o.fields()));
        }
        putIfSet(q, "filterByFormula", o.filterByFormula());
        if (o.returnFieldsByFieldId()) {
            q.putSingle("returnFieldsByFieldId", "true");
        }
        putIfSet(q, "cellFormat", o.cellFormat());
        putIfSet(q, "timeZone", o.timeZone());
        putIfSet(q, "userLocale", o.userLocale());
        putIfSet(q, "view", o.view());
        putIfSet(q, "pageSize", o.pageSize());
        putIfSet(q, "maxRecords", o.maxRecords());
        return q;
    }

    private static void putIfSet(MultivaluedMap<String, String> q, String key, Object value) {
        if (value != null) {
            q.putSingle(key, value.toString());
        }
    }

    /**
     * Length of the GET URL for these parameters, counting every character as percent-encoded unless it is
     * unreserved (so never shorter than what goes on the wire), plus room for a later page's offset.
     */
    int getUrlLength(MultivaluedMap<String, String> query) {
        String root = base.client().settings().url().replaceAll("/+$", "");
        int length = root.length() + "/v0/".length() + encode(base.id()).length() + 1 + encode(name).length();
        int params = 0;
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            for (String v : e.getValue()) {
                length += 1 + encode(e.getKey()).length() + 1 + encode(v).length();
                params++;
            }
        }
        return length + (params == 0 ? 1 : 0) + OFFSET_PARAMETER_RESERVE;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    @Override
    public AirtableRecord get(String recordId) {
        requireRecordId(recordId, "get from table '" + name + "'");
        return base.call(RequestKind.GET, "get record " + recordId + " from table '" + name + "'",
                (api, auth) -> api.get(auth, base.id(), name, recordId));
    }

    // ---------------------------------------------------------------------------------------------------- writing

    @Override
    public List<AirtableRecord> create(List<Map<String, Object>> fields, WriteOptions options) {
        String what = "create in table '" + name + "'";
        requireList(fields, what);
        for (int i = 0; i < fields.size(); i++) {
            requireFields(fields.get(i), what + ", record #" + (i + 1));
        }
        WriteOptions w = options == null ? WriteOptions.DEFAULT : options;
        List<AirtableRecord> created = new ArrayList<>(fields.size());
        for (Batch<Map<String, Object>> batch : Batch.of(fields)) {
            AirtableWire.WriteBody body = new AirtableWire.WriteBody(
                    batch.items().stream().map(f -> new AirtableWire.WriteRecord(null, f)).toList(), typecast(w), null);
            created.addAll(base.call(RequestKind.CREATE, what + " " + batch.describe(fields.size()),
                    (api, auth) -> api.create(auth, base.id(), name, body)).records());
        }
        return created;
    }

    @Override
    public List<AirtableRecord> update(List<AirtableRecord> records, WriteOptions options) {
        WriteOptions w = options == null ? WriteOptions.DEFAULT : options;
        String what = (w.replace() ? "replace (PUT) in table '" : "update in table '") + name + "'";
        requireList(records, what);
        for (int i = 0; i < records.size(); i++) {
            AirtableRecord r = records.get(i);
            if (r == null) {
                throw new IllegalArgumentException(what + ": record #" + (i + 1) + " is null");
            }
            requireRecordId(r.id(), what + ", record #" + (i + 1));
            requireFields(r.fields(), what + ", record " + r.id());
        }
        List<AirtableRecord> updated = new ArrayList<>(records.size());
        for (Batch<AirtableRecord> batch : Batch.of(records)) {
            AirtableWire.WriteBody body = new AirtableWire.WriteBody(
                    batch.items().stream().map(r -> new AirtableWire.WriteRecord(r.id(), r.fields())).toList(),
                    typecast(w), null);
            String request = what + " " + batch.describe(records.size());
            updated.addAll(w.replace()
                    ? base.call(RequestKind.UPDATE, request, (api, auth) -> api.replace(auth, base.id(), name, body)).records()
                    : base.call(RequestKind.UPDATE, request, (api, auth) -> api.patch(auth, base.id(), name, body)).records());
        }
        return updated;
    }

    @Override
    public UpsertResult upsert(List<Map<String, Object>> fields, List<String> fieldsToMergeOn, WriteOptions options) {
        String what = "upsert into table '" + name + "'";
        requireList(fields, what);
        requireMergeFields(fieldsToMergeOn, what);
        for (int i = 0; i < fields.size(); i++) {
            String where = what + ", record #" + (i + 1);
            Map<String, Object> f = fields.get(i);
            requireFields(f, where);
            for (String merge : fieldsToMergeOn) {
                if (f.get(merge) == null) {
                    throw new IllegalArgumentException(where + " has no value for merge field '" + merge + "'");
                }
            }
        }
        WriteOptions w = options == null ? WriteOptions.DEFAULT : options;
        if (w.replace()) {
            throw new IllegalArgumentException(what + ": replace (PUT) upserts are not supported; use replace=false");
        }
        List<AirtableRecord> records = new ArrayList<>(fields.size());
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        AirtableWire.PerformUpsert perform = new AirtableWire.PerformUpsert(List.copyOf(fieldsToMergeOn));
        for (Batch<Map<String, Object>> batch : Batch.of(fields)) {
            AirtableWire.WriteBody body = new AirtableWire.WriteBody(
                    batch.items().stream().map(f -> new AirtableWire.WriteRecord(null, f)).toList(), typecast(w), perform);
            AirtableWire.UpsertAnswer answer = base.call(RequestKind.UPSERT, what + " " + batch.describe(fields.size()),
                    (api, auth) -> api.patch(auth, base.id(), name, body));
            records.addAll(answer.records());
            created.addAll(answer.createdRecords());
            updated.addAll(answer.updatedRecords());
        }
        return new UpsertResult(records, created, updated);
    }

    /**
     * Deletes in batches. When an earlier attempt of a batch failed without telling whether Airtable applied it
     * (5xx, reset, timeout) and the retry answers 404 or 422, the records are already gone: the batch counts as
     * deleted. (Airtable applies a batch whole or not at all.)
     */
    @Override
    public List<String> delete(List<String> recordIds) {
        String what = "delete from table '" + name + "'";
        requireList(recordIds, what);
        for (int i = 0; i < recordIds.size(); i++) {
            requireRecordId(recordIds.get(i), what + ", record #" + (i + 1));
        }
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(recordIds));
        List<String> deleted = new ArrayList<>(unique.size());
        for (Batch<String> batch : Batch.of(unique)) {
            String request = what + " " + batch.describe(unique.size());
            AirtableWire.DeleteAnswer answer = base.call(RequestKind.DELETE, request, (api, auth, mayHaveApplied) -> {
                try {
                    return api.delete(auth, base.id(), name, batch.items());
                } catch (AirtableNotFoundException | AirtableValidationException e) {
                    if (!mayHaveApplied) {
                        throw e;
                    }
                    LOG.infof("Airtable %s: retry answered %d %s; an earlier attempt already deleted them",
                            request, e.status(), e.type());
                    return new AirtableWire.DeleteAnswer(
                            batch.items().stream().map(id -> new AirtableWire.Deleted(id, true)).toList());
                }
            });
            answer.records().stream().filter(AirtableWire.Deleted::deleted).map(AirtableWire.Deleted::id).forEach(deleted::add);
        }
        return deleted;
    }

    private static Boolean typecast(WriteOptions w) {
        return w.typecast() ? Boolean.TRUE : null;
    }

    // ------------------------------------------------------------------------------------------------- validation

    private void validate(ListOptions o) {
        String what = "list of table '" + name + "'";
        if (o.fields() != null) {
            for (String f : o.fields()) {
                requireFieldName(f, what + ": fields");
            }
        }
        if (o.pageSize() != null && (o.pageSize() < 1 || o.pageSize() > AirtableLimits.MAX_PAGE_SIZE)) {
            throw new IllegalArgumentException(what + ": pageSize must be 1.." + AirtableLimits.MAX_PAGE_SIZE
                    + ", was " + o.pageSize());
        }
        if (o.maxRecords() != null && o.maxRecords() < 1) {
            throw new IllegalArgumentException(what + ": maxRecords must be at least 1, was " + o.maxRecords());
        }
        if (o.cellFormat() != null && !o.cellFormat().equals("json") && !o.cellFormat().equals("string")) {
            throw new IllegalArgumentException(what + ": cellFormat must be 'json' or 'string', was '" + o.cellFormat() + "'");
        }
        if ("string".equals(o.cellFormat()) && (o.timeZone() == null || o.userLocale() == null)) {
            throw new IllegalArgumentException(what + ": cellFormat 'string' needs timeZone and userLocale");
        }
    }

    private static void requireList(List<?> list, String what) {
        if (list == null) {
            throw new IllegalArgumentException(what + ": the record list is null");
        }
    }

    private static void requireFields(Map<String, Object> fields, String where) {
        if (fields == null) {
            throw new IllegalArgumentException(where + ": fields are null");
        }
        for (String key : fields.keySet()) {
            requireFieldName(key, where);
        }
    }

    private static void requireFieldName(String field, String where) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException(where + ": a field name is empty");
        }
    }

    private static void requireRecordId(String id, String where) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(where + ": the record ID is empty");
        }
        if (id.contains("/")) {
            throw new IllegalArgumentException(where + ": '" + id + "' is not a record ID");
        }
    }

    private static void requireMergeFields(List<String> merge, String what) {
        if (merge == null || merge.isEmpty() || merge.size() > AirtableLimits.MAX_MERGE_FIELDS) {
            throw new IllegalArgumentException(what + ": fieldsToMergeOn needs 1 to " + AirtableLimits.MAX_MERGE_FIELDS
                    + " field names, got " + (merge == null ? "none" : merge.size() + " " + merge));
        }
        for (String f : merge) {
            requireFieldName(f, what + ": fieldsToMergeOn");
        }
        if (new HashSet<>(merge).size() != merge.size()) {
            throw new IllegalArgumentException(what + ": fieldsToMergeOn names a field twice: " + merge);
        }
    }

    /** A slice of at most MAX_RECORDS_PER_WRITE items, and where it sits in the whole list (for messages). */
    record Batch<T>(List<T> items, int from) {
        static <T> List<Batch<T>> of(List<T> all) {
            List<Batch<T>> batches = new ArrayList<>();
            for (int i = 0; i < all.size(); i += AirtableLimits.MAX_RECORDS_PER_WRITE) {
                batches.add(new Batch<>(List.copyOf(all.subList(i, Math.min(all.size(), i + AirtableLimits.MAX_RECORDS_PER_WRITE))), i));
            }
            return batches;
        }

        String describe(int total) {
            return "(records " + (from + 1) + "-" + (from + items.size()) + " of " + total + ")";
        }
    }

    @Override
    public String toString() {
        return "AirtableTable[" + base.id() + "/" + name + "]";
    }
}
