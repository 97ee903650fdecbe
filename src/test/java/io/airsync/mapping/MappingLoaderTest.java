package io.airsync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingLoaderTest {

    private static final String ORIGIN = "test-mapping.yaml";
    private final MappingLoader loader = new MappingLoader();

    /** A small valid mapping that the broken cases below change in one place. */
    private static final String VALID = """
            tables:
              - name: Users
                source: { collection: users }
                keyField: Mongo ID
                naturalKey: { field: Email, normalize: email }
                fields:
                  - { airtable: Email, source: email, type: email }
                  - { airtable: Score, source: stats.score, type: number, precision: 2 }
              - name: Messages
                source: { collection: messages }
                keyField: Mongo ID
                fields:
                  - { airtable: Text, source: text, type: multilineText }
                  - { airtable: User, source: user_id, type: multipleRecordLinks, link: Users }
            """;

    private MappingException broken(String yaml) {
        return assertThrows(MappingException.class, () -> loader.parse(ORIGIN, yaml));
    }

    /** Asserts one problem line names the file, the table, the field (when given) and says what is wrong. */
    private static void assertProblem(MappingException e, String table, String field, String... fragments) {
        String match = e.problems().stream()
                .filter(p -> p.startsWith(ORIGIN))
                .filter(p -> table == null || p.contains("table " + quoted(table)))
                .filter(p -> field == null || p.contains("field " + quoted(field)))
                .filter(p -> List.of(fragments).stream().allMatch(p::contains))
                .findFirst().orElse(null);
        assertTrue(match != null, "no problem naming table " + table + ", field " + field + " and "
                + List.of(fragments) + " in:\n" + e.getMessage());
        assertTrue(e.getMessage().contains(match), "the message holds every problem line");
    }

    /** Unnamed tables and fields are named by position (#2), named ones in quotes. */
    private static String quoted(String name) {
        return name.startsWith("#") ? name : "'" + name + "'";
    }

    // ------------------------------------------------------------------------------------------ valid mappings

    @Test
    void validMappingLoadsWithDefaults() {
        SyncMapping m = loader.parse(ORIGIN, VALID);
        assertEquals(ORIGIN, m.origin());
        assertEquals(List.of("Users", "Messages"), m.tableNames());
        assertNull(m.timeZone());
        TableMapping users = m.table("Users").orElseThrow();
        assertEquals("Users", users.airtableTable(), "airtableTable defaults to the name");
        assertEquals(Mirror.OFF, users.mirror());
        assertEquals(new NaturalKey("Email", KeyNormalization.email), users.naturalKey());
        FieldMapping score = users.field("Score").orElseThrow();
        assertEquals(NullPolicy.keep, score.onNull());
        assertEquals(2, score.precision());
        assertEquals("stats.score", score.source());
        FieldMapping link = m.table("Messages").orElseThrow().field("User").orElseThrow();
        assertTrue(link.isLink());
        assertEquals("Users", link.link());
        assertNull(m.table("Messages").orElseThrow().naturalKey());
    }

    @Test
    void optionsAreRead() {
        SyncMapping m = loader.parse(ORIGIN, """
                timeZone: Europe/Paris
                tables:
                  - name: People
                    airtableTable: tblAbCdEfGhIjKlMn
                    source:
                      collection: people
                      pipeline:
                        - $match: { deleted: { $ne: true }, _id: { $gt: { $oid: "65a1b2c3d4e5f60718293a4b" } } }
                        - $addFields: { orderCount: { $size: "$orders" } }
                    keyField: Key
                    mirror: { mode: flag, flagField: Gone }
                    fields:
                      - { airtable: Tags, source: tags, type: singleLineText, separator: " | ", onNull: clear }
                      - { airtable: Done, source: ratio, type: percent, percentScale: hundred, precision: 1 }
                      - { airtable: Plain, source: plain, type: percent }
                  - name: Other
                    source: { collection: other, filter: { active: true, 'a.b': null } }
                    keyField: Key
                    mirror: { mode: off }
                    fields:
                      - { airtable: "2024", source: items.0.name, type: singleLineText }
                """);
        assertEquals(ZoneId.of("Europe/Paris"), m.timeZone());
        assertEquals(ZoneId.of("Europe/Paris"), m.timeZoneOr(ZoneId.of("UTC")));
        TableMapping people = m.tables().get(0);
        assertEquals("tblAbCdEfGhIjKlMn", people.airtableTable());
        assertTrue(people.source().isPipeline());
        assertEquals(2, people.source().pipeline().size());
        assertEquals(Map.of("$size", "$orders"),
                ((Map<?, ?>) people.source().pipeline().get(1).get("$addFields")).get("orderCount"));
        assertEquals(new Mirror(MirrorMode.flag, "Gone"), people.mirror());
        FieldMapping tags = people.field("Tags").orElseThrow();
        assertEquals(" | ", tags.separator());
        assertEquals(NullPolicy.clear, tags.onNull());
        assertTrue(people.field("Done").orElseThrow().percentOfHundred());
        assertEquals(FieldMapping.PERCENT_FRACTION, people.field("Plain").orElseThrow().percentScale());
        TableMapping other = m.tables().get(1);
        assertEquals(Mirror.OFF, other.mirror(), "'mode: off' is the word off, not YAML 1.1's false");
        assertEquals(true, other.source().filter().get("active"));
        assertTrue(other.source().filter().containsKey("a.b"));
        assertNull(other.source().filter().get("a.b"));
        assertFalse(other.source().isPipeline());
        assertEquals("2024", other.fields().get(0).airtable(), "names are kept as written");
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        assertEquals(2, loader.parse(ORIGIN, "\uFEFF" + VALID).tables().size());
    }

    @Test
    void aTableOrFieldIsAddedWithoutCodeChange(@TempDir Path dir) throws Exception {
        // The default mapping plus a fourth table that links to Events, and an extra field on Users.
        String base = MappingLoader.read(MappingLoader.DEFAULT_LOCATION);
        String custom = base.replace(
                "      - { airtable: Updated At, source: updatedAt, type: dateTime }\n\n  - name: Events",
                "      - { airtable: Updated At, source: updatedAt, type: dateTime }\n"
                        + "      - { airtable: City, source: address.city, type: singleLineText }\n\n  - name: Events")
                + """

                  - name: Venues
                    airtableTable: Venues
                    source: { collection: venues, filter: { open: true } }
                    keyField: Mongo ID
                    naturalKey: { field: Venue, normalize: casefold }
                    mirror: { mode: delete }
                    fields:
                      - { airtable: Venue, source: name, type: singleLineText }
                      - { airtable: Seats, source: capacity, type: number, precision: 0 }
                      - { airtable: Events, source: event_ids, type: multipleRecordLinks, link: Events }
                """;
        Path file = dir.resolve("custom.yaml");
        Files.writeString(file, custom);
        SyncMapping m = loader.load(file.toString());
        assertEquals(List.of("Users", "Events", "Messages", "Venues"), m.tableNames());
        assertEquals("address.city", m.table("Users").orElseThrow().field("City").orElseThrow().source());
        TableMapping venues = m.table("Venues").orElseThrow();
        assertEquals(MirrorMode.delete, venues.mirror().mode());
        assertEquals(3, venues.fields().size());
        assertEquals("Events", venues.field("Events").orElseThrow().link());
    }

    @Test
    void loadsFromClasspathAndFilesAndNamesMissingOnes(@TempDir Path dir) {
        assertEquals(3, loader.load("classpath:mapping/default-mapping.yaml").tables().size());
        assertEquals(3, loader.load("classpath:/mapping/default-mapping.yaml").tables().size());
        MappingException cp = assertThrows(MappingException.class, () -> loader.load("classpath:mapping/nope.yaml"));
        assertTrue(cp.getMessage().contains("classpath:mapping/nope.yaml"), cp.getMessage());
        Path missing = dir.resolve("missing.yaml");
        MappingException file = assertThrows(MappingException.class, () -> loader.load(missing.toString()));
        assertTrue(file.getMessage().contains("missing.yaml") && file.getMessage().contains("does not exist"),
                file.getMessage());
        MappingException s3 = assertThrows(MappingException.class, () -> loader.load("s3://bucket/m.yaml"));
        assertTrue(s3.getMessage().contains("s3://bucket/m.yaml"), s3.getMessage());
    }

    @Test
    void fileProblemsNameTheFilePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ops.yaml");
        Files.writeString(file, VALID.replace("type: email", "type: emial"));
        MappingException e = assertThrows(MappingException.class, () -> loader.load(file.toString()));
        assertTrue(e.getMessage().contains(file.toString() + ", line 7: table 'Users', field 'Email': "
                + "unknown field type 'emial'"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------ broken mappings

    @Test
    void yamlSyntaxErrorHasLineAndColumn() {
        MappingException e = broken(VALID.replace("{ airtable: Email, source: email, type: email }",
                "{ airtable: Email, source: email, type: email"));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().contains(ORIGIN + ": YAML syntax error at line 8, column"), e.getMessage());
    }

    @Test
    void duplicateYamlKeyIsASyntaxError() {
        MappingException e = broken(VALID.replace("keyField: Mongo ID\n    naturalKey",
                "keyField: Mongo ID\n    keyField: Other\n    naturalKey"));
        assertTrue(e.getMessage().contains("Duplicate field 'keyField'") && e.getMessage().contains("line 5"),
                e.getMessage());
    }

    @Test
    void emptyAndShapelessFilesAreRefused() {
        assertTrue(broken("").getMessage().contains(ORIGIN + ", line 1: the mapping is empty"));
        assertTrue(broken("- a\n- b\n").getMessage().contains("must be a map with a 'tables' list"));
        assertTrue(broken("tables: []\n").getMessage().contains("'tables' is empty"));
        assertTrue(broken("tables: {}\n").getMessage().contains("'tables' must be a list"));
    }

    @Test
    void unknownType() {
        MappingException e = broken(VALID.replace("type: email", "type: emial"));
        assertProblem(e, "Users", "Email", "unknown field type 'emial'", "singleLineText");
    }

    @Test
    void unknownKeysAtEveryLevel() {
        MappingException e = broken(VALID
                .replace("tables:", "timezone: UTC\ntables:")
                .replace("keyField: Mongo ID\n    naturalKey", "keyfield: Mongo ID\n    naturalKey")
                .replace("source: { collection: users }", "source: { collection: users, filtr: {} }")
                .replace("naturalKey: { field: Email, normalize: email }",
                        "naturalKey: { field: Email, normalise: email }")
                .replace("{ airtable: Score, source: stats.score, type: number, precision: 2 }",
                        "{ airtable: Score, sorce: stats.score, type: number, precison: 2 }"));
        assertProblem(e, null, null, "line 1: unknown key 'timezone' (did you mean 'timeZone'?)");
        assertProblem(e, "Users", null, "unknown key 'keyfield' (did you mean 'keyField'?)");
        assertProblem(e, "Users", null, "missing required key 'keyField'");
        assertProblem(e, "Users", null, "source: unknown key 'filtr' (did you mean 'filter'?)");
        assertProblem(e, "Users", null, "naturalKey: unknown key 'normalise' (did you mean 'normalize'?)");
        assertProblem(e, "Users", "Score", "unknown key 'sorce' (did you mean 'source'?)");
        assertProblem(e, "Users", "Score", "unknown key 'precison' (did you mean 'precision'?)");
        assertProblem(e, "Users", "Score", "missing required key 'source'");
    }

    @Test
    void missingRequiredValues() {
        MappingException e = broken("""
                tables:
                  - name: Users
                    fields:
                      - { source: email, type: email }
                      - { airtable: Name, type: singleLineText }
                      - { airtable: Age, source: age }
                      - { airtable: Link, source: x, type: multipleRecordLinks }
                  - source: { collection: x }
                    keyField: K
                    fields: [ { airtable: A, source: a, type: number } ]
                  - name: Empty
                    source: {}
                    keyField: ""
                    fields: []
                """);
        assertProblem(e, "Users", null, "missing required key 'source'");
        assertProblem(e, "Users", null, "missing required key 'keyField'");
        assertProblem(e, "Users", "#1", "missing required key 'airtable'");
        assertProblem(e, "Users", "Name", "missing required key 'source'");
        assertProblem(e, "Users", "Age", "missing required key 'type'");
        assertProblem(e, "Users", "Link", "needs 'link'");
        assertProblem(e, "#2", null, "missing required key 'name'");
        assertProblem(e, "Empty", null, "source: missing required key 'collection'");
        assertProblem(e, "Empty", null, "empty 'keyField'");
        assertProblem(e, "Empty", null, "'fields' is empty");
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        MappingException e = broken(VALID
                .replace("type: email", "type: emial")
                .replace("precision: 2", "precision: 9")
                .replace("link: Users", "link: Accounts")
                .replace("collection: messages", "collection: $messages"));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Invalid mapping " + ORIGIN + " (4 problems):"), e.getMessage());
    }

    @Test
    void duplicateTableNames() {
        MappingException e = broken(VALID.replace("name: Messages", "name: users"));
        assertProblem(e, "users", null, "duplicate table name 'users' (also at line 2)");
    }

    @Test
    void twoTablesOnOneAirtableTable() {
        MappingException e = broken(VALID.replace("name: Messages", "name: Messages\n    airtableTable: Users"));
        assertProblem(e, "Messages", null, "Airtable table 'Users' is already synced by table 'Users'");
    }

    @Test
    void duplicateAirtableFieldInATable() {
        MappingException e = broken(VALID.replace("airtable: Score", "airtable: EMAIL"));
        assertProblem(e, "Users", "EMAIL", "Airtable field 'EMAIL' is mapped twice (also at line 7 as 'Email';");
    }

    @Test
    void keyFieldCollidingWithAMappedField() {
        MappingException e = broken(VALID.replace("airtable: Score", "airtable: Mongo ID"));
        assertProblem(e, "Users", "Mongo ID", "collides with the key field 'Mongo ID'");
    }

    @Test
    void naturalKeyFieldNotMapped() {
        MappingException e = broken(VALID.replace("naturalKey: { field: Email", "naturalKey: { field: E-mail"));
        assertProblem(e, "Users", "E-mail", "naturalKey field 'E-mail' is not among the mapped fields");
        MappingException multi = broken(VALID.replace("type: email", "type: multipleSelects"));
        assertProblem(multi, "Users", "Email", "naturalKey field 'Email' is a multipleSelects field");
        MappingException normalize = broken(VALID.replace("normalize: email", "normalize: lower"));
        assertProblem(normalize, "Users", null, "normalize must be one of exact, casefold, email, got 'lower'");
    }

    @Test
    void linkToAnUnmappedTable() {
        MappingException e = broken(VALID.replace("link: Users", "link: Accounts"));
        assertProblem(e, "Messages", "User", "links to table 'Accounts', which is not mapped (mapped tables: Users, "
                + "Messages)");
    }

    @Test
    void linkToALaterTable() {
        MappingException e = broken("""
                tables:
                  - name: Messages
                    source: { collection: messages }
                    keyField: Mongo ID
                    fields:
                      - { airtable: User, source: user_id, type: multipleRecordLinks, link: Users }
                  - name: Users
                    source: { collection: users }
                    keyField: Mongo ID
                    fields:
                      - { airtable: Email, source: email, type: email }
                """);
        assertProblem(e, "Messages", "User", "line 6:", "links to table 'Users', which comes later in the sync order: "
                + "list 'Users' before 'Messages'");
    }

    @Test
    void linkCycles() {
        MappingException e = broken("""
                tables:
                  - name: A
                    source: { collection: a }
                    keyField: K
                    fields:
                      - { airtable: ToB, source: b, type: multipleRecordLinks, link: B }
                  - name: B
                    source: { collection: b }
                    keyField: K
                    fields:
                      - { airtable: ToC, source: c, type: multipleRecordLinks, link: C }
                  - name: C
                    source: { collection: c }
                    keyField: K
                    fields:
                      - { airtable: ToA, source: a, type: multipleRecordLinks, link: A }
                      - { airtable: Self, source: s, type: multipleRecordLinks, link: C }
                """);
        assertProblem(e, "A", null, "link cycle A -> B -> C -> A (through table 'A' field 'ToB', table 'B' field 'ToC', "
                + "table 'C' field 'ToA')");
        assertProblem(e, "C", "Self", "links to its own table 'C'");
        assertEquals(2, e.problems().size(), "the cycle is reported once, not as forward links: " + e.getMessage());
    }

    @Test
    void linkOptionOnAnotherType() {
        MappingException e = broken(VALID.replace("{ airtable: Text, source: text, type: multilineText }",
                "{ airtable: Text, source: text, type: multilineText, link: Users }"));
        assertProblem(e, "Messages", "Text", "'link' is only for multipleRecordLinks fields");
    }

    @Test
    void precisionOutOfRangeOrMisplaced() {
        assertProblem(broken(VALID.replace("precision: 2", "precision: 9")), "Users", "Score",
                "precision must be a whole number from 0 to 8, got '9'");
        assertProblem(broken(VALID.replace("precision: 2", "precision: -1")), "Users", "Score",
                "precision must be a whole number from 0 to 8, got '-1'");
        assertProblem(broken(VALID.replace("precision: 2", "precision: 1.5")), "Users", "Score",
                "precision must be a whole number");
        assertProblem(broken(VALID.replace("type: email }", "type: email, precision: 2 }")), "Users", "Email",
                "precision is only for number, currency and percent fields (this one is email)");
    }

    @Test
    void selectOptionsDefaultToCreateAndAreOnlyForSelects() {
        SyncMapping m = loader.parse(ORIGIN, VALID.replace("type: email }", "type: email }\n"
                + "      - { airtable: Tags, source: tags, type: multipleSelects }\n"
                + "      - { airtable: Role, source: role, type: singleSelect, options: reject }"));
        TableMapping users = m.table("Users").orElseThrow();
        assertEquals(NewSelectOptions.create, users.field("Tags").orElseThrow().options());
        assertEquals(NewSelectOptions.reject, users.field("Role").orElseThrow().options());
        assertEquals(null, users.field("Email").orElseThrow().options(), "no policy for a field without choices");
        assertProblem(broken(VALID.replace("type: email }", "type: email, options: create }")), "Users", "Email",
                "options is only for singleSelect and multipleSelects fields (this one is email)");
        assertProblem(broken(VALID.replace("type: email }", "type: email }\n"
                + "      - { airtable: Role, source: role, type: singleSelect, options: maybe }")), "Users", "Role",
                "options must be one of create, reject, got 'maybe'");
    }

    @Test
    void separatorOnANonTextType() {
        MappingException e = broken(VALID.replace("precision: 2", "separator: ';'"));
        assertProblem(e, "Users", "Score", "separator is only for text fields", "this one is number");
    }

    @Test
    void percentScaleRules() {
        assertProblem(broken(VALID.replace("precision: 2", "percentScale: hundred")), "Users", "Score",
                "percentScale is only for percent fields");
        assertProblem(broken(VALID.replace("type: number, precision: 2", "type: percent, percentScale: 100")),
                "Users", "Score", "percentScale must be 'fraction'", "got '100'");
    }

    @Test
    void mirrorRules() {
        assertProblem(broken(VALID.replace("keyField: Mongo ID\n    naturalKey",
                "keyField: Mongo ID\n    mirror: { mode: flag }\n    naturalKey")), "Users", null,
                "mirror: mode flag needs 'flagField'");
        assertProblem(broken(VALID.replace("keyField: Mongo ID\n    naturalKey",
                "keyField: Mongo ID\n    mirror: { mode: delete, flagField: Gone }\n    naturalKey")), "Users", null,
                "'flagField' is only used with mode flag");
        assertProblem(broken(VALID.replace("keyField: Mongo ID\n    naturalKey",
                "keyField: Mongo ID\n    mirror: { mode: no }\n    naturalKey")), "Users", null,
                "mode must be one of off, delete, flag, got 'no'");
        assertProblem(broken(VALID.replace("keyField: Mongo ID\n    naturalKey",
                "keyField: Mongo ID\n    mirror: { mode: flag, flagField: Score }\n    naturalKey")), "Users",
                "Score", "collides with the mirror flagField 'Score'");
        assertProblem(broken(VALID.replace("keyField: Mongo ID\n    naturalKey",
                "keyField: Mongo ID\n    mirror: delete\n    naturalKey")), "Users", null,
                "'mirror' must be a map like { mode: off }");
    }

    @Test
    void invalidFilterAndPipelineShapes() {
        assertProblem(broken(VALID.replace("{ collection: users }", "{ collection: users, filter: [a] }")),
                "Users", null, "source: 'filter' must be a map");
        assertProblem(broken(VALID.replace("{ collection: users }", "{ collection: users, pipeline: { $match: {} } }")),
                "Users", null, "'pipeline' must be a list of stages");
        assertProblem(broken(VALID.replace("{ collection: users }",
                        "{ collection: users, pipeline: [ { $match: {}, $limit: 5 } ] }")),
                "Users", null, "pipeline stage #1 must be a map with exactly one key", "[$match, $limit]");
        assertProblem(broken(VALID.replace("{ collection: users }",
                        "{ collection: users, pipeline: [ { $match: {} }, { match: {} } ] }")),
                "Users", null, "pipeline stage #2 'match' is not a stage name");
        assertProblem(broken(VALID.replace("{ collection: users }",
                        "{ collection: users, pipeline: [ { $out: copy } ] }")),
                "Users", null, "'$out' writes to the database");
        assertProblem(broken(VALID.replace("{ collection: users }",
                        "{ collection: users, pipeline: [ { $match: { _id: { $oid: nothex } } } ] }")),
                "Users", null, "pipeline stage #1 '$match' is not valid");
        assertProblem(broken(VALID.replace("{ collection: users }",
                        "{ collection: users, filter: { a: 1 }, pipeline: [ { $match: {} } ] }")),
                "Users", null, "give either 'filter' or 'pipeline', not both");
    }

    @Test
    void invalidSourcePaths() {
        assertProblem(broken(VALID.replace("source: stats.score", "source: stats..score")), "Users", "Score",
                "source path 'stats..score' has an empty segment");
        assertProblem(broken(VALID.replace("source: stats.score", "source: .score")), "Users", "Score",
                "has an empty segment");
        assertProblem(broken(VALID.replace("source: stats.score", "source: 'score.'")), "Users", "Score",
                "has an empty segment");
        assertProblem(broken(VALID.replace("source: stats.score", "source: stats.$score")), "Users", "Score",
                "has a segment starting with '$'");
        assertProblem(broken(VALID.replace("source: stats.score", "source: ''")), "Users", "Score",
                "empty 'source'");
    }

    @Test
    void badTimeZoneAndCollection() {
        assertProblem(broken("timeZone: Europe/Pariss\n" + VALID), null, null,
                "line 1: timeZone 'Europe/Pariss' is not a known time zone");
        assertProblem(broken(VALID.replace("collection: users", "collection: system.users")), "Users", null,
                "collection 'system.users' is not a valid MongoDB collection name");
    }

    @Test
    void tableNamesUsableInKeys() {
        assertProblem(broken(VALID.replace("name: Messages", "name: Mess#ages")), "Mess#ages", null,
                "must not contain '#' or '/'");
        assertProblem(broken(VALID.replace("airtable: Score", "airtable: ' Score'")), "Users", " Score",
                "has leading or trailing spaces");
    }

    @Test
    void problemLinesCarryTheLineNumber() {
        MappingException e = broken(VALID.replace("type: multipleRecordLinks, link: Users",
                "type: multipleRecordLink, link: Users"));
        assertProblem(e, "Messages", "User", ORIGIN + ", line 14: table 'Messages', field 'User': "
                + "unknown field type 'multipleRecordLink'");
    }
}
