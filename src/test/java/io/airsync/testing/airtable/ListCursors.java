package io.airsync.testing.airtable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * List iterators behind the opaque {@code offset} tokens ({@code itr…/rec…}, as Airtable's). The first page of a
 * listing snapshots the matching record IDs in order; later pages read from that snapshot, so paging through a huge
 * table costs O(page) per request. The most recent tokens are kept; an evicted or unknown token answers
 * LIST_RECORDS_ITERATOR_NOT_AVAILABLE, as an expired Airtable iterator does.
 */
final class ListCursors {
    private static final int MAX_TOKENS = 20_000;
    private static final Pattern OFFSET = Pattern.compile("itr[A-Za-z0-9]{14}/rec[A-Za-z0-9]{14}");

    record Cursor(String baseId, String tableId, String iteratorId, List<String> ids, int position) {
    }

    private final Map<String, Cursor> byToken = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
            return size() > MAX_TOKENS;
        }
    };

    synchronized String issue(String baseId, String tableId, String iteratorId, List<String> ids, int position) {
        String iterator = iteratorId != null ? iteratorId : Ids.random("itr");
        // As Airtable's, the token names the last record of the page it follows.
        String token = iterator + "/" + ids.get(position - 1);
        byToken.put(token, new Cursor(baseId, tableId, iterator, ids, position));
        return token;
    }

    /** The cursor of a token sent back by a client for this table; 422 as Airtable when unusable. */
    synchronized Cursor resolve(String offset, String baseId, String tableId) {
        if (!OFFSET.matcher(offset).matches()) {
            throw ApiError.typed(422, "INVALID_OFFSET_VALUE", "The value of offset " + offset + " is invalid");
        }
        Cursor cursor = byToken.get(offset);
        if (cursor == null || !cursor.baseId().equals(baseId) || !cursor.tableId().equals(tableId)) {
            throw ApiError.typed(422, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE",
                    "The list records iterator is not available (expired or unknown offset); start listing again without an offset");
        }
        return cursor;
    }

    synchronized void clear() {
        byToken.clear();
    }
}
