package io.airsync.testing.airtable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cell values by field type: validates (and with typecast converts) written values the way the API does, and
 * formats stored and computed values for responses and formulas. Empty values (null, "", [], false) are stored as
 * absent, so they never appear in responses.
 */
final class FieldCodec {
    static final int MAX_TEXT_LENGTH = 100_000;
    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Who "created" and "modified" records, for createdBy / lastModifiedBy fields. */
    static final Map<String, Object> EMULATOR_USER = orderedMap(
            "id", "usrAirtableEmul01", "email", "emulator@example.invalid", "name", "Airtable Emulator");

    private FieldCodec() {
    }

    static Map<String, Object> orderedMap(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** What a write may consult and defer: typecast, linked-record lookups, select options to add on commit. */
    interface WriteContext {
        boolean typecast();

        /** Seeding through the Java API: attachment objects are taken as given. */
        boolean trusted();

        boolean recordExists(String tableId, String recordId);

        boolean hasChoice(FieldDef field, String choice);

        void addChoice(FieldDef field, String choice);

        /** Typecast may add choices: the token's owner may change the base's fields (a creator, not an editor). */
        boolean mayCreateChoices();
    }

    static String iso(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    private static final java.util.regex.Pattern MARKDOWN_BULLET = java.util.regex.Pattern.compile("(?m)^(\\s*)[*+] ");

    /**
     * Rich text as Airtable stores it (recorded: "#header\n* bullet" answers "#header\n- bullet\n"): bullets become
     * "- ", the text ends with a newline, and a cell emptied on an existing record answers "\n" (a new record without
     * the value has no cell).
     */
    static String richText(String s, StoredRecord existing) {
        if (s.isEmpty()) {
            return existing == null ? null : "\n";
        }
        String normalized = MARKDOWN_BULLET.matcher(s).replaceAll("$1- ");
        return normalized.endsWith("\n") ? normalized : normalized + "\n";
    }

    /**
     * The value to store for a written value (frozen), or null to clear the cell.
     *
     * @param existing the record being updated (for attachment IDs), null on create
     */
    static Object parse(FieldDef f, Object raw, WriteContext ctx, StoredRecord existing) {
        if (f.isComputed()) {
            throw ApiError.computedField(f.name);
        }
        if (raw == null) {
            return f.type.equals("richText") ? richText("", existing) : null;
        }
        boolean typecast = ctx.typecast();
        String type = f.type;
        if (FieldDef.TEXT_TYPES.contains(type)) {
            String s;
            if (raw instanceof String str) {
                s = str;
            } else if (typecast && (raw instanceof Number || raw instanceof Boolean)) {
                s = raw instanceof Number n ? numberText(n) : raw.toString();
            } else {
                throw ApiError.invalidValue(f.name);
            }
            if (s.length() > MAX_TEXT_LENGTH) {
                throw ApiError.invalidValue(f.name, "text is longer than " + MAX_TEXT_LENGTH + " characters");
            }
            if (type.equals("richText")) {
                return richText(s, existing);
            }
            return s.isEmpty() ? null : s;
        }
        if (FieldDef.NUMBER_TYPES.contains(type)) {
            Number n = number(f, raw, typecast);
            if (n != null && type.equals("rating")) {
                long max = f.option("max") == null ? 5 : (long) Double.parseDouble(f.option("max"));
                if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 0 || n.doubleValue() > max) {
                    throw ApiError.invalidValue(f.name, "a rating must be a whole number from 1 to " + max);
                }
                return n.longValue() == 0 ? null : n;
            }
            return n;
        }
        switch (type) {
            case "checkbox":
                return checkbox(f, raw, typecast) ? Boolean.TRUE : null;
            case "date":
                return date(f, raw, typecast);
            case "dateTime":
                return dateTime(f, raw, typecast);
            case "singleSelect": {
                String choice = selectOption(f, raw, ctx);
                return choice == null || choice.isEmpty() ? null : choice;
            }
            case "multipleSelects":
                return multipleSelects(f, raw, ctx);
            case "multipleRecordLinks":
                return links(f, raw, ctx);
            case "multipleAttachments":
                return attachments(f, raw, ctx, existing);
            case "singleCollaborator":
                return collaborator(f, raw, typecast);
            case "multipleCollaborators": {
                List<Object> list = new ArrayList<>();
                for (Object o : asList(f, raw, typecast)) {
                    list.add(collaborator(f, o, typecast));
                }
                return list.isEmpty() ? null : Json.freeze(list);
            }
            case "barcode":
                if (raw instanceof Map<?, ?> m && m.get("text") instanceof String) {
                    return Json.freeze(m);
                }
                if (typecast && raw instanceof String s) {
                    return s.isEmpty() ? null : Json.freeze(Map.of("text", s));
                }
                throw ApiError.invalidValue(f.name);
            default:
                // A type the emulator does not model: store what was sent.
                return isEmpty(raw) ? null : Json.freeze(raw);
        }
    }

    private static Number number(FieldDef f, Object raw, boolean typecast) {
        if (raw instanceof Number n) {
            return Json.number(n);
        }
        if (typecast && raw instanceof String s) {
            String t = s.trim().replace(",", "").replace("$", "").replace("%", "");
            if (t.isEmpty()) {
                return null;
            }
            try {
                return Json.number(new BigDecimal(t));
            } catch (NumberFormatException e) {
                throw ApiError.invalidValue(f.name);
            }
        }
        throw ApiError.invalidValue(f.name);
    }

    private static boolean checkbox(FieldDef f, Object raw, boolean typecast) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (typecast) {
            if (raw instanceof Number n) {
                return n.doubleValue() != 0;
            }
            if (raw instanceof String s) {
                switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1", "checked", "x", "on":
                        return true;
                    case "false", "no", "0", "", "unchecked", "off":
                        return false;
                    default:
                        break;
                }
            }
        }
        throw ApiError.invalidValue(f.name);
    }

    private static String date(FieldDef f, Object raw, boolean typecast) {
        if (!(raw instanceof String s)) {
            throw ApiError.invalidValue(f.name);
        }
        if (s.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(s).toString();
        } catch (DateTimeParseException notPlainDate) {
            // Airtable also takes a full timestamp for a date field and keeps its (UTC) date.
            Instant instant = instantOrNull(s);
            if (instant != null) {
                return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
            }
            if (typecast) {
                for (String pattern : List.of("yyyy/M/d", "M/d/yyyy", "d.M.yyyy")) {
                    try {
                        return LocalDate.parse(s.trim(), DateTimeFormatter.ofPattern(pattern, Locale.ROOT)).toString();
                    } catch (DateTimeParseException ignored) {
                        // try the next pattern
                    }
                }
            }
            throw ApiError.invalidValue(f.name);
        }
    }

    private static String dateTime(FieldDef f, Object raw, boolean typecast) {
        if (raw instanceof Number n) {
            // The recorded Airtable.js traffic writes epoch milliseconds and gets an ISO timestamp back.
            return iso(n.longValue());
        }
        if (!(raw instanceof String s)) {
            throw ApiError.invalidValue(f.name);
        }
        if (s.isEmpty()) {
            return null;
        }
        Instant instant = instantOrNull(s);
        if (instant == null) {
            try {
                instant = LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw ApiError.invalidValue(f.name);
            }
        }
        return ISO_MILLIS.format(instant);
    }

    private static Instant instantOrNull(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    private static String selectOption(FieldDef f, Object raw, WriteContext ctx) {
        String choice;
        if (raw instanceof String s) {
            choice = s;
        } else if (ctx.typecast() && (raw instanceof Number || raw instanceof Boolean)) {
            choice = raw instanceof Number n ? numberText(n) : raw.toString();
        } else {
            throw ApiError.invalidValue(f.name);
        }
        if (choice.isEmpty() || ctx.hasChoice(f, choice)) {
            return choice;
        }
        if (ctx.typecast() && ctx.mayCreateChoices()) {
            ctx.addChoice(f, choice);
            return choice;
        }
        throw ApiError.typed(422, "INVALID_MULTIPLE_CHOICE_OPTIONS",
                "Insufficient permissions to create new select option \"\"" + choice + "\"\"");
    }

    private static Object multipleSelects(FieldDef f, Object raw, WriteContext ctx) {
        List<?> values;
        if (raw instanceof List<?> l) {
            values = l;
        } else if (ctx.typecast() && raw instanceof String s) {
            List<String> split = new ArrayList<>();
            for (String part : s.split(",")) {
                if (!part.trim().isEmpty()) {
                    split.add(part.trim());
                }
            }
            values = split;
        } else {
            throw ApiError.invalidValue(f.name);
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (Object v : values) {
            if (v == null) {
                throw ApiError.invalidValue(f.name);
            }
            String choice = selectOption(f, v, ctx);
            if (!choice.isEmpty()) {
                chosen.add(choice);
            }
        }
        return chosen.isEmpty() ? null : List.copyOf(chosen);
    }

    private static Object links(FieldDef f, Object raw, WriteContext ctx) {
        List<?> values;
        if (raw instanceof List<?> l) {
            values = l;
        } else if (ctx.typecast() && raw instanceof String s) {
            values = List.of(s);
        } else {
            throw ApiError.invalidValue(f.name);
        }
        String linkedTable = f.option("linkedTableId");
        Set<String> ids = new LinkedHashSet<>();
        for (Object v : values) {
            if (!(v instanceof String id) || !Ids.isRecordId(id)) {
                throw ApiError.invalidValue(f.name, "linked records are given as record IDs (rec...)");
            }
            if (!ctx.recordExists(linkedTable, id)) {
                throw ApiError.typed(422, "ROW_DOES_NOT_EXIST", "Record ID " + id + " does not exist");
            }
            ids.add(id);
        }
        return ids.isEmpty() ? null : List.copyOf(ids);
    }

    @SuppressWarnings("unchecked")
    private static Object attachments(FieldDef f, Object raw, WriteContext ctx, StoredRecord existing) {
        if (!(raw instanceof List<?> values)) {
            throw ApiError.invalidValue(f.name);
        }
        Map<String, Object> existingById = new LinkedHashMap<>();
        if (existing != null && existing.cells.get(f.id) instanceof List<?> current) {
            for (Object a : current) {
                if (a instanceof Map<?, ?> m && m.get("id") != null) {
                    existingById.put(String.valueOf(m.get("id")), m);
                }
            }
        }
        List<Object> result = new ArrayList<>();
        for (Object v : values) {
            if (!(v instanceof Map<?, ?> m)) {
                throw invalidAttachment(f, v);
            }
            if (ctx.trusted()) {
                result.add(v);
                continue;
            }
            Object id = m.get("id");
            if (id != null) {
                Object kept = existingById.get(String.valueOf(id));
                if (kept == null) {
                    throw invalidAttachment(f, v);
                }
                result.add(kept);
                continue;
            }
            if (!(m.get("url") instanceof String url) || url.isBlank()) {
                throw invalidAttachment(f, v);
            }
            Map<String, Object> attachment = new LinkedHashMap<>();
            attachment.put("id", Ids.random("att"));
            attachment.put("url", url);
            attachment.put("filename", m.get("filename") instanceof String name ? name : filenameOf(url));
            result.add(attachment);
        }
        return result.isEmpty() ? null : Json.freeze(result);
    }

    private static ApiError invalidAttachment(FieldDef f, Object value) {
        return ApiError.typed(422, "INVALID_ATTACHMENT_OBJECT",
                "Invalid attachment object for field " + f.name + ": " + Json.pretty(value));
    }

    private static String filenameOf(String url) {
        String path = url.replaceFirst("^[a-zA-Z]+://[^/]*", "").replaceFirst("[?#].*$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.contains(".") ? last : "Unnamed attachment";
    }

    private static Object collaborator(FieldDef f, Object raw, boolean typecast) {
        if (raw instanceof Map<?, ?> m && (m.get("id") instanceof String || m.get("email") instanceof String)) {
            return Json.freeze(m);
        }
        if (typecast && raw instanceof String s && s.contains("@")) {
            return Json.freeze(Map.of("email", s));
        }
        throw ApiError.invalidValue(f.name);
    }

    private static List<?> asList(FieldDef f, Object raw, boolean typecast) {
        if (raw instanceof List<?> l) {
            return l;
        }
        if (typecast) {
            return List.of(raw);
        }
        throw ApiError.invalidValue(f.name);
    }

    static boolean isEmpty(Object v) {
        return v == null || Boolean.FALSE.equals(v) || (v instanceof String s && s.isEmpty())
                || (v instanceof List<?> l && l.isEmpty()) || (v instanceof Map<?, ?> m && m.isEmpty());
    }

    static String numberText(Number n) {
        Number norm = Json.number(n);
        if (norm instanceof Long) {
            return norm.toString();
        }
        return BigDecimal.valueOf(norm.doubleValue()).stripTrailingZeros().toPlainString();
    }
}
