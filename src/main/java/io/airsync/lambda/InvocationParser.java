package io.airsync.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.airsync.sync.InvocationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the three shapes an invocation comes in: an operator's payload ({@code aws lambda invoke}), the JSON input an
 * EventBridge Scheduler schedule is configured with, and the classic EventBridge "Scheduled Event" envelope (whose
 * {@code detail} carries the same options). Anything else is refused with a message naming the problem.
 */
@ApplicationScoped
public class InvocationParser {

    /** Accepted keys of the payload and what each must be. */
    private static final Set<String> KEYS = Set.of("tables", "dryRun", "reconcile", "continueRun", "source");
    private static final int MAX_TABLES = 100;
    private static final int MAX_STRING = 200;
    /** A payload larger than this is not a sync request (Lambda itself allows 6 MB). */
    static final int MAX_PAYLOAD_CHARS = 16_384;
    /** The raw payload is read up to this many bytes; one more and it is refused unread. */
    public static final int MAX_PAYLOAD_BYTES = MAX_PAYLOAD_CHARS;

    /** Strict: a key given twice or anything after the JSON value is refused rather than silently resolved. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Reads the raw invocation payload (at most {@link #MAX_PAYLOAD_BYTES} bytes) and parses it. No payload at all
     * means an operator's full sync, as {@code {}} does. Malformed JSON and oversized payloads are refused with a
     * message that gives their position or size, never their content.
     *
     * @throws IOException when the payload stream itself cannot be read
     */
    public InvocationRequest parse(InputStream payload, List<String> knownTables) throws IOException {
        byte[] bytes = payload == null ? new byte[0] : payload.readNBytes(MAX_PAYLOAD_BYTES + 1);
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidInvocationException("the payload is larger than " + MAX_PAYLOAD_BYTES
                    + " bytes; a sync request is a small JSON object such as {\"tables\": [\"Users\"]}");
        }
        JsonNode event;
        try {
            event = bytes.length == 0 ? null : JSON.readTree(utf8(bytes));
        } catch (JsonProcessingException e) {
            throw new InvalidInvocationException("the payload is not valid JSON" + where(e.getLocation()) + ": "
                    + reason(e));
        }
        return parse(event, knownTables);
    }

    /**
     * Lambda payloads are UTF-8 JSON. Decoded here, strictly, rather than by Jackson's byte reader, which guesses
     * UTF-16/32 from leading zero bytes and then fails with an I/O error instead of a parse error.
     */
    private static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidInvocationException("the payload is not UTF-8 text; a sync request is a small JSON object "
                    + "such as {\"tables\": [\"Users\"]}");
        }
    }

    public InvocationRequest parse(JsonNode event, List<String> knownTables) {
        if (event == null || event.isNull() || event.isMissingNode()) {
            return new InvocationRequest(List.of(), false, false, null, "operator");
        }
        if (!event.isObject()) {
            throw new InvalidInvocationException("the payload must be a JSON object, not " + kind(event));
        }
        if (event.toString().length() > MAX_PAYLOAD_CHARS) {
            throw new InvalidInvocationException("the payload is larger than " + MAX_PAYLOAD_CHARS + " characters");
        }
        String trigger = "operator";
        JsonNode options = event;
        if ("Scheduled Event".equals(text(event.get("detail-type"))) && "aws.events".equals(text(event.get("source")))) {
            trigger = "scheduled-event";
            options = event.get("detail");
            if (options == null || options.isNull()) {
                return new InvocationRequest(List.of(), false, false, null, trigger);
            }
            if (!options.isObject()) {
                throw new InvalidInvocationException("'detail' of the Scheduled Event must be an object, not " + kind(options));
            }
        } else if (event.has("source")) {
            trigger = "schedule";
        }

        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = options.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInvocationException("unknown key" + (unknown.size() > 1 ? "s " : " ") + quoteAll(unknown)
                    + "; accepted keys: tables, dryRun, reconcile, continueRun, source");
        }
        List<String> tables = tables(options.get("tables"), knownTables);
        boolean dryRun = bool(options, "dryRun");
        boolean reconcile = bool(options, "reconcile");
        String continueRun = string(options, "continueRun");
        string(options, "source");
        if (continueRun != null) {
            trigger = "continuation";
        }
        return new InvocationRequest(tables, dryRun, reconcile, continueRun, trigger);
    }

    private static List<String> tables(JsonNode node, List<String> known) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidInvocationException("'tables' must be an array of table names, not " + kind(node));
        }
        if (node.isEmpty()) {
            throw new InvalidInvocationException("'tables' is empty; omit it to sync every table (" + String.join(", ", known) + ")");
        }
        if (node.size() > MAX_TABLES) {
            throw new InvalidInvocationException("'tables' lists " + node.size() + " entries; at most " + MAX_TABLES);
        }
        Set<String> asked = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode t : node) {
            if (!t.isTextual()) {
                throw new InvalidInvocationException("'tables' entries must be strings, found " + kind(t));
            }
            String name = t.asText();
            if (known.contains(name)) {
                asked.add(name);
            } else {
                unknown.add(name.length() > MAX_STRING ? name.substring(0, MAX_STRING) + "..." : name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInvocationException("unknown table" + (unknown.size() > 1 ? "s " : " ") + quoteAll(unknown)
                    + "; the mapping has: " + String.join(", ", known));
        }
        // Run in mapping order whatever order was asked: link targets first.
        return known.stream().filter(asked::contains).toList();
    }

    private static boolean bool(JsonNode options, String key) {
        JsonNode v = options.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidInvocationException("'" + key + "' must be true or false, not " + kind(v));
        }
        return v.booleanValue();
    }

    private static String string(JsonNode options, String key) {
        JsonNode v = options.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().length() > MAX_STRING) {
            throw new InvalidInvocationException("'" + key + "' must be a string of at most " + MAX_STRING + " characters");
        }
        return v.asText();
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** What is wrong, without the parser's quote of the payload (token text, source excerpt). */
    private static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Unexpected end-of-input")) {
            return "it ends before the JSON value is complete";
        }
        if (m.startsWith("Duplicate field")) {
            return "a key is given twice" + duplicateKey(m);
        }
        if (m.contains("Trailing token")) {
            return "there is more after the JSON value";
        }
        return "unexpected character or token";
    }

    private static String duplicateKey(String message) {
        int a = message.indexOf('\'');
        int b = a < 0 ? -1 : message.indexOf('\'', a + 1);
        return b > a + 1 && b - a <= 41 ? " ('" + message.substring(a + 1, b) + "')" : "";
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string (\"" + abbreviate(n.asText()) + "\")";
            case NUMBER -> "a number (" + n.asText() + ")";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase();
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static String quoteAll(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + abbreviate(n) + "'").toList());
    }

}
