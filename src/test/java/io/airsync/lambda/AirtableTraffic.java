package io.airsync.lambda;

import io.airsync.testing.airtable.LoggedRequest;
import java.util.List;
import java.util.Set;

/** The emulator's request log, sorted into what the function's contract talks about. */
final class AirtableTraffic {

    private static final Set<String> WRITE_METHODS = Set.of("POST", "PATCH", "PUT", "DELETE");

    private AirtableTraffic() {
    }

    static boolean isSchemaRead(LoggedRequest r) {
        return r.path().startsWith("/v0/meta/");
    }

    /** A page of a table's records: GET on the table, or the POST listRecords fallback. */
    static boolean isList(LoggedRequest r) {
        return r.isDataRequest() && (("GET".equals(r.method()) && segments(r) == 3)
                || ("POST".equals(r.method()) && r.path().endsWith("/listRecords")));
    }

    static boolean isWrite(LoggedRequest r) {
        return r.isDataRequest() && WRITE_METHODS.contains(r.method()) && !r.path().endsWith("/listRecords");
    }

    static List<LoggedRequest> writes(List<LoggedRequest> log) {
        return log.stream().filter(AirtableTraffic::isWrite).toList();
    }

    static List<LoggedRequest> lists(List<LoggedRequest> log) {
        return log.stream().filter(AirtableTraffic::isList).toList();
    }

    /** The table a data request addressed (name or ID as sent). */
    static String table(LoggedRequest r) {
        String[] parts = r.path().split("/");
        return parts.length > 3 ? parts[3] : null;
    }

    /** "/v0/app/Users" has 3 segments after the leading slash. */
    private static int segments(LoggedRequest r) {
        return r.path().substring(1).split("/").length;
    }

    static String describe(List<LoggedRequest> log) {
        return String.join("\n", log.stream().map(r -> r.method() + " " + r.path() + " -> " + r.status()).toList());
    }
}
