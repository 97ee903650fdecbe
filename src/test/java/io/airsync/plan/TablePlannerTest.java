package io.airsync.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.convert.Fingerprints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The planner alone, no Quarkus, no I/O: what it decides for each way a source record can meet what is known (state,
 * or Airtable read back), and the state it derives from a write. Milliseconds each.
 */
class TablePlannerTest {

    static final List<String> FIELDS = List.of("Name", "Email", "Age");
    static final String KEY = "Mongo ID";

    final List<SourceRecord.Problem> problems = new ArrayList<>();

    @Test
    void anUnknownRecordIsCreatedWithItsKeyAndItsWritableNonEmptyValues() {
        TablePlanner planner = new TablePlanner(FIELDS, KEY, new HashMap<>(), null);
        SourceRecord r = record("a1", null, new Object[] {"Ada", null, 36}, new boolean[] {true, true, false});

        Decision d = planner.decide(r, problems::add);

        Decision.Create c = assertInstanceOf(Decision.Create.class, d);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put(KEY, "a1");
        expected.put("Name", "Ada");
        assertEquals(expected, c.fields(), "empty and unwritable values are not sent on create");
        assertEquals(List.of(), problems);
    }

    @Test
    void aKnownRecordWithTheSameHashesIsUnchangedAndOneChangedFieldIsPatchedAlone() {
        SourceRecord same = record("a1", null, new Object[] {"Ada", "ada@example.org", 36}, all(true));
        Map<String, KnownRecord> state = new HashMap<>(Map.of("a1", known("recA", same.fieldHashes())));
        TablePlanner planner = new TablePlanner(FIELDS, KEY, state, null);

        assertEquals(new Decision.Unchanged("a1", "recA"), planner.decide(same, problems::add));

        SourceRecord older = record("a1", null, new Object[] {"Ada", "ada@example.org", 37}, all(true));
        Decision.Update u = assertInstanceOf(Decision.Update.class, planner.decide(older, problems::add));
        assertEquals("recA", u.recordId());
        assertEquals(Map.of("Age", 37), u.fields());
        assertTrue(!u.adopted());
    }

    @Test
    void aValueThatBecameEmptyIsClearedWithNullButAnUnwritableOneIsLeftAlone() {
        SourceRecord before = record("a1", null, new Object[] {"Ada", "ada@example.org", 36}, all(true));
        TablePlanner planner = new TablePlanner(FIELDS, KEY,
                new HashMap<>(Map.of("a1", known("recA", before.fieldHashes()))), null);

        SourceRecord now = record("a1", null, new Object[] {"Ada", null, null}, new boolean[] {true, true, false});
        Decision.Update u = assertInstanceOf(Decision.Update.class, planner.decide(now, problems::add));
        Map<String, Object> expected = new HashMap<>();
        expected.put("Email", null);
        assertEquals(expected, u.fields());
    }

    @Test
    void aFailedRecordIsFailedWithItsReason() {
        TablePlanner planner = new TablePlanner(FIELDS, KEY, new HashMap<>(), null);
        SourceRecord.Problem why = new SourceRecord.Problem("Age", ProblemKind.CONVERSION, "not a number");
        SourceRecord r = new SourceRecord("a1", null, new Object[3], new boolean[3], new int[3], List.of(), why);
        assertEquals(new Decision.Fail("a1", why), planner.decide(r, problems::add));
    }

    @Test
    void readBackAirtableIsTheTruthAndAnUnkeyedRowIsAdoptedByItsNaturalKeyOnce() {
        SourceRecord ada = record("a1", "ada@example.org", new Object[] {"Ada", "ada@example.org", 36}, all(true));
        AirtableIndex airtable = new AirtableIndex();
        airtable.add(null, "ada@example.org", known("recHand", ada.fieldHashes()));
        TablePlanner planner = new TablePlanner(FIELDS, KEY, new HashMap<>(Map.of("a1", known("recStale", new int[3]))),
                airtable);

        Decision.Update adopt = assertInstanceOf(Decision.Update.class, planner.decide(ada, problems::add));
        assertEquals("recHand", adopt.recordId(), "Airtable read back wins over state");
        assertTrue(adopt.adopted());
        assertEquals(Map.of(KEY, "a1"), adopt.fields(), "same values: only the key field is written");

        SourceRecord twin = record("a2", "ada@example.org", new Object[] {"Ada", "ada@example.org", 36}, all(true));
        assertInstanceOf(Decision.Create.class, planner.decide(twin, problems::add), "a claimed row is adopted once");
        assertEquals(List.of(ProblemKind.DUPLICATE_NATURAL_KEY), problems.stream().map(SourceRecord.Problem::kind).toList());
    }

    @Test
    void severalUnkeyedRowsWithTheNaturalKeyAreAmbiguousAndNoneIsAdopted() {
        SourceRecord ada = record("a1", "ada@example.org", new Object[] {"Ada", "ada@example.org", 36}, all(true));
        AirtableIndex airtable = new AirtableIndex();
        airtable.add(null, "ada@example.org", known("rec1", ada.fieldHashes()));
        airtable.add(null, "ada@example.org", known("rec2", ada.fieldHashes()));
        TablePlanner planner = new TablePlanner(FIELDS, KEY, new HashMap<>(), airtable);

        assertInstanceOf(Decision.Create.class, planner.decide(ada, problems::add));
        assertEquals(List.of(ProblemKind.AMBIGUOUS_NATURAL_KEY), problems.stream().map(SourceRecord.Problem::kind).toList());
        assertEquals(ProblemKind.Tally.DUPLICATE, problems.get(0).kind().tally());
    }

    @Test
    void whatIsWrittenBecomesTheStateAndUnwrittenFieldsKeepWhatWasKnown() {
        SourceRecord before = record("a1", null, new Object[] {"Ada", "ada@example.org", 36}, all(true));
        TablePlanner planner = new TablePlanner(FIELDS, KEY,
                new HashMap<>(Map.of("a1", known("recA", before.fieldHashes()))), null);
        SourceRecord now = record("a1", null, new Object[] {"Ada L.", null, 99}, new boolean[] {true, true, false});

        KnownRecord after = planner.written(now, "recA");

        int[] expected = {now.fieldHashes()[0], now.fieldHashes()[1], before.fieldHashes()[2]};
        assertArrayEquals(expected, after.fieldHashes());
        assertEquals(Fingerprints.recordHash(expected), after.recordHash());
        // A new record: what was not written is empty.
        KnownRecord created = new TablePlanner(FIELDS, KEY, new HashMap<>(), null).written(now, "recNew");
        assertEquals(Fingerprints.EMPTY_HASH, created.fieldHashes()[2]);
        assertNull(new TablePlanner(FIELDS, KEY, new HashMap<>(), null).known("a1"));
    }

    // ------------------------------------------------------------------------------------------------------------

    /** A converted record whose hashes are those of the values' text (null: empty), as conversion would give. */
    static SourceRecord record(String mongoId, String naturalKey, Object[] values, boolean[] writable) {
        int[] hashes = Fingerprints.fieldHashes(Arrays.stream(values).map(v -> v == null ? null : String.valueOf(v))
                .toList());
        return new SourceRecord(mongoId, naturalKey, values, writable, hashes, List.of(), null);
    }

    static KnownRecord known(String recordId, int[] hashes) {
        return new KnownRecord(recordId, Fingerprints.recordHash(hashes), hashes.clone());
    }

    static boolean[] all(boolean b) {
        return new boolean[] {b, b, b};
    }
}
