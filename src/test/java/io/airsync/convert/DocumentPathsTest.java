package io.airsync.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.FieldType;
import io.airsync.mapping.Mirror;
import io.airsync.mapping.NullPolicy;
import io.airsync.mapping.SourceSpec;
import io.airsync.mapping.TableMapping;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class DocumentPathsTest {

    private final Document doc = Document.parse("""
            { "email": "a@b.c", "gone": null,
              "profile": { "city": "Lyon", "address": { "zip": "69001" } },
              "tags": ["x", "y"],
              "orders": [ { "total": 10, "items": ["a", "b"] }, { "total": 20.5, "items": ["c"] }, { "note": 1 } ] }
            """);

    @Test
    void readsNestedDocumentsAndArrays() {
        assertEquals("a@b.c", DocumentPaths.read(doc, "email"));
        assertEquals("Lyon", DocumentPaths.read(doc, "profile.city"));
        assertEquals("69001", DocumentPaths.read(doc, "profile.address.zip"));
        assertEquals("y", DocumentPaths.read(doc, "tags.1"));
        assertEquals(20.5, DocumentPaths.read(doc, "orders.1.total"));
        assertEquals(List.of(10, 20.5), DocumentPaths.read(doc, "orders.total"), "MongoDB-style projection");
        assertEquals(List.of("a", "b", "c"), DocumentPaths.read(doc, "orders.items"), "flattened one level");
    }

    @Test
    void missingAndNullReadAsNullButOnlyMissingDoesNotExist() {
        assertNull(DocumentPaths.read(doc, "gone"));
        assertNull(DocumentPaths.read(doc, "nope"));
        assertNull(DocumentPaths.read(doc, "profile.city.name"));
        assertNull(DocumentPaths.read(doc, "tags.2"));
        assertNull(DocumentPaths.read(doc, "tags.99999999999"));
        assertNull(DocumentPaths.read(doc, "orders.missing"));
        assertTrue(DocumentPaths.exists(doc, "gone"));
        assertFalse(DocumentPaths.exists(doc, "nope"));
        assertTrue(DocumentPaths.exists(doc, "orders.note"));
    }

    @Test
    void unmatchedPathsNameTheLikelyTypos() {
        TableMapping t = new TableMapping("Users", "Users", new SourceSpec("users", null, null), "Mongo ID", null,
                Mirror.OFF, List.of(
                        f("Email", "email"), f("City", "profile.city"), f("Typo", "emial"),
                        f("Gone", "gone"), f("Zip", "profile.adress.zip"), f("Email again", "email")));
        List<String> unmatched = DocumentPaths.unmatchedPaths(t, Arrays.asList(new Document("x", 1), doc));
        assertEquals(List.of("emial", "profile.adress.zip"), unmatched);
        assertEquals(List.of(), DocumentPaths.unmatchedPaths(t, List.of()), "no sample, no judgement");
    }

    private static FieldMapping f(String airtable, String source) {
        return new FieldMapping(airtable, source, FieldType.SINGLE_LINE_TEXT, NullPolicy.keep, null, null, null, null);
    }
}
