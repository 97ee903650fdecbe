package io.airsync.profile;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A field whose values contradict its mapping in this run.
 *
 * @param table   the mapped table
 * @param field   the Airtable field
 * @param kind    what is wrong ({@link ValueKind})
 * @param count   how many values showed it
 * @param of      how many values the field had (present, not empty)
 * @param message what was seen and what to do, without personal data (numbers, years, shares)
 * @param records a few MongoDB {@code _id}s of records concerned, to look at
 * @param strict  the field is strict: those records failed instead of being written
 */
@RegisterForReflection
public record ValueWarning(String table, String field, ValueKind kind, long count, long of, String message,
                           List<String> records, boolean strict) {
}
