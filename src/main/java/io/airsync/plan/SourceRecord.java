package io.airsync.plan;

import java.util.List;

/**
 * One source document after conversion, ready for planning.
 *
 * @param mongoId     the document's {@code _id} as hex (or its string form when not an ObjectId)
 * @param naturalKey  the normalised natural key, or null
 * @param values      per mapped field (table field order): the Airtable value to write, or null
 * @param writable    per mapped field: false where the value must not be written (missing source value under the
 *                    {@code keep} null policy, or a link whose target is unknown), so Airtable keeps what it has
 * @param fieldHashes per mapped field: the hash of the value as Airtable would return it (empty values included)
 * @param problems    problems that did not fail the record (text cut, link target missing)
 * @param failure     non-null when the record cannot be synced (a value that cannot convert): the reason
 */
public record SourceRecord(
        String mongoId,
        String naturalKey,
        Object[] values,
        boolean[] writable,
        int[] fieldHashes,
        List<Problem> problems,
        Problem failure) {

    public boolean failed() {
        return failure != null;
    }

    /** A problem with one field of one record: its kind and a message (no personal data). */
    public record Problem(String field, ProblemKind kind, String message) {
    }
}
