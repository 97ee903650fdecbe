package io.airsync.plan;

import io.airsync.airtable.AirtableLimits;
import io.airsync.fieldtype.ConvertedValue;
import io.airsync.convert.Fingerprints;
import io.airsync.convert.ValueConverter;
import io.airsync.convert.ValueNormalizer;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.NullPolicy;
import io.airsync.mapping.TableMapping;
import io.airsync.profile.TableProfile;
import io.airsync.profile.ValueKind;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Turns one MongoDB document into a {@link SourceRecord}: every mapped field converted, link targets resolved to
 * Airtable record IDs, and every value hashed the way Airtable will return it. Pure and thread-safe.
 */
public final class DocumentConverter {

    /** Resolves a linked table's MongoDB id to its Airtable record ID (null when the target is unknown). */
    @FunctionalInterface
    public interface LinkTargets {
        String recordId(String table, String mongoId);
    }

    private final TableMapping table;
    private final ValueConverter converter;
    private final ValueNormalizer normalizer;
    private final LinkTargets links;
    private final int naturalKeyIndex;
    /** Sees every converted value (null: no profiling). */
    private final TableProfile profile;

    public DocumentConverter(TableMapping table, ValueConverter converter, ValueNormalizer normalizer, LinkTargets links) {
        this(table, converter, normalizer, links, null);
    }

    /** A converter that feeds {@code profile} (used by one thread only) and fails strict fields' contradicting values. */
    public DocumentConverter(TableMapping table, ValueConverter converter, ValueNormalizer normalizer, LinkTargets links,
            TableProfile profile) {
        this.profile = profile;
        this.table = table;
        this.converter = converter;
        this.normalizer = normalizer;
        this.links = links;
        this.naturalKeyIndex = table.naturalKey() == null ? -1 : table.indexOf(table.naturalKey().field());
    }

    public static String mongoId(Object id) {
        return ValueConverter.keyOf(id);
    }

    public SourceRecord convert(Document doc) {
        String mongoId = mongoId(doc.get("_id"));
        List<FieldMapping> fields = table.fields();
        int n = fields.size();
        Object[] values = new Object[n];
        boolean[] writable = new boolean[n];
        int[] hashes = new int[n];
        List<SourceRecord.Problem> problems = new ArrayList<>(0);
        for (int i = 0; i < n; i++) {
            FieldMapping f = fields.get(i);
            Object raw = converter.read(doc, f.source());
            ConvertedValue cv = converter.convert(f, raw);
            ValueKind contradiction = profile == null ? null : profile.observe(i, mongoId, raw, cv);
            if (cv.isError()) {
                SourceRecord.Problem p = new SourceRecord.Problem(f.airtable(), ProblemKind.CONVERSION, cv.error());
                return new SourceRecord(mongoId, null, values, writable, hashes, problems, p);
            }
            if (contradiction != null && f.strict()) {
                SourceRecord.Problem p = new SourceRecord.Problem(f.airtable(),
                        ProblemKind.valueOf(contradiction.failureType()),
                        TableProfile.strictFailure(f, contradiction));
                return new SourceRecord(mongoId, null, values, writable, hashes, problems, p);
            }
            Object value = cv.value();
            if (cv.truncated()) {
                problems.add(new SourceRecord.Problem(f.airtable(), ProblemKind.TEXT_TRUNCATED,
                        "text longer than " + AirtableLimits.MAX_TEXT_LENGTH + " characters was cut"));
            }
            boolean present = cv.isOk();
            if (f.isLink() && value != null) {
                value = resolveLinks(f, value, problems);
                // A link whose targets are all unknown is left as Airtable has it (empty for a new record).
                present = value != null;
            }
            // OK with a null value is an explicit empty source value (blank text, empty array): it clears the cell.
            writable[i] = present || f.onNull() == NullPolicy.clear;
            values[i] = value;
            hashes[i] = Fingerprints.fieldHash(normalizer.canonical(f.type(), value));
        }
        String naturalKey = null;
        if (naturalKeyIndex >= 0 && values[naturalKeyIndex] != null) {
            naturalKey = table.naturalKey().normalize().apply(String.valueOf(values[naturalKeyIndex]));
        }
        return new SourceRecord(mongoId, naturalKey, values, writable, hashes, problems, null);
    }

    private Object resolveLinks(FieldMapping f, Object value, List<SourceRecord.Problem> problems) {
        List<?> targets = value instanceof List<?> l ? l : List.of(value);
        List<String> recordIds = new ArrayList<>(targets.size());
        for (Object target : targets) {
            String recordId = links.recordId(f.link(), String.valueOf(target));
            if (recordId == null) {
                problems.add(new SourceRecord.Problem(f.airtable(), ProblemKind.LINK_TARGET_MISSING,
                        "no " + f.link() + " record for id " + target + "; the link is left empty"));
            } else {
                recordIds.add(recordId);
            }
        }
        return recordIds.isEmpty() ? null : recordIds;
    }
}
