package io.airsync.source;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.TableMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonWriterSettings;

/**
 * Streams a table's source documents in {@code _id} order with a cursor (a filtered find with a projection of the
 * mapped fields, or the table's aggregation pipeline), so memory does not grow with the collection. Reading can start
 * after a given {@code _id}, which is how a continued run resumes.
 */
@ApplicationScoped
public class MongoSourceReader {

    /** How many documents are sampled to list source fields that are not mapped. */
    public static final int SAMPLE_SIZE = 50;
    /**
     * Documents read first, before full batches: a table's first write waits for its first documents, and a full
     * batch of large documents takes a while to arrive and decode (half a second for 1,000 messages on a busy machine).
     */
    static final int FIRST_READ = 100;

    /**
     * Streams documents to {@code consumer} until it returns false. A table without a pipeline reads its first
     * {@value #FIRST_READ} documents by themselves, then the rest after the last of them in batches of
     * {@code batchSize}; a pipeline, whose output may repeat an {@code _id}, reads in one cursor.
     *
     * @param afterId only documents whose {@code _id} sorts after this one in MongoDB's order (see
     *                {@link SourceId#after}), or null for all
     */
    public void read(MongoDatabase db, TableMapping table, BsonValue afterId, int batchSize,
            Predicate<Document> consumer) {
        String what = "reading " + table.source().collection();
        BsonValue after = afterId;
        if (!table.source().isPipeline() && batchSize > FIRST_READ) {
            Object[] last = {null};
            int[] read = {0};
            boolean goOn = stream(db, table, after == null ? null : SourceId.after(after), FIRST_READ, FIRST_READ,
                    doc -> {
                        last[0] = doc.get("_id");
                        read[0]++;
                        return consumer.test(doc);
                    }, what);
            if (!goOn || read[0] < FIRST_READ) {
                return;
            }
            after = SourceId.of(last[0]);
        }
        stream(db, table, after == null ? null : SourceId.after(after), batchSize, 0, consumer, what);
    }

    /**
     * Streams the table's documents with these {@code _id}s (those still there and still matching the table's
     * filter), in {@code _id} order, until {@code consumer} returns false: the documents a run deferred past its
     * deadline, written first by the next invocation.
     */
    public void readByIds(MongoDatabase db, TableMapping table, List<BsonValue> ids, int batchSize,
            Predicate<Document> consumer) {
        if (!ids.isEmpty()) {
            stream(db, table, Filters.in("_id", ids), batchSize, 0, consumer,
                    "reading deferred documents of " + table.source().collection());
        }
    }

    /**
     * Streams the table's documents that also match {@code idCondition} (null: all), in {@code _id} order, at most
     * {@code limit} of them (0: no limit, a find only). Returns false when the consumer stopped it.
     */
    private boolean stream(MongoDatabase db, TableMapping table, Bson idCondition, int batchSize, int limit,
            Predicate<Document> consumer, String what) {
        MongoCollection<Document> collection = db.getCollection(table.source().collection());
        try (MongoCursor<Document> cursor = open(collection, table, idCondition, batchSize, limit)) {
            while (cursor.hasNext()) {
                if (!consumer.test(cursor.next())) {
                    return false;
                }
            }
            return true;
        } catch (MongoException e) {
            throw new SourceException(what + " for table " + table.name() + " failed: MongoDB "
                    + e.getClass().getSimpleName() + " (code " + e.getCode() + ")", e);
        }
    }

    /** Every source {@code _id} of the table (only the ids travel), for mirror mode. */
    public void readIds(MongoDatabase db, TableMapping table, int batchSize, Consumer<Object> consumer) {
        MongoCollection<Document> collection = db.getCollection(table.source().collection());
        Bson filter = filter(table, null);
        try (MongoCursor<Document> cursor = table.source().isPipeline()
                ? collection.aggregate(idPipeline(table)).allowDiskUse(true).batchSize(batchSize).cursor()
                : collection.find(filter).projection(Projections.include("_id")).batchSize(batchSize).cursor()) {
            while (cursor.hasNext()) {
                consumer.accept(cursor.next().get("_id"));
            }
        } catch (MongoException e) {
            throw new SourceException("listing ids of " + table.source().collection() + " failed: "
                    + e.getClass().getSimpleName() + " (code " + e.getCode() + ")", e);
        }
    }

