package io.airsync.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a small tree that keeps, for every node, its line and the scalar's text exactly as written.
 * Jackson's own tree would turn {@code mode: off} into {@code false} and {@code 012} into {@code 10} (YAML 1.1
 * rules) and forget where a value was; operators edit this file, so errors name lines and values as they typed them.
 */
final class YamlTree {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlTree() {
    }

    sealed interface Node permits Scalar, MapNode, ListNode {
        int line();

        /** Plain Java value: String, Integer/Long/BigInteger, Double, Boolean, null, List, LinkedHashMap. */
        Object toJava();

        String kind();
    }

    /** A scalar; {@code raw} is the text as written, {@code value} its YAML reading. */
    record Scalar(JsonToken token, String raw, Object value, int line) implements Node {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        boolean isInteger() {
            return token == JsonToken.VALUE_NUMBER_INT;
        }

        @Override
        public Object toJava() {
            return value;
        }

        @Override
        public String kind() {
            return isNull() ? "nothing" : "'" + raw + "'";
        }
    }

    record MapNode(Map<String, Entry> entries, int line) implements Node {
        Node get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public Object toJava() {
            Map<String, Object> m = new LinkedHashMap<>();
            entries.forEach((k, e) -> m.put(k, e.value().toJava()));
            return Collections.unmodifiableMap(m);
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    record Entry(String key, int keyLine, Node value) {
    }

    record ListNode(List<Node> items, int line) implements Node {
        @Override
        public Object toJava() {
            List<Object> l = new ArrayList<>();
            items.forEach(i -> l.add(i.toJava()));
            return Collections.unmodifiableList(l);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A YAML syntax error, with the position the parser stopped at. */
    static final class SyntaxError extends Exception {
        final int line;
        final int column;

        SyntaxError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /** Parses one YAML document; an empty document is {@code null}. */
    static Node parse(String text) throws SyntaxError {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            Node root = read(p);
            if (p.nextToken() != null) {
                throw new SyntaxError("more than one YAML document (remove the second '---')",
                        p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr());
            }
            return root;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String msg = e.getOriginalMessage();
            return throwSyntax(msg, loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr());
        } catch (IOException e) {
            throw new SyntaxError(String.valueOf(e.getMessage()), -1, -1);
        }
    }

    private static Node throwSyntax(String msg, int line, int column) throws SyntaxError {
        // SnakeYAML's messages span several lines with a caret drawing; keep the meaningful lines only.
        String compact = msg == null ? "unreadable YAML" : msg.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.equals("^") && !l.startsWith("in 'reader'"))
                .reduce((a, b) -> a + "; " + b)
                .orElse(msg);
        throw new SyntaxError(compact, line, column);
    }

    private static Node read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        int line = p.currentTokenLocation().getLineNr();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    entries.put(key, new Entry(key, keyLine, read(p)));
                }
                return new MapNode(entries, line);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p));
                }
                return new ListNode(items, line);
            }
            case VALUE_NULL -> {
                return new Scalar(t, p.getText(), null, line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Scalar(t, p.getText(), t == JsonToken.VALUE_TRUE, line);
            }
            case VALUE_NUMBER_INT -> {
                return new Scalar(t, p.getText(), p.getNumberValue(), line);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Scalar(t, p.getText(), p.getDoubleValue(), line);
            }
            default -> {
                return new Scalar(JsonToken.VALUE_STRING, p.getText(), p.getText(), line);
            }
        }
    }
}
