package io.airsync.fieldtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.DBRef;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class MultipleRecordLinksTypeTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    final MultipleRecordLinksType links = new MultipleRecordLinksType();

    @Test
    void linkedDocumentsAreTheirKeys() {
        ObjectId a = new ObjectId();
        ObjectId b = new ObjectId();
        assertEquals(List.of(a.toHexString(), b.toHexString(), "u-7"),
                links.convert(List.of(a, new DBRef("users", b), Map.of("_id", "u-7"), a), Field.PLAIN, UTC).value());
        assertEquals(List.of("42"), links.convert(42, Field.PLAIN, UTC).value());
        assertThrows(Rejected.class, () -> links.convert(List.of(true), Field.PLAIN, UTC));
    }

    @Test
    void theCanonicalIsTheSortedRecordIdsWhateverTheirForm() {
        assertEquals(links.canonical(List.of("recB", "recA"), UTC),
                links.canonical(List.of(Map.of("id", "recA", "name", "x"), "recB"), UTC));
        assertNull(links.canonical(List.of(), UTC));
    }

    @Test
    void itTakesRecordIdsTheLinkKeyAndTheLinkedTableFromTheSchema() {
        assertEquals(Set.of(ValueShape.RECORD_IDS), links.accepts());
        assertEquals(Set.of(MappingOption.LINK), links.mappingOptions());
        assertFalse(links.canBeNaturalKey());
        assertEquals("tblUsers", MultipleRecordLinksType.linkedTableId(Map.of("linkedTableId", "tblUsers")));
        assertNull(MultipleRecordLinksType.linkedTableId(null));
    }
}