    /** Top-level source field names seen in a sample of documents that no mapped field reads (the report lists them). */
    public List<String> unmappedFields(MongoDatabase db, TableMapping table, List<Document> sampleOut) {
        MongoCollection<Document> collection = db.getCollection(table.source().collection());
        Set<String> seen = new TreeSet<>();
        List<Document> sample = table.source().isPipeline()
                ? collection.aggregate(withLimit(stages(table), SAMPLE_SIZE)).allowDiskUse(true).into(new ArrayList<>())
                : collection.find(filter(table, null)).limit(SAMPLE_SIZE).into(new ArrayList<>());
        sample.forEach(d -> seen.addAll(d.keySet()));
        sampleOut.addAll(sample);
        Set<String> mapped = topLevelPaths(table);
        mapped.add("_id");
        seen.removeAll(mapped);
        return new ArrayList<>(seen);
    }

    private MongoCursor<Document> open(MongoCollection<Document> c, TableMapping table, Bson idCondition,
            int batchSize, int limit) {
        if (table.source().isPipeline()) {
            List<Bson> pipeline = new ArrayList<>();
            if (idCondition != null) {
                pipeline.add(Aggregates.match(idCondition));
            }
            pipeline.addAll(stages(table));
            return c.aggregate(pipeline).allowDiskUse(true).batchSize(batchSize).cursor();
        }
        return c.find(filter(table, idCondition))
                .projection(Projections.include(new ArrayList<>(topLevelPaths(table))))
                .sort(Sorts.ascending("_id"))
                .limit(limit)
                .batchSize(batchSize)
                .cursor();
    }

    /**
     * How many documents feed the table: those its filter matches (a pipeline's output is counted as its filtered
     * input, an upper bound). For planning the run's Airtable requests. Without a filter, the collection's own count
     * from its metadata: counting matches scans the collection, which on a large one costs seconds before every table.
     */
    public long count(MongoDatabase db, TableMapping table) {
        MongoCollection<Document> c = db.getCollection(table.source().collection());
        try {
            return hasFilter(table) ? c.countDocuments(filter(table, null)) : c.estimatedDocumentCount();
        } catch (MongoException e) {
            throw new SourceException("counting " + table.source().collection() + " for table " + table.name()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** The table's pipeline, sorted by _id first so a resumed run can start after the last id handled. */
    private static List<Bson> stages(TableMapping table) {
        List<Bson> stages = new ArrayList<>();
        if (hasFilter(table)) {
            stages.add(new Document("$match", toBson(table.source().filter())));
        }
        stages.add(new Document("$sort", new Document("_id", 1)));
        for (Map<String, Object> stage : table.source().pipeline()) {
            stages.add(toBson(stage));
        }
        return stages;
    }

    private static List<Bson> idPipeline(TableMapping table) {
        List<Bson> stages = new ArrayList<>(stages(table));
        stages.add(new Document("$project", new Document("_id", 1)));
        return stages;
    }

    private static List<Bson> withLimit(List<Bson> stages, int limit) {
        List<Bson> limited = new ArrayList<>(stages);
        limited.add(new Document("$limit", limit));
        return limited;
    }

    private static boolean hasFilter(TableMapping table) {
        return table.source().filter() != null && !table.source().filter().isEmpty();
    }

    /** The table's own filter, and {@code idCondition} when there is one. */
    private static Bson filter(TableMapping table, Bson idCondition) {
        List<Bson> parts = new ArrayList<>();
        if (hasFilter(table)) {
            parts.add(toBson(table.source().filter()));
        }
        if (idCondition != null) {
            parts.add(idCondition);
        }
        return parts.isEmpty() ? new Document() : parts.size() == 1 ? parts.get(0) : Filters.and(parts);
    }

    /** Filter and stages are written as Extended JSON shaped maps in the mapping ({"$date": ...} works). */
    static Document toBson(Map<String, Object> map) {
        String json = new Document(map).toJson(JsonWriterSettings.builder().build());
        return Document.parse(json);
    }

    private static Set<String> topLevelPaths(TableMapping table) {
        Set<String> paths = new LinkedHashSet<>();
        for (FieldMapping f : table.fields()) {
            int dot = f.source().indexOf('.');
            paths.add(dot < 0 ? f.source() : f.source().substring(0, dot));
        }
        return paths;
    }

}
