package io.airsync.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.fieldtype.FieldTypes;
import io.airsync.fieldtype.MappingOption;
import io.airsync.mapping.YamlTree.ListNode;
import io.airsync.mapping.YamlTree.MapNode;
import io.airsync.mapping.YamlTree.Node;
import io.airsync.mapping.YamlTree.Scalar;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bson.BsonDocument;

/** Turns one mapping file into a {@link SyncMapping}, collecting every problem instead of stopping at the first. */
final class MappingReader {

    private static final List<String> TOP_KEYS = List.of("timeZone", "tables");
    private static final List<String> TABLE_KEYS =
            List.of("name", "airtableTable", "source", "keyField", "naturalKey", "mirror", "fields");
    private static final List<String> SOURCE_KEYS = List.of("collection", "filter", "pipeline");
    private static final List<String> NATURAL_KEY_KEYS = List.of("field", "normalize");
    private static final List<String> MIRROR_KEYS = List.of("mode", "flagField");
    private static final List<String> FIELD_KEYS =
            List.of("airtable", "source", "type", "onNull", "precision", "separator", "percentScale", "link", "options",
                    "strict");
    /** Stages that write to the database: a sync only reads. */
    private static final Set<String> WRITING_STAGES = Set.of("$out", "$merge");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_PRECISION = 8;

    private final String origin;
    private final List<String> problems = new ArrayList<>();
    /** Line of each read field, for problems found when the tables are checked together. */
    private final Map<FieldMapping, Integer> fieldLines = new IdentityHashMap<>();

    MappingReader(String origin) {
        this.origin = origin;
    }

    SyncMapping read(String text) {
        Node root;
        try {
            String body = text == null ? "" : text;
            root = YamlTree.parse(body.startsWith("\uFEFF") ? body.substring(1) : body);
        } catch (YamlTree.SyntaxError e) {
            String where = e.line > 0 ? " at line " + e.line + ", column " + e.column : "";
            String line = origin + ": YAML syntax error" + where + ": " + e.getMessage();
            throw new MappingException("Invalid mapping " + origin + ":\n  - " + line, List.of(line));
        }
        SyncMapping mapping;
        try {
            mapping = readRoot(root);
        } catch (RuntimeException e) {
            // A bug here must still name the file rather than surface as a bare NullPointerException.
            throw new MappingException("Mapping " + origin + " could not be read: " + e, e);
        }
        if (!problems.isEmpty()) {
            String n = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
            throw new MappingException("Invalid mapping " + origin + " (" + n + "):\n  - "
                    + String.join("\n  - ", problems), problems);
        }
        return mapping;
    }

    // ---------------------------------------------------------------------------------------------- structure

