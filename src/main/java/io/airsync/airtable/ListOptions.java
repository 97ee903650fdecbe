package io.airsync.airtable;

import java.util.List;

/** Immutable list-request parameters. Null means "not sent". */
public record ListOptions(
        List<String> fields,
        String filterByFormula,
        boolean returnFieldsByFieldId,
        String cellFormat,
        String timeZone,
        String userLocale,
        String view,
        Integer pageSize,
        Integer maxRecords) {

    public static ListOptions all() {
        return new ListOptions(null, null, false, null, null, null, null, null, null);
    }

    public ListOptions withFields(List<String> f) {
        return new ListOptions(f, filterByFormula, returnFieldsByFieldId, cellFormat, timeZone, userLocale, view, pageSize, maxRecords);
    }

    public ListOptions withFilterByFormula(String formula) {
        return new ListOptions(fields, formula, returnFieldsByFieldId, cellFormat, timeZone, userLocale, view, pageSize, maxRecords);
    }

    public ListOptions withMaxRecords(Integer max) {
        return new ListOptions(fields, filterByFormula, returnFieldsByFieldId, cellFormat, timeZone, userLocale, view, pageSize, max);
    }

    public ListOptions withPageSize(Integer size) {
        return new ListOptions(fields, filterByFormula, returnFieldsByFieldId, cellFormat, timeZone, userLocale, view, size, maxRecords);
    }

    public ListOptions withView(String v) {
        return new ListOptions(fields, filterByFormula, returnFieldsByFieldId, cellFormat, timeZone, userLocale, v, pageSize, maxRecords);
    }

    /** Cells keyed by field ID (fld...) instead of field name; robust to renamed fields. */
    public ListOptions withReturnFieldsByFieldId(boolean byId) {
        return new ListOptions(fields, filterByFormula, byId, cellFormat, timeZone, userLocale, view, pageSize, maxRecords);
    }
}
