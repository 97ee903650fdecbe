package io.airsync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The read-back index alone: keyed rows, duplicates reported, natural keys adoptable once, ambiguity. */
class AirtableIndexTest {

    static KnownRecord rec(String id) {
        return new KnownRecord(id, 1L, new int[] {1});
    }

    @Test
    void keyedRowsAreFoundByMongoIdAndARepeatedKeyIsReportedNotMerged() {
        AirtableIndex index = new AirtableIndex();
        index.add("a1", "ada@example.org", rec("rec1"));
        index.add("a1", null, rec("rec2"));
        index.add("a2", null, rec("rec3"));

        assertEquals("rec1", index.byMongoId("a1").recordId(), "the first row with a key keeps it");
        assertEquals(List.of("rec2"), index.duplicateKeyRecords());
        assertEquals(2, index.keyed().size());
        assertEquals(3, index.rows());
        assertNull(index.adoptable("ada@example.org"), "a keyed row is never adopted by its natural key");
    }

    @Test
    void anUnkeyedRowIsAdoptableOnceUnlessItsNaturalKeyIsShared() {
        AirtableIndex index = new AirtableIndex();
        index.add(null, "ada@example.org", rec("recAda"));
        index.add(null, "bob@example.org", rec("recBob1"));
        index.add(null, "bob@example.org", rec("recBob2"));
        index.add(null, null, rec("recNothing"));

        assertEquals("recAda", index.adoptable("ada@example.org").recordId());
        assertFalse(index.ambiguous("ada@example.org"));
        index.claim("ada@example.org");
        assertNull(index.adoptable("ada@example.org"), "claimed");

        assertNull(index.adoptable("bob@example.org"));
        assertTrue(index.ambiguous("bob@example.org"));
        assertNull(index.adoptable(null));
        assertFalse(index.ambiguous(null));
        assertEquals(4, index.rows());
    }
}