    private SyncMapping readRoot(Node root) {
        Where top = new Where(null, null);
        if (root == null) {
            problem(1, top, "the mapping is empty: it needs a 'tables' list");
            return null;
        }
        if (!(root instanceof MapNode map)) {
            problem(root.line(), top, "the mapping must be a map with a 'tables' list, got " + root.kind());
            return null;
        }
        unknownKeys(map, TOP_KEYS, top);
        ZoneId zone = null;
        String zoneText = text(map, "timeZone", false, top);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                problem(map.get("timeZone").line(), top,
                        "timeZone '" + zoneText + "' is not a known time zone (use an IANA name such as Europe/Paris)");
            }
        }
        List<TableMapping> tables = new ArrayList<>();
        List<Integer> tableLines = new ArrayList<>();
        Node tablesNode = map.get("tables");
        if (tablesNode == null || isNull(tablesNode)) {
            problem(map.line(), top, "missing required key 'tables' (the list of synced tables)");
        } else if (!(tablesNode instanceof ListNode list)) {
            problem(tablesNode.line(), top, "'tables' must be a list, got " + tablesNode.kind());
        } else if (list.items().isEmpty()) {
            problem(list.line(), top, "'tables' is empty: map at least one table");
        } else {
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                TableMapping t = readTable(item, i);
                if (t != null) {
                    tables.add(t);
                    tableLines.add(item.line());
                }
            }
            checkTablesTogether(tables, tableLines);
        }
        return new SyncMapping(origin, List.copyOf(tables), zone);
    }

    private TableMapping readTable(Node node, int index) {
        Where unnamed = new Where("#" + (index + 1), null);
        if (!(node instanceof MapNode map)) {
            problem(node.line(), unnamed, "a table must be a map (name, source, keyField, fields...), got " + node.kind());
            return null;
        }
        String name = text(map, "name", true, unnamed);
        Where where = name == null ? unnamed : new Where("'" + name + "'", null);
        if (name != null) {
            checkName(map.get("name").line(), where, "table name", name);
            if (name.contains("#") || name.contains("/")) {
                problem(map.get("name").line(), where, "table name must not contain '#' or '/' "
                        + "(it is used in state keys and report paths)");
            }
        }
        unknownKeys(map, TABLE_KEYS, where);
        String airtableTable = text(map, "airtableTable", false, where);
        if (airtableTable != null) {
            checkName(map.get("airtableTable").line(), where, "airtableTable", airtableTable);
        } else {
            airtableTable = name;
        }
        SourceSpec source = readSource(map, where);
        String keyField = text(map, "keyField", true, where);
        if (keyField != null) {
            checkName(map.get("keyField").line(), where, "keyField", keyField);
        }
        NaturalKey naturalKey = readNaturalKey(map, where);
        Mirror mirror = readMirror(map, where);
        List<FieldMapping> fields = new ArrayList<>();
        List<Integer> fieldLines = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        Node fieldsNode = map.get("fields");
        if (fieldsNode == null || isNull(fieldsNode)) {
            problem(map.line(), where, "missing required key 'fields' (the list of mapped fields)");
        } else if (!(fieldsNode instanceof ListNode list)) {
            problem(fieldsNode.line(), where, "'fields' must be a list, got " + fieldsNode.kind());
        } else if (list.items().isEmpty()) {
            problem(list.line(), where, "'fields' is empty: map at least one field");
        } else {
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                if (item instanceof MapNode m && m.get("airtable") instanceof Scalar s && !s.isNull()) {
                    declared.add(s.raw());
                }
                FieldMapping f = readField(item, i, where);
                if (f != null) {
                    fields.add(f);
                    fieldLines.add(item.line());
                    this.fieldLines.put(f, item.line());
                }
            }
        }
        checkTableFields(map, where, keyField, naturalKey, mirror, fields, fieldLines, declared);
        return new TableMapping(name, airtableTable, source, keyField, naturalKey, mirror, List.copyOf(fields));
    }

    private SourceSpec readSource(MapNode table, Where where) {
        Node node = table.get("source");
        if (node == null || isNull(node)) {
            problem(table.line(), where, "missing required key 'source' (e.g. source: { collection: users })");
            return null;
        }
        if (!(node instanceof MapNode map)) {
            problem(node.line(), where, "'source' must be a map like { collection: users }, got " + node.kind());
            return null;
        }
        Where w = where.key("source");
        unknownKeys(map, SOURCE_KEYS, w);
        String collection = text(map, "collection", true, w);
        if (collection != null) {
            if (collection.isBlank() || collection.contains("$") || collection.indexOf('\0') >= 0
                    || collection.startsWith("system.")) {
                problem(map.get("collection").line(), w, "collection '" + collection + "' is not a valid MongoDB "
                        + "collection name (no '$', not empty, not system.*)");
            }
        }
        Map<String, Object> filter = readFilter(map.get("filter"), w);
        List<Map<String, Object>> pipeline = readPipeline(map.get("pipeline"), w);
        if (filter != null && pipeline != null) {
            problem(map.line(), w, "give either 'filter' or 'pipeline', not both (put the filter in a $match stage)");
        }
        return new SourceSpec(collection, filter, pipeline);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readFilter(Node node, Where where) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof MapNode map)) {
            problem(node.line(), where, "'filter' must be a map (a MongoDB query such as { deleted: { $ne: true } }), "
                    + "got " + node.kind());
            return null;
        }
        Map<String, Object> filter = (Map<String, Object>) map.toJava();
        String bad = extendedJsonProblem(filter);
        if (bad != null) {
            problem(node.line(), where, "'filter' is not a valid MongoDB query: " + bad);
        }
        return filter;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> readPipeline(Node node, Where where) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof ListNode list)) {
            problem(node.line(), where, "'pipeline' must be a list of stages such as - { $match: {...} }, got "
                    + node.kind());
            return null;
        }
        if (list.items().isEmpty()) {
            problem(node.line(), where, "'pipeline' is empty: remove it or add stages");
            return null;
        }
        List<Map<String, Object>> stages = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String stageName = "pipeline stage #" + (i + 1);
            if (!(item instanceof MapNode stage) || stage.entries().size() != 1) {
                problem(item.line(), where, stageName + " must be a map with exactly one key, the stage name "
                        + "(e.g. - { $match: {...} }), got " + (item instanceof MapNode m
                        ? "keys " + m.entries().keySet() : item.kind()));
                continue;
            }
            String op = stage.entries().keySet().iterator().next();
            if (!op.startsWith("$") || op.length() < 2) {
                problem(item.line(), where, stageName + " '" + op + "' is not a stage name (stages start with '$', "
                        + "e.g. $match, $lookup, $addFields)");
                continue;
            }
            if (WRITING_STAGES.contains(op)) {
                problem(item.line(), where, stageName + " '" + op + "' writes to the database; a sync only reads");
                continue;
            }
            Map<String, Object> javaStage = (Map<String, Object>) stage.toJava();
            String bad = extendedJsonProblem(javaStage);
            if (bad != null) {
                problem(item.line(), where, stageName + " '" + op + "' is not valid: " + bad);
            }
            stages.add(javaStage);
        }
        return Collections.unmodifiableList(stages);
    }

    /** Null when the map reads as MongoDB Extended JSON (so {$oid: ...}, {$date: ...} are checked too). */
    private static String extendedJsonProblem(Map<String, Object> map) {
        try {
            BsonDocument.parse(JSON.writeValueAsString(map));
            return null;
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private NaturalKey readNaturalKey(MapNode table, Where where) {
        Node node = table.get("naturalKey");
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof MapNode map)) {
            problem(node.line(), where, "'naturalKey' must be a map like { field: Email, normalize: email }, got "
                    + node.kind());
            return null;
        }
        Where w = where.key("naturalKey");
        unknownKeys(map, NATURAL_KEY_KEYS, w);
        String field = text(map, "field", true, w);
        KeyNormalization normalize = enumValue(map, "normalize", KeyNormalization.class, KeyNormalization.exact, w);
        return field == null ? null : new NaturalKey(field, normalize);
    }

    private Mirror readMirror(MapNode table, Where where) {
        Node node = table.get("mirror");
        if (node == null || isNull(node)) {
            return Mirror.OFF;
        }
        if (!(node instanceof MapNode map)) {
            problem(node.line(), where, "'mirror' must be a map like { mode: off }, got " + node.kind());
            return Mirror.OFF;
        }
        Where w = where.key("mirror");
        unknownKeys(map, MIRROR_KEYS, w);
        MirrorMode mode = enumValue(map, "mode", MirrorMode.class, null, w);
        if (mode == null && map.get("mode") == null) {
            problem(map.line(), w, "missing required key 'mode' (off, delete or flag)");
        }
        String flagField = text(map, "flagField", false, w);
        if (mode == MirrorMode.flag && flagField == null) {
            problem(map.line(), w, "mode flag needs 'flagField': the checkbox ticked on records whose source is gone");
        }
        if (mode != null && mode != MirrorMode.flag && flagField != null) {
            problem(map.get("flagField").line(), w, "'flagField' is only used with mode flag (mode is " + mode + ")");
        }
        if (flagField != null) {
            checkName(map.get("flagField").line(), w, "flagField", flagField);
        }
        return new Mirror(mode == null ? MirrorMode.off : mode, mode == MirrorMode.flag ? flagField : null);
    }

    private FieldMapping readField(Node node, int index, Where table) {
        Where unnamed = table.field("#" + (index + 1));
        if (!(node instanceof MapNode map)) {
            problem(node.line(), unnamed, "a field must be a map like { airtable: Email, source: email, type: email },"
                    + " got " + node.kind());
            return null;
        }
        String airtable = text(map, "airtable", true, unnamed);
        Where where = airtable == null ? unnamed : table.field("'" + airtable + "'");
        if (airtable != null) {
            checkName(map.get("airtable").line(), where, "airtable field name", airtable);
        }
        unknownKeys(map, FIELD_KEYS, where);
        String source = text(map, "source", true, where);
        if (source != null) {
            String bad = sourcePathProblem(source);
            if (bad != null) {
                problem(map.get("source").line(), where, "source path '" + source + "' " + bad);
            }
        }
        FieldType type = null;
        String typeName = text(map, "type", true, where);
        if (typeName != null) {
            try {
                type = FieldType.fromAirtableName(typeName);
            } catch (IllegalArgumentException e) {
                problem(map.get("type").line(), where, e.getMessage());
            }
        }
        NullPolicy onNull = enumValue(map, "onNull", NullPolicy.class, NullPolicy.keep, where);

        Integer precision = null;
        Node precisionNode = map.get("precision");
        if (precisionNode != null && !isNull(precisionNode)) {
            if (precisionNode instanceof Scalar s && s.isInteger() && s.value() instanceof Number n
                    && n.longValue() >= 0 && n.longValue() <= MAX_PRECISION && s.raw().matches("\\d+")) {
                precision = n.intValue();
            } else {
                problem(precisionNode.line(), where, "precision must be a whole number from 0 to " + MAX_PRECISION
                        + ", got " + precisionNode.kind());
            }
            if (type != null && !type.takes(MappingOption.PRECISION)) {
                problem(precisionNode.line(), where, "precision is only for "
                        + FieldTypes.namesTaking(MappingOption.PRECISION) + " fields (this one is "
                        + type.airtableName() + ")");
            }
        }

        String separator = null;
        Node separatorNode = map.get("separator");
        if (separatorNode != null) {
            if (separatorNode instanceof Scalar s && !s.isNull()) {
                separator = s.raw();
            } else {
                problem(separatorNode.line(), where, "separator must be a text such as \", \", got "
                        + separatorNode.kind());
            }
            if (type != null && !type.takes(MappingOption.SEPARATOR)) {
                problem(separatorNode.line(), where, "separator is only for text fields ("
                        + FieldTypes.namesTaking(MappingOption.SEPARATOR).replace(" and ", ", ")
                        + ") fed by arrays; this one is " + type.airtableName());
                separator = null;
            }
        }

        String percentScale = null;
        Node scaleNode = map.get("percentScale");
        if (scaleNode != null) {
            String scale = text(map, "percentScale", false, where);
            if (scale != null && !scale.equals(FieldMapping.PERCENT_FRACTION)
                    && !scale.equals(FieldMapping.PERCENT_HUNDRED)) {
                problem(scaleNode.line(), where, "percentScale must be '" + FieldMapping.PERCENT_FRACTION
                        + "' (0.42 is 42%) or '" + FieldMapping.PERCENT_HUNDRED + "' (42 is 42%), got '" + scale + "'");
            } else {
                percentScale = scale;
            }
            if (type != null && !type.takes(MappingOption.PERCENT_SCALE)) {
                problem(scaleNode.line(), where, "percentScale is only for "
                        + FieldTypes.namesTaking(MappingOption.PERCENT_SCALE) + " fields (this one is "
                        + type.airtableName() + ")");
                percentScale = null;
            }
        }
        if (type != null && type.takes(MappingOption.PERCENT_SCALE) && percentScale == null) {
            percentScale = FieldMapping.PERCENT_FRACTION;
        }

        String link = text(map, "link", false, where);
        if (type != null && type.takes(MappingOption.LINK) && link == null && map.get("link") == null) {
            problem(map.line(), where, "multipleRecordLinks field needs 'link': the name of the mapped table it "
                    + "links to");
        }
        if (link != null && type != null && !type.takes(MappingOption.LINK)) {
            problem(map.get("link").line(), where, "'link' is only for " + FieldTypes.namesTaking(MappingOption.LINK)
                    + " fields (this one is " + type.airtableName() + ")");
            link = null;
        }

        NewSelectOptions options = enumValue(map, "options", NewSelectOptions.class, null, where);
        if (map.get("options") != null && !isNull(map.get("options")) && type != null
                && !type.takes(MappingOption.OPTIONS)) {
            problem(map.get("options").line(), where, "options is only for "
                    + FieldTypes.namesTaking(MappingOption.OPTIONS) + " fields (this one is " + type.airtableName()
                    + ")");
            options = null;
        }
        if (options == null && type != null && type.takes(MappingOption.OPTIONS)) {
            options = FieldMapping.DEFAULT_OPTIONS;
        }
        boolean strict = false;
        Node strictNode = map.get("strict");
        if (strictNode != null && !isNull(strictNode)) {
            if (strictNode instanceof Scalar s && s.value() instanceof Boolean b) {
                strict = b;
            } else {
                problem(strictNode.line(), where, "strict must be true or false, got " + strictNode.kind());
            }
        }
        if (airtable == null || source == null || type == null) {
            return null;
        }
        return new FieldMapping(airtable, source, type, onNull, precision, separator, percentScale, link, options,
                strict);
    }

    /** Null when the dot path is usable; else what is wrong with it. */
    static String sourcePathProblem(String path) {
        if (path.isEmpty()) {
            return "is empty";
        }
        if (CONTROL.matcher(path).find()) {
            return "contains a control character";
        }
        String[] segments = path.split("\\.", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return "has an empty segment (a leading, trailing or double '.')";
            }
            if (segment.startsWith("$")) {
                return "has a segment starting with '$' ('" + segment + "'); use a pipeline stage to compute values";
            }
            if (!segment.equals(segment.strip())) {
                return "has a segment with leading or trailing spaces ('" + segment + "')";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------- checks

    private void checkTableFields(MapNode table, Where where, String keyField, NaturalKey naturalKey, Mirror mirror,
                                  List<FieldMapping> fields, List<Integer> fieldLines, Set<String> declared) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldMapping f = fields.get(i);
            String folded = f.airtable().toLowerCase(Locale.ROOT);
            Integer first = seen.putIfAbsent(folded, i);
            if (first != null) {
                String same = fields.get(first).airtable();
                problem(fieldLines.get(i), where.field("'" + f.airtable() + "'"), "Airtable field '" + f.airtable()
                        + "' is mapped twice (also at line " + fieldLines.get(first) + (same.equals(f.airtable())
                        ? "" : " as '" + same + "'; Airtable field names ignore case") + ")");
            }
            if (keyField != null && folded.equals(keyField.toLowerCase(Locale.ROOT))) {
                problem(fieldLines.get(i), where.field("'" + f.airtable() + "'"), "collides with the key field '"
                        + keyField + "', which Airsync writes itself from _id: remove this field or rename it");
            }
            if (mirror != null && mirror.flagField() != null
                    && folded.equals(mirror.flagField().toLowerCase(Locale.ROOT))) {
                problem(fieldLines.get(i), where.field("'" + f.airtable() + "'"), "collides with the mirror flagField '"
                        + mirror.flagField() + "', which Airsync ticks itself");
            }
        }
        if (keyField != null && mirror != null && mirror.flagField() != null
                && keyField.equalsIgnoreCase(mirror.flagField())) {
            problem(table.get("mirror").line(), where.key("mirror"), "flagField '" + mirror.flagField()
                    + "' is the key field");
        }
        if (naturalKey != null) {
            int line = table.get("naturalKey").line();
            Where w = where.field("'" + naturalKey.field() + "'").key("naturalKey");
            FieldMapping nk = fields.stream().filter(f -> f.airtable().equals(naturalKey.field())).findFirst()
                    .orElse(null);
            if (nk == null && !declared.contains(naturalKey.field())) {
                problem(line, w, "naturalKey field '" + naturalKey.field() + "' is not among the mapped fields"
                        + (keyField != null && keyField.equals(naturalKey.field())
                        ? " (it is the key field, which needs no natural key)" : ""));
            } else if (nk != null && !nk.type().rules().canBeNaturalKey()) {
                problem(line, w, "naturalKey field '" + naturalKey.field() + "' is a " + nk.type().airtableName()
                        + " field; a natural key needs a single value (text, number, date, select)");
            }
        }
    }

    private void checkTablesTogether(List<TableMapping> tables, List<Integer> lines) {
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> airtableNames = new HashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            TableMapping t = tables.get(i);
            Where where = new Where(t.name() == null ? "#" + (i + 1) : "'" + t.name() + "'", null);
            boolean duplicateName = false;
            if (t.name() != null) {
                Integer first = names.putIfAbsent(t.name().toLowerCase(Locale.ROOT), i);
                if (first != null) {
                    duplicateName = true;
                    problem(lines.get(i), where, "duplicate table name '" + t.name() + "' (also at line "
                            + lines.get(first) + ")");
                }
            }
            if (t.airtableTable() != null && !duplicateName) {
                Integer first = airtableNames.putIfAbsent(t.airtableTable().toLowerCase(Locale.ROOT), i);
                if (first != null) {
                    problem(lines.get(i), where, "Airtable table '" + t.airtableTable() + "' is already synced by "
                            + "table '" + tables.get(first).name() + "' (line " + lines.get(first) + ")");
                }
            }
        }
        checkLinks(tables, lines);
    }

    private void checkLinks(List<TableMapping> tables, List<Integer> lines) {
        Map<String, Integer> order = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i).name() != null) {
                order.putIfAbsent(tables.get(i).name(), i);
            }
        }
        // Link graph among known tables; cycles are reported as such, other forward links as an order problem.
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        Map<String, List<String>> linkFields = new LinkedHashMap<>(); // "A\u0000B" -> fields of A linking to B
        for (TableMapping t : tables) {
            if (t.name() == null) {
                continue;
            }
            for (FieldMapping f : t.fields()) {
                if (!f.isLink() || f.link() == null) {
                    continue;
                }
                Where where = new Where("'" + t.name() + "'", "'" + f.airtable() + "'");
                int line = fieldLines.getOrDefault(f, lines.get(order.get(t.name())));
                if (!order.containsKey(f.link())) {
                    String known = String.join(", ", order.keySet());
                    problem(line, where, "links to table '" + f.link() + "', which is not mapped (mapped tables: "
                            + known + ")");
                } else if (f.link().equals(t.name())) {
                    problem(line, where, "links to its own table '" + t.name() + "': self links are not supported "
                            + "(a link cycle of one table)");
                } else {
                    graph.computeIfAbsent(t.name(), k -> new LinkedHashSet<>()).add(f.link());
                    linkFields.computeIfAbsent(t.name() + "\u0000" + f.link(), k -> new ArrayList<>()).add(f.airtable());
                }
            }
        }
        Set<String> inCycle = new LinkedHashSet<>();
        for (List<String> cycle : cycles(graph)) {
            inCycle.addAll(cycle);
            String first = cycle.get(0);
            List<String> via = new ArrayList<>();
            for (int i = 0; i < cycle.size(); i++) {
                String from = cycle.get(i);
                String to = cycle.get((i + 1) % cycle.size());
                for (String field : linkFields.getOrDefault(from + "\u0000" + to, List.of())) {
                    via.add("table '" + from + "' field '" + field + "'");
                }
            }
            problem(lines.get(order.get(first)), new Where("'" + first + "'", null), "link cycle "
                    + String.join(" -> ", cycle) + " -> " + first + " (through " + String.join(", ", via)
                    + "): each table must be synced after the tables it links to, so links cannot go round");
        }
        for (TableMapping t : tables) {
            if (t.name() == null || inCycle.contains(t.name())) {
                continue;
            }
            int self = order.get(t.name());
            for (FieldMapping f : t.fields()) {
                if (f.isLink() && f.link() != null && order.containsKey(f.link()) && order.get(f.link()) > self) {
                    problem(fieldLines.getOrDefault(f, lines.get(self)),
                            new Where("'" + t.name() + "'", "'" + f.airtable() + "'"),
                            "links to table '" + f.link() + "', which comes later in the sync order: list '"
                                    + f.link() + "' before '" + t.name() + "' in 'tables' (link targets sync first)");
                }
            }
        }
    }

    /** Elementary cycles, each once (rotated to start at its earliest table). */
    private static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Set<List<String>> found = new LinkedHashSet<>();
        List<String> nodes = new ArrayList<>(graph.keySet());
        for (String start : nodes) {
            findCycles(graph, start, start, new ArrayList<>(List.of(start)), found, nodes);
        }
        return new ArrayList<>(found);
    }

    private static void findCycles(Map<String, Set<String>> graph, String start, String at, List<String> path,
                                   Set<List<String>> found, List<String> order) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                found.add(rotate(path, order));
            } else if (!path.contains(next) && path.size() < graph.size()) {
                path.add(next);
                findCycles(graph, start, next, path, found, order);
                path.remove(path.size() - 1);
            }
        }
    }

    private static List<String> rotate(List<String> cycle, List<String> order) {
        int best = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (order.indexOf(cycle.get(i)) < order.indexOf(cycle.get(best))) {
                best = i;
            }
        }
        List<String> r = new ArrayList<>(cycle.subList(best, cycle.size()));
        r.addAll(cycle.subList(0, best));
        return List.copyOf(r);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Where a problem is: table and field as they should be printed (quoted names or #n), plus a key path. */
    private record Where(String table, String field, String key) {
        Where(String table, String field) {
            this(table, field, null);
        }

        Where field(String f) {
            return new Where(table, f, null);
        }

        Where key(String k) {
            return new Where(table, field, key == null ? k : key + "." + k);
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            if (table != null) {
                b.append("table ").append(table);
            }
            if (field != null) {
                b.append(b.isEmpty() ? "" : ", ").append("field ").append(field);
            }
            if (key != null) {
                b.append(b.isEmpty() ? "" : ", ").append(key);
            }
            return b.toString();
        }
    }

    private void problem(int line, Where where, String message) {
        String place = where.describe();
        problems.add(origin + (line > 0 ? ", line " + line : "") + ": " + (place.isEmpty() ? "" : place + ": ")
                + message);
    }

    private static boolean isNull(Node n) {
        return n instanceof Scalar s && s.isNull();
    }

    /** A scalar value as written; null (with a problem if required) when missing, empty or not a scalar. */
    private String text(MapNode map, String key, boolean required, Where where) {
        Node n = map.get(key);
        if (n == null || isNull(n)) {
            if (required) {
                problem(n == null ? map.line() : n.line(), where, (n == null ? "missing required key '" : "empty '")
                        + key + "'");
            }
            return null;
        }
        if (!(n instanceof Scalar s)) {
            problem(n.line(), where, "'" + key + "' must be a single value, got " + n.kind());
            return null;
        }
        if (s.raw().isBlank()) {
            if (required) {
                problem(n.line(), where, "empty '" + key + "'");
            }
            return null;
        }
        return s.raw();
    }

    private void checkName(int line, Where where, String what, String name) {
        if (!name.equals(name.strip())) {
            problem(line, where, what + " '" + name + "' has leading or trailing spaces");
        }
        if (CONTROL.matcher(name).find()) {
            problem(line, where, what + " contains a control character");
        }
    }

    private <E extends Enum<E>> E enumValue(MapNode map, String key, Class<E> type, E fallback, Where where) {
        Node n = map.get(key);
        if (n == null || isNull(n)) {
            return fallback;
        }
        String raw = text(map, key, false, where);
        if (raw == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(raw)) {
                return e;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        problem(n.line(), where, key + " must be one of " + allowed + ", got '" + raw + "'");
        return fallback;
    }

    private void unknownKeys(MapNode map, List<String> allowed, Where where) {
        for (YamlTree.Entry e : map.entries().values()) {
            if (!allowed.contains(e.key())) {
                String hint = closest(e.key(), allowed);
                problem(e.keyLine(), where, "unknown key '" + e.key() + "'"
                        + (hint != null ? " (did you mean '" + hint + "'?)" : "")
                        + " (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String closest(String key, List<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = distance(key.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
