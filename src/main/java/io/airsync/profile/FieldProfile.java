package io.airsync.profile;

import io.airsync.fieldtype.ConvertedValue;
import io.airsync.fieldtype.TextShape;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run saw of one mapped field: how many values, how many empty or failing, the range of its numbers and
 * dates, and how many values contradict the mapping ({@link ValueChecks}), with a few record ids of each. Memory is
 * bounded whatever the number of documents: counters, two numbers, at most one entry per calendar year, and
 * {@link #SAMPLE} ids per kind. Not thread-safe: one table is converted on one thread.
 */
public final class FieldProfile {

    /** Record ids kept per kind of contradiction, as examples. */
    public static final int SAMPLE = 3;
    /** Dates needed before any can be called far from the others. */
    static final int MIN_DATES_FOR_OUTLIERS = 20;
    /** Smallest distance, in years, from the central 90% of dates that counts as far. */
    static final int MIN_OUTLIER_YEARS = 20;
    /** Numbers needed before "all of them are fractions" means something. */
    static final int MIN_NUMBERS_FOR_SCALE = 3;

    private final FieldMapping field;
    private long observed;
    private long absent;
    private long errors;
    private long present;
    private long numbers;
    private BigDecimal min;
    private BigDecimal max;
    private long withinUnit;
    private final Map<ValueKind, Long> counts = new EnumMap<>(ValueKind.class);
    private final Map<ValueKind, List<String>> samples = new EnumMap<>(ValueKind.class);
    /** Dates per calendar year, with the first record of each year. */
    private final TreeMap<Integer, long[]> years = new TreeMap<>();
    private final Map<Integer, String> firstOfYear = new TreeMap<>();
    private long controlCharactersRemoved;
    private long truncated;
    private long arraysJoined;

    FieldProfile(FieldMapping field) {
        this.field = field;
    }

    public FieldMapping field() {
        return field;
    }

    /** Counts one value; returns what contradicts the mapping in it, or null. */
    ValueKind observe(String recordId, Object raw, ConvertedValue cv) {
        observed++;
        if (cv.isAbsent()) {
            absent++;
            return null;
        }
        if (cv.isError()) {
            errors++;
            return null;
        }
        if (cv.truncated()) {
            truncated++;
        }
        if (cv.controlCharactersRemoved()) {
            controlCharactersRemoved++;
        }
        if (cv.value() == null) {
            return null;
        }
        present++;
        if (field.type().isText() && ValueChecks.severalValues(raw)) {
            arraysJoined++;
        }
        if (field.type().isNumeric()) {
            BigDecimal n = ValueChecks.number(raw);
            if (n != null) {
                numbers++;
                min = min == null || n.compareTo(min) < 0 ? n : min;
                max = max == null || n.compareTo(max) > 0 ? n : max;
                if (n.abs().compareTo(BigDecimal.ONE) <= 0) {
                    withinUnit++;
                }
            }
        }
        if (field.type() == FieldType.DATE || field.type() == FieldType.DATE_TIME) {
            Integer year = year(String.valueOf(cv.value()));
            if (year != null) {
                years.computeIfAbsent(year, y -> new long[1])[0]++;
                firstOfYear.putIfAbsent(year, recordId);
            }
        }
        ValueKind kind = ValueChecks.check(field, raw, cv);
        if (kind != null) {
            counts.merge(kind, 1L, Long::sum);
            List<String> ids = samples.computeIfAbsent(kind, k -> new ArrayList<>(SAMPLE));
            if (ids.size() < SAMPLE && recordId != null) {
                ids.add(recordId);
            }
        }
        return kind;
    }

    /** The year of an Airtable date or date-time ({@code YYYY-MM-DD...}); null if unreadable. */
    private static Integer year(String s) {
        int dash = s.indexOf('-', 1);
        if (dash < 1) {
            return null;
        }
        try {
            return Integer.parseInt(s.substring(0, dash));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public long observed() {
        return observed;
    }

    /** Values that were null or missing. */
    public long absent() {
        return absent;
    }

    /** Values that could not be converted (their records failed). */
    public long errors() {
        return errors;
    }

    /** Values written (or to be written) with content. */
    public long present() {
        return present;
    }

    /** The share of documents whose value was null or missing (0 when none was seen). */
    public double nullShare() {
        return observed == 0 ? 0 : (double) absent / observed;
    }

    public BigDecimal min() {
        return min;
    }

    public BigDecimal max() {
        return max;
    }

    public long count(ValueKind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** Counts and ranges for the report (no value of any record). */
    public FieldStats stats() {
        String range = null;
        if (min != null) {
            range = plain(min) + " to " + plain(max);
        } else if (!years.isEmpty()) {
            range = years.firstKey() + " to " + years.lastKey();
        }
        return new FieldStats(field.airtable(), field.type().airtableName(), observed, absent, errors, range);
    }

    public TextChanges textChanges() {
        return new TextChanges(field.airtable(), controlCharactersRemoved, truncated, arraysJoined);
    }

    /** The warnings this field's values call for, in {@link ValueKind} order. */
    List<ValueWarning> warnings(String table) {
        List<ValueWarning> out = new ArrayList<>();
        boolean strict = field.strict();
        String then = strict ? " These records failed (strict)." : "";
        if (field.type() == FieldType.PERCENT) {
            long contradicting = count(ValueKind.PERCENT_SCALE);
            if (field.percentOfHundred() && numbers >= MIN_NUMBERS_FOR_SCALE && withinUnit == numbers
                    && contradicting > 0) {
                out.add(warning(table, ValueKind.PERCENT_SCALE, contradicting, numbers,
                        "all " + n(numbers) + " values lie between " + plain(min) + " and " + plain(max)
                                + " although percentScale is hundred (42 = 42%): if they are fractions (0.42 = 42%) "
                                + "they are written 100 times too small (0.42 becomes 0.42%). Set percentScale: "
                                + "fraction, or fix the source." + then));
            } else if (!field.percentOfHundred() && contradicting > 0) {
                out.add(warning(table, ValueKind.PERCENT_SCALE, contradicting, numbers,
                        n(contradicting) + " of " + n(numbers) + " values lie beyond ±1 (largest " + plain(max)
                                + ") although percentScale is fraction (0.42 = 42%): 42 is written as 4,200%. "
                                + "Set percentScale: hundred if the source holds percentages." + then));
            } else if (strict && contradicting > 0) {
                out.add(warning(table, ValueKind.PERCENT_SCALE, contradicting, numbers,
                        n(contradicting) + " of " + n(numbers) + " values lie between -1 and 1 although "
                                + "percentScale is hundred (42 = 42%)." + then));
            }
        }
        long decimals = count(ValueKind.DECIMALS_LOST);
        if (decimals > 0 && out.isEmpty()) {
            out.add(warning(table, ValueKind.DECIMALS_LOST, decimals, numbers,
                    n(decimals) + " of " + n(numbers) + " values have decimals that precision 0 rounds away "
                            + "(values from " + plain(min) + " to " + plain(max) + "). Raise precision, or round in "
                            + "the source." + then));
        }
        dateOutliers(table).ifPresent(out::add);
        long shape = count(ValueKind.TEXT_SHAPE);
        if (shape > 0) {
            String what = field.type().rules().textShape().map(TextShape::plural).orElse("well-formed");
            out.add(warning(table, ValueKind.TEXT_SHAPE, shape, present,
                    (shape * 2 > present ? "most values (" : "") + n(shape) + " of " + n(present)
                            + (shape * 2 > present ? ")" : " values") + " are not " + what + " ("
                            + percent(shape, present) + "); they are written as they are. Fix them in the source, "
                            + "or map the field to a text type." + then));
        }
        long joined = count(ValueKind.ARRAY_JOINED);
        if (joined > 0) {
            String as = field.type() == FieldType.EMAIL ? ", which is no single e-mail address"
                    : field.type() == FieldType.PHONE_NUMBER ? ", which is no single phone number" : "";
            out.add(warning(table, ValueKind.ARRAY_JOINED, joined, present,
                    n(joined) + " values were arrays of several values, joined into one cell with \""
                            + field.separatorOrDefault() + "\"" + as + ". Map one element (e.g. "
                            + field.source() + ".0), or set a separator to accept the joining." + then));
        }
        return out;
    }

    /** Dates many years away from the central 90% of this field's dates (needs {@link #MIN_DATES_FOR_OUTLIERS}). */
    private java.util.Optional<ValueWarning> dateOutliers(String table) {
        long dates = years.values().stream().mapToLong(c -> c[0]).sum();
        if (dates < MIN_DATES_FOR_OUTLIERS) {
            return java.util.Optional.empty();
        }
        int low = yearAt(dates * 5 / 100, dates);
        int high = yearAt(dates * 95 / 100, dates);
        int margin = Math.max(MIN_OUTLIER_YEARS, 2 * (high - low));
        long far = 0;
        List<String> ids = new ArrayList<>();
        List<Integer> farYears = new ArrayList<>();
        for (Map.Entry<Integer, long[]> e : years.entrySet()) {
            if (e.getKey() < low - margin || e.getKey() > high + margin) {
                far += e.getValue()[0];
                farYears.add(e.getKey());
                if (ids.size() < SAMPLE) {
                    ids.add(firstOfYear.get(e.getKey()));
                }
            }
        }
        if (far == 0) {
            return java.util.Optional.empty();
        }
        counts.put(ValueKind.DATE_OUTLIER, far);
        String shown = farYears.size() <= 5 ? farYears.toString()
                : farYears.subList(0, 3) + " ... " + farYears.get(farYears.size() - 1);
        return java.util.Optional.of(new ValueWarning(table, field.airtable(), ValueKind.DATE_OUTLIER, far, dates,
                n(far) + " of " + n(dates) + " dates fall in years " + shown + ", far from the others (90% lie in "
                        + low + "-" + high + "): placeholders such as 1970-01-01, or typos? They are written as "
                        + "they are.", List.copyOf(ids), false));
    }

    /** The year holding the {@code rank}-th date (0-based) in year order. */
    private int yearAt(long rank, long total) {
        long seen = 0;
        for (Map.Entry<Integer, long[]> e : years.entrySet()) {
            seen += e.getValue()[0];
            if (seen > Math.min(rank, total - 1)) {
                return e.getKey();
            }
        }
        return years.lastKey();
    }

    private ValueWarning warning(String table, ValueKind kind, long count, long of, String message) {
        return new ValueWarning(table, field.airtable(), kind, count, of, message,
                List.copyOf(samples.getOrDefault(kind, List.of())), field.strict());
    }

    private static String n(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    private static String plain(BigDecimal d) {
        if (d == null) {
            return "-";
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }
}
