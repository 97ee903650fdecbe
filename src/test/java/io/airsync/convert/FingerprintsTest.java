package io.airsync.convert;

import io.airsync.fieldtype.ConvertedValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.MappingLoader;
import io.airsync.mapping.SyncMapping;
import io.airsync.mapping.TableMapping;
import io.airsync.plan.KnownRecord;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private static final SyncMapping MAPPING = new MappingLoader().load(MappingLoader.DEFAULT_LOCATION);

    @Test
    void fieldHashesAreFixedForever() {
        // Hashes are persisted in state: changing the algorithm, seed or encoding would rewrite every record.
        assertEquals(Fingerprints.EMPTY_HASH, Fingerprints.fieldHash(null));
        assertEquals(0x2F6B8A1D, Fingerprints.EMPTY_HASH);
        assertEquals(0, Fingerprints.UNKNOWN_HASH);
        assertEquals(136795718, Fingerprints.fieldHash("hello"));
        assertEquals(-998850290, Fingerprints.fieldHash(""));
        assertEquals(2238888363299448787L, Fingerprints.recordHash(new int[] {1, 2, 3}));
    }

    @Test
    void recordHashesSeeFieldBoundariesOrderAndCount() {
        int e = Fingerprints.EMPTY_HASH;
        int a = Fingerprints.fieldHash("a");
        long h1 = Fingerprints.recordHash(new int[] {a, e});
        long h2 = Fingerprints.recordHash(new int[] {e, a});
        long h3 = Fingerprints.recordHash(new int[] {a, e, e});
        long h4 = Fingerprints.recordHash(new int[] {a});
        assertEquals(4, List.of(h1, h2, h3, h4).stream().distinct().count());
        assertNotEquals(Fingerprints.recordHash(Arrays.asList("ab", "c")),
                Fingerprints.recordHash(Arrays.asList("a", "bc")));
        assertEquals(Fingerprints.recordHash(Fingerprints.fieldHashes(Arrays.asList("x", null))),
                Fingerprints.recordHash(Arrays.asList("x", null)));
        assertNotEquals(Fingerprints.fieldHash(""), Fingerprints.fieldHash(null),
                "the normaliser never yields \"\", but the hash still tells it from empty");
    }

    @Test
    void aWrittenRecordAndAirtablesAnswerFingerprintAlike() throws Exception {
        ZoneId zone = ZoneId.of("Europe/Paris");
        ValueConverter converter = new ValueConverter(zone);
        ValueNormalizer normalizer = new ValueNormalizer(zone);
        TableMapping users = MAPPING.table("Users").orElseThrow();
        Document source = Document.parse("""
                { "_id": {"$oid": "65a1b2c3d4e5f60718293a4b"}, "email": " Ana.Martin@Example.com ",
                  "firstName": "Ana", "lastName": "Martín 🌶️", "phone": "+33 6 12 34 56 78", "role": "host",
                  "gender": "female", "birthDay": {"$date": "1990-07-13T22:00:00Z"}, "occupation": "Chef",
                  "homeNeighborhood": "Le Marais", "interests": ["Wine", "Cooking", "Wine"],
                  "tableTypePreference": "Communal", "event_count": 12, "order_count": {"$numberLong": "30"},
                  "total_spent": {"$numberDecimal": "1234.50"}, "last_active": {"$date": "2024-01-05T10:00:00Z"},
                  "days_inactive": 3.0, "engagement_status": "active", "journey_stage": "loyal",
                  "value_segment": "high", "user_segment": "champion", "churn_risk": "low",
                  "profile_completeness": 87.5, "profile_ready": true, "summary": "Likes wine.\\r\\nHosts often.",
                  "createdAt": {"$date": "2023-03-01T08:30:00.123Z"} }
                """);
        // What the planner does with the source document.
        List<String> canonicals = new ArrayList<>();
        Map<String, Object> written = new LinkedHashMap<>();
        for (FieldMapping f : users.fields()) {
            ConvertedValue v = converter.convertFrom(f, source);
            Object value = v.isOk() ? v.value() : null;
            if (v.isOk()) {
                written.put(f.airtable(), value);
            }
            canonicals.add(normalizer.canonical(f.type(), value));
        }
        KnownRecord planned = KnownRecord.fingerprint("recX", canonicals);
        // Airtable's answer: the JSON written, read back, without the empty cells it omits.
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> echoed = json.readValue(json.writeValueAsString(written), new TypeReference<>() { });
        echoed.values().removeIf(v -> v == null || Boolean.FALSE.equals(v));
        KnownRecord fromAirtable = KnownRecord.fingerprint("recX", users, echoed, normalizer);
        assertArrayEquals(planned.fieldHashes(), fromAirtable.fieldHashes());
        assertEquals(planned.recordHash(), fromAirtable.recordHash());
        assertEquals("1990-07-14", written.get("Birthday"), "the day in Paris");
        assertEquals(0.88, echoed.get("Profile Completeness"), "87.5 of 100 at precision 0 is 88%");
        // A change in Airtable shows in exactly that field.
        Map<String, Object> edited = new HashMap<>(echoed);
        edited.put("Role", "admin");
        KnownRecord changed = KnownRecord.fingerprint("recX", users, edited, normalizer);
        assertNotEquals(planned.recordHash(), changed.recordHash());
        int role = users.indexOf("Role");
        for (int i = 0; i < users.fields().size(); i++) {
            assertEquals(i != role, planned.fieldHashes()[i] == changed.fieldHashes()[i], users.fields().get(i).airtable());
        }
    }
}
