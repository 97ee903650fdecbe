package io.airsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.BsonBinarySubType;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** The persisted resume point: every _id keeps its BSON type through Extended JSON. */
class SourceIdTest {

    @Test
    void everyKindOfIdComesBackWithItsType() {
        List<Object> ids = List.of(new ObjectId("65a1b2c3d4e5f60718293a4b"), 7, 7L, 9_007_199_254_740_993L,
                "plain", "65a1b2c3d4e5f60718293a4b", "", UUID.fromString("0b7e4c7e-3a7e-4f6c-9d2a-1b2c3d4e5f60"),
                2.5, new Decimal128(12), new Date(1_700_000_000_000L), true);
        for (Object id : ids) {
            BsonValue typed = SourceId.of(id);
            String json = SourceId.toJson(typed);
            assertEquals(typed, SourceId.fromJson(json), json);
        }
    }

    @Test
    void integersLongsAndTheirDecimalTextsAreThreeDifferentResumePoints() {
        String asInt = SourceId.toJson(SourceId.of(7));
        String asLong = SourceId.toJson(SourceId.of(7L));
        String asText = SourceId.toJson(SourceId.of("7"));
        assertEquals("{\"_id\": {\"$numberInt\": \"7\"}}", asInt);
        assertEquals("{\"_id\": {\"$numberLong\": \"7\"}}", asLong);
        assertEquals("{\"_id\": \"7\"}", asText);
        assertEquals(new BsonInt32(7), SourceId.fromJson(asInt));
        assertEquals(new BsonInt64(7), SourceId.fromJson(asLong));
        assertEquals(new BsonString("7"), SourceId.fromJson(asText));
    }

    @Test
    void aStringOfTwentyFourHexDigitsStaysAString() {
        String hex = "65a1b2c3d4e5f60718293a4b";
        BsonValue asString = SourceId.fromJson(SourceId.toJson(SourceId.of(hex)));
        BsonValue asObjectId = SourceId.fromJson(SourceId.toJson(SourceId.of(new ObjectId(hex))));
        assertEquals(BsonType.STRING, asString.getBsonType());
        assertEquals(BsonType.OBJECT_ID, asObjectId.getBsonType());
        assertNotEquals(asString, asObjectId);
    }

    @Test
    void aUuidIsStoredAsStandardBinary() {
        UUID uuid = UUID.fromString("0b7e4c7e-3a7e-4f6c-9d2a-1b2c3d4e5f60");
        BsonValue typed = SourceId.fromJson(SourceId.toJson(SourceId.of(uuid)));
        assertEquals(BsonType.BINARY, typed.getBsonType());
        assertEquals(BsonBinarySubType.UUID_STANDARD.getValue(), typed.asBinary().getType());
        assertEquals(uuid, typed.asBinary().asUuid());
    }

    @Test
    void unreadableTextIsRefusedWithAReason() {
        for (String bad : List.of("", "65a1b2c3d4e5f60718293a4b", "{\"_id\": ", "{\"id\": 1}", "{\"_id\": 1, \"x\": 2}",
                "{\"_id\": {\"$oid\": \"xyz\"}}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceId.fromJson(bad), bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), bad);
        }
    }

    @Test
    void everyBsonValueTypeHasAPlaceInTheOrderAndAnAlias() {
        for (BsonType t : BsonType.values()) {
            if (t == BsonType.END_OF_DOCUMENT) {
                continue;
            }
            assertTrue(!SourceId.alias(t).isBlank(), t.name());
        }
        // Every value type gets a resume filter (none is missing from the type order).
        for (Object id : List.of(7, "x", new ObjectId(), true, new Date(0), UUID.randomUUID())) {
            SourceId.after(SourceId.of(id));
        }
    }
}
