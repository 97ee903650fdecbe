package io.airsync.testing.mongo;

import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.InMemoryCursor;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * mongo-java-server's memory backend, with query results cut into batches the way a real mongod cuts them.
 *
 * <p>The stock backend answers {@code find} without a {@code batchSize}, and every {@code aggregate}, with all
 * matches in one reply; past the 48 MB wire limit the Java driver rejects that reply. Here every {@code find} and
 * {@code aggregate} reply is re-cut: the first batch holds {@code batchSize} documents (101 when the client sends
 * none, as mongod does), every batch stops at {@value #MAX_BATCH_BYTES} bytes (mongod's 16 MiB reply cap, less room
 * for the envelope), and the rest waits in a cursor served by {@code getMore} and closed by {@code killCursors}.
 * Cursors live in the library's own registry, so its {@code killCursors} and {@code serverStatus} see them.
 */
public class BatchingMemoryBackend extends MemoryBackend {

    /** mongod's first-batch size when the client gives none. */
    static final int DEFAULT_FIRST_BATCH_DOCUMENTS = 101;

    /** Documents per batch stop at 16 MiB, minus room for the reply's own fields. */
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document response = super.handleCommand(channel, databaseName, command, query);
        if (command.equalsIgnoreCase("find") || command.equalsIgnoreCase("aggregate")) {
            return rebatch(command, query, response);
        }
        return response;
    }

    @Override
    protected Document handleGetMore(String databaseName, String command, Document query) {
        long cursorId = ((Number) query.get(command)).longValue();
        Cursor cursor = getCursorRegistry().getCursor(cursorId); // throws CursorNotFound as mongod does
        if (!(cursor instanceof BatchedCursor batched)) {
            return super.handleGetMore(databaseName, command, query);
        }
        int batchSize = ((Number) query.getOrDefault("batchSize", 0)).intValue();
        List<Document> nextBatch = batched.takeBatch(batchSize);
        long nextId = cursorId;
        if (batched.isEmpty()) {
            getCursorRegistry().remove(cursorId);
            nextId = 0L;
        }
        return cursorResponse(batched.namespace, "nextBatch", nextBatch, nextId);
    }

    @SuppressWarnings("unchecked")
    private Document rebatch(String command, Document query, Document response) {
        if (!(response.get("cursor") instanceof Document cursorDocument)
                || !(cursorDocument.get("firstBatch") instanceof List<?> firstBatch)) {
            return response; // explain output, errors: not a cursor reply
        }
        List<Document> all = new ArrayList<>((List<Document>) firstBatch);
        long libraryCursorId = ((Number) cursorDocument.get("id")).longValue();
        if (libraryCursorId != 0L) {
            // The library made its own cursor (find with batchSize): take over its documents.
            CursorRegistry registry = getCursorRegistry();
            Cursor libraryCursor = registry.getCursor(libraryCursorId);
            if (!(libraryCursor instanceof InMemoryCursor)) {
                return response; // a change stream / oplog cursor: open-ended, left as the library serves it
            }
            while (!libraryCursor.isEmpty()) {
                all.addAll(libraryCursor.takeDocuments(Integer.MAX_VALUE));
            }
            registry.remove(libraryCursorId);
        }

        String namespace = (String) cursorDocument.get("ns");
        BatchedCursor cursor = new BatchedCursor(getCursorRegistry().generateCursorId(), namespace, all);
        int firstBatchSize = firstBatchSize(command, query);
        List<Document> first = firstBatchSize == 0 ? List.of() : cursor.takeBatch(firstBatchSize);
        boolean singleBatch = Boolean.TRUE.equals(query.get("singleBatch"));
        long cursorId = 0L;
        if (!cursor.isEmpty() && !singleBatch) {
            getCursorRegistry().add(cursor);
            cursorId = cursor.getId();
        }
        return cursorResponse(namespace, "firstBatch", first, cursorId);
    }

    /** The documents wanted in the first batch: an explicit 0 means an empty first batch, as on mongod. */
    private static int firstBatchSize(String command, Document query) {
        Object batchSize = command.equalsIgnoreCase("aggregate") && query.get("cursor") instanceof Document c
                ? c.get("batchSize")
                : query.get("batchSize");
        return batchSize instanceof Number n ? n.intValue() : DEFAULT_FIRST_BATCH_DOCUMENTS;
    }

    private static Document cursorResponse(String namespace, String batchKey, List<Document> batch, long cursorId) {
        Document cursor = new Document();
        cursor.put("id", cursorId);
        cursor.put("ns", namespace);
        cursor.put(batchKey, batch);
        Document response = new Document();
        response.put("cursor", cursor);
        response.put("ok", 1.0);
        return response;
    }

    /**
     * A field path through an array ({@code "$u.email"} after a {@code $lookup}) leaves the library's internal
     * "missing" marker for each element without the field, which it then cannot encode (the stock server drops the
     * connection). mongod leaves those out: {@code "$u.email"} over {@code [{email: "a"}, {}]} is {@code ["a"]}.
     * This copy does the same, dropping marked keys and array elements.
     */
    static Object withoutMissing(Object value) {
        if (value instanceof Document document) {
            Document copy = new Document();
            document.forEach((key, v) -> {
                if (!(v instanceof Missing)) {
                    copy.put(key, withoutMissing(v));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                if (!(element instanceof Missing)) {
                    copy.add(withoutMissing(element));
                }
            }
            return copy;
        }
        return value;
    }

    static boolean containsMissing(Object value) {
        if (value instanceof Missing) {
            return true;
        }
        if (value instanceof Document document) {
            return document.values().stream().anyMatch(BatchingMemoryBackend::containsMissing);
        }
        return value instanceof List<?> list && list.stream().anyMatch(BatchingMemoryBackend::containsMissing);
    }

    /** The rest of a result, handed out in batches bounded by a document count and by size. */
    static final class BatchedCursor implements Cursor {
        private final long id;
        private final String namespace;
        private final List<Document> documents;
        private int next;

        BatchedCursor(long id, String namespace, List<Document> documents) {
            this.id = id;
            this.namespace = namespace;
            this.documents = documents;
        }

        @Override
        public long getId() {
            return id;
        }

        @Override
        public synchronized boolean isEmpty() {
            return next >= documents.size();
        }

        @Override
        public List<Document> takeDocuments(int numberToReturn) {
            return takeBatch(numberToReturn);
        }

        /**
         * Up to {@code maxDocuments} documents (no count limit when {@code <= 0}, as a getMore without batchSize),
         * never more than {@link #MAX_BATCH_BYTES} bytes, and always at least one document when any is left.
         */
        synchronized List<Document> takeBatch(int maxDocuments) {
            List<Document> batch = new ArrayList<>();
            int limit = maxDocuments > 0 ? maxDocuments : Integer.MAX_VALUE;
            long bytes = 0;
            ByteBuf buffer = Unpooled.buffer();
            try {
                while (next < documents.size() && batch.size() < limit) {
                    Document document = documents.get(next);
                    buffer.clear();
                    try {
                        BsonEncoder.encodeDocument(document, buffer);
                    } catch (IllegalArgumentException e) {
                        if (!containsMissing(document)) {
                            throw e;
                        }
                        document = (Document) withoutMissing(document);
                        buffer.clear();
                        BsonEncoder.encodeDocument(document, buffer);
                    }
                    int size = buffer.writerIndex();
                    if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
                        break;
                    }
                    batch.add(document);
                    documents.set(next, null); // let the sent document go
                    bytes += size;
                    next++;
                }
            } finally {
                buffer.release();
            }
            return batch;
        }

        @Override
        public String toString() {
            return "BatchedCursor(id: " + id + ", ns: " + namespace + ", left: " + (documents.size() - next) + ")";
        }
    }
}
