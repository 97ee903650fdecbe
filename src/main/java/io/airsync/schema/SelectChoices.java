package io.airsync.schema;

import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.NewSelectOptions;
import io.airsync.mapping.TableMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The select choices of one table's fields as Airtable has them, and what the mapping lets a value that is not one
 * of them do ({@code options: create | reject}). With {@code create}, a record carrying a new choice is sent with
 * {@code typecast} (only those records) and Airtable creates the choice; once Airtable refuses to (the token's owner
 * may not change the base's fields), later records needing a new choice fail before they are sent. With
 * {@code reject}, they fail before they are sent. Thread-safe: writer threads report back.
 */
public final class SelectChoices {

    /** Airtable's error type when a value is not a choice (and, with typecast, when it may not create one). */
    public static final String REFUSED_TYPE = "INVALID_MULTIPLE_CHOICE_OPTIONS";

    /** Why a record is failed before it is sent. */
    public enum RejectKind {
        /** The value is not a choice and the field says {@code options: reject}. */
        SELECT_OPTION_MISSING,
        /** The value is not a choice and Airtable refused to create choices earlier in the run (its own type). */
        INVALID_MULTIPLE_CHOICE_OPTIONS
    }

    /** A choice one write creates. */
    public record NewOption(String field, String option) {
    }

    /** What to do with a record about to be written. */
    public sealed interface Verdict permits Known, Create, Reject {
    }

    /** Every select value is a choice already: send as usual. */
    public record Known() implements Verdict {
    }

    /** Send with typecast: these choices will be created. */
    public record Create(List<NewOption> options) implements Verdict {
    }

    /** Fail the record before it is sent. */
    public record Reject(String field, RejectKind kind, String message) implements Verdict {
    }

    private static final Known KNOWN = new Known();

    private final Map<String, Set<String>> choices = new ConcurrentHashMap<>();
    private final Map<String, NewSelectOptions> policies = new ConcurrentHashMap<>();
    private final Map<String, List<NewOption>> pending = new ConcurrentHashMap<>();
    private volatile String refusal;

    /** The choices the schema gate found for the table's fields (select fields only). */
    public SelectChoices(TableMapping table, TableFit fit) {
        fit.choices().forEach((field, names) -> {
            Set<String> set = ConcurrentHashMap.newKeySet();
            set.addAll(names);
            choices.put(field, set);
            NewSelectOptions policy = table.field(field).map(FieldMapping::options).orElse(null);
            policies.put(field, policy != null ? policy : FieldMapping.DEFAULT_OPTIONS);
        });
    }

    /** The verdict for a record about to be written with these fields (the values by field name). */
    public Verdict check(String mongoId, Map<String, Object> fields) {
        if (choices.isEmpty()) {
            return KNOWN;
        }
        List<NewOption> created = new ArrayList<>();
        for (Map.Entry<String, Set<String>> c : choices.entrySet()) {
            String field = c.getKey();
            Object value = fields.get(field);
            List<?> values = value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
            for (Object v : values) {
                String option = v == null ? null : String.valueOf(v);
                if (option == null || c.getValue().contains(option)) {
                    continue;
                }
                if (policies.get(field) == NewSelectOptions.reject) {
                    return new Reject(field, RejectKind.SELECT_OPTION_MISSING, "'" + abbreviate(option) + "' is not an option of this "
                            + "field in Airtable (removed or renamed?); the record is not sent");
                }
                String refused = refusal;
                if (refused != null) {
                    return new Reject(field, RejectKind.INVALID_MULTIPLE_CHOICE_OPTIONS, "'" + abbreviate(option) + "' is not an option of this "
                            + "field and Airtable refused to create options for this table earlier in the run ("
                            + abbreviate(refused) + "); the record is not sent");
                }
                created.add(new NewOption(field, option));
            }
        }
        if (created.isEmpty()) {
            return KNOWN;
        }
        pending.put(mongoId, List.copyOf(created));
        return new Create(List.copyOf(created));
    }

    /** The record's write succeeded: the choices it created, each reported once (a later write may reuse them). */
    public List<NewOption> written(String mongoId) {
        List<NewOption> sent = pending.remove(mongoId);
        if (sent == null) {
            return List.of();
        }
        List<NewOption> firsts = new ArrayList<>();
        for (NewOption o : sent) {
            if (choices.get(o.field()).add(o.option())) {
                firsts.add(o);
            }
        }
        return firsts;
    }

    /**
     * The record's write failed. True the first time Airtable refused to create a choice (the report then says how to
     * fix it); later records needing a new choice are failed before they are sent.
     */
    public boolean failed(String mongoId, String type, String message) {
        List<NewOption> sent = pending.remove(mongoId);
        if (sent == null || !REFUSED_TYPE.equals(type)) {
            return false;
        }
        synchronized (this) {
            if (refusal != null) {
                return false;
            }
            refusal = message == null ? REFUSED_TYPE : message;
            return true;
        }
    }

    /** What the report says when Airtable refused to create choices. */
    public static String refusalAdvice(String table) {
        return "Airtable refused to create select options in table '" + table + "' (" + REFUSED_TYPE + "): the "
                + "records needing them failed (listed below). Add those options to the fields in Airtable, or give "
                + "the token's owner creator permission on the base so Airtable can create them; with options: reject "
                + "on a field such records fail without being sent";
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
