package io.airsync.convert;

import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.TableMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads dot paths ({@code profile.city}, {@code tags.0}) out of MongoDB documents ({@link org.bson.Document},
 * {@link org.bson.BsonDocument} or any map).
 *
 * <ul>
 *   <li>A segment names a key of the current (nested) document.</li>
 *   <li>On an array, a numeric segment is an index ({@code tags.0} is the first tag).</li>
 *   <li>On an array, any other segment is read from each element that is a document, as MongoDB does
 *       ({@code orders.total} is the list of every order's total); arrays found that way are flattened one level;
 *       elements without the key are skipped.</li>
 * </ul>
 * A missing key and an explicit null both read as null.
 */
public final class DocumentPaths {

    private static final Object MISSING = new Object();

    private DocumentPaths() {
    }

    /** The value at the path, or null when it is missing or null. */
    public static Object read(Map<String, ?> document, String dotPath) {
        Object v = walk(document, dotPath);
        return v == MISSING ? null : v;
    }

    /** True when the path leads to a key that exists (even if its value is null). */
    public static boolean exists(Map<String, ?> document, String dotPath) {
        return walk(document, dotPath) != MISSING;
    }

    /**
     * The source paths of the table's fields that exist in none of the sampled documents: most likely typos, or a
     * collection that does not hold what the mapping expects. Empty when the sample is empty (nothing to judge by).
     */
    public static List<String> unmatchedPaths(TableMapping table, Iterable<? extends Map<String, ?>> sample) {
        Set<String> unmatched = new LinkedHashSet<>();
        for (FieldMapping f : table.fields()) {
            unmatched.add(f.source());
        }
        boolean any = false;
        for (Map<String, ?> doc : sample) {
            any = true;
            unmatched.removeIf(path -> exists(doc, path));
            if (unmatched.isEmpty()) {
                break;
            }
        }
        return any ? List.copyOf(unmatched) : List.of();
    }

    private static Object walk(Map<String, ?> document, String dotPath) {
        if (document == null || dotPath == null || dotPath.isEmpty()) {
            return MISSING;
        }
        Object current = document;
        int start = 0;
        while (true) {
            int dot = dotPath.indexOf('.', start);
            String segment = dot < 0 ? dotPath.substring(start) : dotPath.substring(start, dot);
            current = step(current, segment);
            if (current == MISSING || dot < 0) {
                return current;
            }
            start = dot + 1;
        }
    }

    private static Object step(Object current, String segment) {
        if (current instanceof Map<?, ?> map) {
            return map.containsKey(segment) ? map.get(segment) : MISSING;
        }
        if (current instanceof List<?> list) {
            if (isIndex(segment)) {
                int i = parseIndex(segment);
                return i >= 0 && i < list.size() ? list.get(i) : MISSING;
            }
            List<Object> values = new ArrayList<>();
            boolean found = false;
            for (Object element : list) {
                if (element instanceof Map<?, ?> m && m.containsKey(segment)) {
                    found = true;
                    Object v = m.get(segment);
                    if (v instanceof List<?> inner) {
                        values.addAll(inner);
                    } else {
                        values.add(v);
                    }
                }
            }
            return found ? values : MISSING;
        }
        return MISSING;
    }

    private static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int parseIndex(String segment) {
        return segment.length() > 9 ? -1 : Integer.parseInt(segment);
    }
}
