package io.airsync.source;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonParseException;
import org.bson.json.JsonWriterSettings;

/**
 * A source document's {@code _id} with its BSON type, as a resume point: where a continued run picks up again.
 *
 * <p>Persisted as the one-field document {@code {"_id": <value>}} in canonical Extended JSON, which keeps the type:
 * {@code {"$oid": "…"}} for an ObjectId, {@code {"$numberInt": "7"}} and {@code {"$numberLong": "7"}} apart, a
 * 24-hex-digit string as a string, a UUID as {@code {"$binary": {…, "subType": "04"}}}. (A plain string rebuilt "as an
 * ObjectId if it looks like one" resumed int, long, UUID and 24-hex string ids at the wrong place.)
 *
 * <p>Resuming reads the documents that sort after the resume point in MongoDB's order of BSON types, see
 * {@link #after(BsonValue)}.
 */
public final class SourceId {

    /** How the connector decodes UUIDs too ({@link MongoConnector}): subtype 4 is a {@code java.util.UUID}. */
    public static final UuidRepresentation UUIDS = UuidRepresentation.STANDARD;

    private static final CodecRegistry CODECS =
            CodecRegistries.withUuidRepresentation(MongoClientSettings.getDefaultCodecRegistry(), UUIDS);
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final String ID = "_id";

    /**
     * MongoDB's comparison order of BSON types, lowest first; types in one group compare by value with each other
     * (all numbers together; symbols with strings). A comparison query operator only matches values of its own group
     * ("type bracketing"), so {@code _id > 7} never reaches a string or an ObjectId.
     */
    private static final List<List<BsonType>> TYPE_ORDER = List.of(
            List.of(BsonType.MIN_KEY),
            List.of(BsonType.UNDEFINED, BsonType.NULL),
            List.of(BsonType.INT32, BsonType.INT64, BsonType.DOUBLE, BsonType.DECIMAL128),
            List.of(BsonType.SYMBOL, BsonType.STRING),
            List.of(BsonType.DOCUMENT),
            List.of(BsonType.ARRAY),
            List.of(BsonType.BINARY),
            List.of(BsonType.OBJECT_ID),
            List.of(BsonType.BOOLEAN),
            List.of(BsonType.DATE_TIME),
            List.of(BsonType.TIMESTAMP),
            List.of(BsonType.REGULAR_EXPRESSION),
            List.of(BsonType.DB_POINTER),
            List.of(BsonType.JAVASCRIPT),
            List.of(BsonType.JAVASCRIPT_WITH_SCOPE),
            List.of(BsonType.MAX_KEY));

    /**
     * Types a resumed read does not reach when they sort after the resume point: deprecated ones and JavaScript code
     * (mongo-java-server, the tests' MongoDB, does not know their {@code $type} names). None can be a key (such a
     * document fails as INVALID_ID), so a resumed read only misses failures to report.
     */
    private static final Set<BsonType> NOT_RESUMED = EnumSet.of(BsonType.UNDEFINED, BsonType.SYMBOL,
            BsonType.DB_POINTER, BsonType.JAVASCRIPT, BsonType.JAVASCRIPT_WITH_SCOPE);

    private SourceId() {
    }

    /** The typed form of an {@code _id} as the driver decoded it into a {@link Document}. */
    public static BsonValue of(Object id) {
        if (id instanceof BsonValue b) {
            return b;
        }
        return new Document(ID, id).toBsonDocument(BsonDocument.class, CODECS).get(ID);
    }

    /** The persisted form: {@code {"_id": <value>}} in canonical Extended JSON. */
    public static String toJson(BsonValue id) {
        return new BsonDocument(ID, Objects.requireNonNull(id, "id")).toJson(CANONICAL);
    }

    /**
     * Reads the persisted form back.
     *
     * @throws IllegalArgumentException when the text is not a one-field {@code _id} document in Extended JSON
     */
    public static BsonValue fromJson(String json) {
        BsonDocument doc;
        try {
            doc = BsonDocument.parse(Objects.requireNonNull(json, "json"));
        } catch (JsonParseException | org.bson.BsonInvalidOperationException e) {
            throw new IllegalArgumentException("not an Extended JSON _id document: " + e.getMessage(), e);
        }
        if (doc.size() != 1 || !doc.containsKey(ID)) {
            throw new IllegalArgumentException("expected a document with only an _id, found the keys " + doc.keySet());
        }
        return doc.get(ID);
    }

    /**
     * The filter for "every document after {@code last}" in {@code _id} order: greater within {@code last}'s type
     * group, or of any type that sorts after that group. Both branches are plain index bounds on {@code _id}.
     */
    public static Bson after(BsonValue last) {
        int group = groupOf(last.getBsonType());
        List<String> later = new ArrayList<>();
        for (int g = group + 1; g < TYPE_ORDER.size(); g++) {
            for (BsonType t : TYPE_ORDER.get(g)) {
                if (!NOT_RESUMED.contains(t)) {
                    later.add(alias(t));
                }
            }
        }
        Bson greater = Filters.gt(ID, last);
        return later.isEmpty() ? greater : Filters.or(greater, new Document(ID, new Document("$type", later)));
    }

    private static int groupOf(BsonType type) {
        for (int g = 0; g < TYPE_ORDER.size(); g++) {
            if (TYPE_ORDER.get(g).contains(type)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no place in MongoDB's type order for " + type);
    }

    /** The {@code $type} alias of a BSON type. */
    static String alias(BsonType type) {
        return switch (type) {
            case DOUBLE -> "double";
            case STRING -> "string";
            case DOCUMENT -> "object";
            case ARRAY -> "array";
            case BINARY -> "binData";
            case UNDEFINED -> "undefined";
            case OBJECT_ID -> "objectId";
            case BOOLEAN -> "bool";
            case DATE_TIME -> "date";
            case NULL -> "null";
            case REGULAR_EXPRESSION -> "regex";
            case DB_POINTER -> "dbPointer";
            case JAVASCRIPT -> "javascript";
            case SYMBOL -> "symbol";
            case JAVASCRIPT_WITH_SCOPE -> "javascriptWithScope";
            case INT32 -> "int";
            case TIMESTAMP -> "timestamp";
            case INT64 -> "long";
            case DECIMAL128 -> "decimal";
            case MIN_KEY -> "minKey";
            case MAX_KEY -> "maxKey";
            case END_OF_DOCUMENT -> throw new IllegalArgumentException("not a value type: " + type);
        };
    }
}
