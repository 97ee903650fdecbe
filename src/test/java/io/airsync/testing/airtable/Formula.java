package io.airsync.testing.airtable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The subset of Airtable's formula language that clients put in {@code filterByFormula} (and simple formula fields):
 * literals, {@code {Field}} references (by name or field ID), {@code = != <> < > <= >= & + - * /}, parentheses and
 * the functions AND, OR, NOT, XOR, IF, BLANK, TRUE, FALSE, RECORD_ID, CREATED_TIME, LAST_MODIFIED_TIME, LOWER, UPPER,
 * TRIM, LEN, FIND, SEARCH, LEFT, RIGHT, MID, CONCATENATE, SUBSTITUTE, T, VALUE, ARRAYJOIN, REGEX_MATCH.
 * Anything else is refused, as Airtable refuses a formula it cannot parse.
 *
 * <p>Values follow Airtable's formula semantics: blank is null, numbers are Double, text is String, checkbox is
 * Boolean (equal to 1/0); a blank equals "" and 0; text comparison is case-sensitive.
 */
final class Formula {

    /** Where a formula reads its inputs. */
    interface Env {
        /** The field's value as formulas see it: text, Double, Boolean or null for blank. */
        Object field(FieldDef field);

        String recordId();

        long createdMillis();

        long modifiedMillis();
    }

    /** A formula that cannot be used; the message is Airtable's reason text. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private interface Node {
        Object eval(Env env);
    }

    private final Node root;

    private Formula(Node root) {
        this.root = root;
    }

    static Formula parse(String text, TableDef table) throws Invalid {
        Parser p = new Parser(text, table);
        Node node = p.expression();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw new Invalid("Invalid formula. Please check your formula text.");
        }
        if (!p.unknownFields.isEmpty()) {
            throw new Invalid("Unknown field names: " + String.join(", ", p.unknownFields));
        }
        return new Formula(node);
    }

    Object evaluate(Env env) {
        try {
            return root.eval(env);
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null; // #ERROR! counts as blank (not matching)
        }
    }

    boolean matches(Env env) {
        return truthy(evaluate(env));
    }

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Double d) {
            return d != 0 && !d.isNaN();
        }
        return !v.toString().isEmpty();
    }

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return v.toString();
    }

    static Double number(Object v) {
        if (v == null) {
            return 0d;
        }
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Boolean b) {
            return b ? 1d : 0d;
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return 0d;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            Object other = a == null ? b : a;
            return other == null || other.equals("") || Boolean.FALSE.equals(other)
                    || (other instanceof Double d && d == 0);
        }
        if (a instanceof String sa && b instanceof String sb) {
            return sa.equals(sb);
        }
        if (!(a instanceof String) || !(b instanceof String)) {
            Double na = number(a);
            Double nb = number(b);
            if (na != null && nb != null) {
                return na.doubleValue() == nb.doubleValue();
            }
        }
        return text(a).equals(text(b));
    }

    static int compare(Object a, Object b) {
        if (!(a instanceof String) || !(b instanceof String)) {
            Double na = number(a);
            Double nb = number(b);
            if (na != null && nb != null) {
                return Double.compare(na, nb);
            }
        }
        return text(a).compareTo(text(b));
    }

    // ---------------------------------------------------------------- parser

    private static final class Parser {
        final String src;
        final TableDef table;
        final List<String> unknownFields = new ArrayList<>();
        int pos;

        Parser(String src, TableDef table) {
            this.src = src;
            this.table = table;
        }

        Invalid invalid() {
            return new Invalid("Invalid formula. Please check your formula text.");
        }

        void skipSpace() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(String token) {
            skipSpace();
            if (src.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        Node expression() throws Invalid {
            Node left = concat();
            while (true) {
                Node l = left;
                if (eat("!=") || eat("<>")) {
                    Node r = concat();
                    left = env -> !equal(l.eval(env), r.eval(env));
                } else if (eat("<=")) {
                    Node r = concat();
                    left = env -> compare(l.eval(env), r.eval(env)) <= 0;
                } else if (eat(">=")) {
                    Node r = concat();
                    left = env -> compare(l.eval(env), r.eval(env)) >= 0;
                } else if (eat("=")) {
                    Node r = concat();
                    left = env -> equal(l.eval(env), r.eval(env));
                } else if (eat("<")) {
                    Node r = concat();
                    left = env -> compare(l.eval(env), r.eval(env)) < 0;
                } else if (eat(">")) {
                    Node r = concat();
                    left = env -> compare(l.eval(env), r.eval(env)) > 0;
                } else {
                    return left;
                }
            }
        }

        Node concat() throws Invalid {
            Node left = additive();
            while (eat("&")) {
                Node l = left;
                Node r = additive();
                left = env -> text(l.eval(env)) + text(r.eval(env));
            }
            return left;
        }

        Node additive() throws Invalid {
            Node left = multiplicative();
            while (true) {
                Node l = left;
                if (eat("+")) {
                    Node r = multiplicative();
                    left = env -> arithmetic(l.eval(env), r.eval(env), '+');
                } else if (eat("-")) {
                    Node r = multiplicative();
                    left = env -> arithmetic(l.eval(env), r.eval(env), '-');
                } else {
                    return left;
                }
            }
        }

        Node multiplicative() throws Invalid {
            Node left = unary();
            while (true) {
                Node l = left;
                if (eat("*")) {
                    Node r = unary();
                    left = env -> arithmetic(l.eval(env), r.eval(env), '*');
                } else if (eat("/")) {
                    Node r = unary();
                    left = env -> arithmetic(l.eval(env), r.eval(env), '/');
                } else {
                    return left;
                }
            }
        }

        Node unary() throws Invalid {
            if (eat("-")) {
                Node inner = unary();
                return env -> arithmetic(0d, inner.eval(env), '-');
            }
            return primary();
        }

        Node primary() throws Invalid {
            skipSpace();
            if (pos >= src.length()) {
                throw invalid();
            }
            char c = src.charAt(pos);
            if (c == '(') {
                pos++;
                Node inner = expression();
                if (!eat(")")) {
                    throw invalid();
                }
                return inner;
            }
            if (c == '\'' || c == '"') {
                String s = stringLiteral(c);
                return env -> s;
            }
            if (c == '{') {
                return fieldReference();
            }
            if (Character.isDigit(c) || c == '.') {
                int start = pos;
                while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                    pos++;
                }
                try {
                    Double d = Double.valueOf(src.substring(start, pos));
                    return env -> d;
                } catch (NumberFormatException e) {
                    throw invalid();
                }
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                String name = src.substring(start, pos).toUpperCase(Locale.ROOT);
                List<Node> args = new ArrayList<>();
                if (eat("(")) {
                    if (!eat(")")) {
                        do {
                            args.add(expression());
                        } while (eat(","));
                        if (!eat(")")) {
                            throw invalid();
                        }
                    }
                } else if (!name.equals("TRUE") && !name.equals("FALSE")) {
                    throw invalid();
                }
                return function(name, args);
            }
            throw invalid();
        }

        String stringLiteral(char quote) throws Invalid {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (pos < src.length()) {
                char ch = src.charAt(pos++);
                if (ch == '\\' && pos < src.length()) {
                    char next = src.charAt(pos++);
                    sb.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> next;
                    });
                } else if (ch == quote) {
                    return sb.toString();
                } else {
                    sb.append(ch);
                }
            }
            throw invalid();
        }

        Node fieldReference() throws Invalid {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (pos < src.length() && src.charAt(pos) != '}') {
                char ch = src.charAt(pos++);
                if (ch == '\\' && pos < src.length()) {
                    ch = src.charAt(pos++);
                }
                sb.append(ch);
            }
            if (pos >= src.length()) {
                throw invalid();
            }
            pos++;
            String name = sb.toString();
            FieldDef field = table.field(name);
            if (field == null) {
                unknownFields.add(name);
                return env -> null;
            }
            return env -> env.field(field);
        }

        Node function(String name, List<Node> args) throws Invalid {
            int n = args.size();
            switch (name) {
                case "TRUE":
                    requireArgs(n, 0, 0);
                    return env -> Boolean.TRUE;
                case "FALSE":
                    requireArgs(n, 0, 0);
                    return env -> Boolean.FALSE;
                case "BLANK":
                    requireArgs(n, 0, 0);
                    return env -> null;
                case "RECORD_ID":
                    requireArgs(n, 0, 0);
                    return Env::recordId;
                case "CREATED_TIME":
                    requireArgs(n, 0, 0);
                    return env -> FieldCodec.iso(env.createdMillis());
                case "LAST_MODIFIED_TIME":
                    requireArgs(n, 0, 0);
                    return env -> FieldCodec.iso(env.modifiedMillis());
                case "AND":
                    requireArgs(n, 1, Integer.MAX_VALUE);
                    return env -> {
                        for (Node a : args) {
                            if (!truthy(a.eval(env))) {
                                return false;
                            }
                        }
                        return true;
                    };
                case "OR":
                    requireArgs(n, 1, Integer.MAX_VALUE);
                    return env -> {
                        for (Node a : args) {
                            if (truthy(a.eval(env))) {
                                return true;
                            }
                        }
                        return false;
                    };
                case "XOR":
                    requireArgs(n, 1, Integer.MAX_VALUE);
                    return env -> {
                        boolean result = false;
                        for (Node a : args) {
                            result ^= truthy(a.eval(env));
                        }
                        return result;
                    };
                case "NOT":
                    requireArgs(n, 1, 1);
                    return env -> !truthy(args.get(0).eval(env));
                case "IF":
                    requireArgs(n, 2, 3);
                    return env -> truthy(args.get(0).eval(env)) ? args.get(1).eval(env)
                            : n == 3 ? args.get(2).eval(env) : null;
                case "LOWER":
                    requireArgs(n, 1, 1);
                    return env -> text(args.get(0).eval(env)).toLowerCase(Locale.ROOT);
                case "UPPER":
                    requireArgs(n, 1, 1);
                    return env -> text(args.get(0).eval(env)).toUpperCase(Locale.ROOT);
                case "TRIM":
                    requireArgs(n, 1, 1);
                    return env -> text(args.get(0).eval(env)).strip();
                case "LEN":
                    requireArgs(n, 1, 1);
                    return env -> (double) text(args.get(0).eval(env)).length();
                case "T":
                    requireArgs(n, 1, 1);
                    return env -> args.get(0).eval(env) instanceof String s ? s : "";
                case "VALUE":
                    requireArgs(n, 1, 1);
                    return env -> number(args.get(0).eval(env));
                case "FIND":
                case "SEARCH": {
                    requireArgs(n, 2, 3);
                    boolean search = name.equals("SEARCH");
                    return env -> {
                        String needle = text(args.get(0).eval(env));
                        String haystack = text(args.get(1).eval(env));
                        int from = n == 3 ? Math.max(0, number(args.get(2).eval(env)).intValue() - 1) : 0;
                        int at = haystack.indexOf(needle, Math.min(from, haystack.length()));
                        if (at < 0) {
                            return search ? null : 0d;
                        }
                        return (double) (at + 1);
                    };
                }
                case "LEFT":
                    requireArgs(n, 2, 2);
                    return env -> {
                        String s = text(args.get(0).eval(env));
                        int count = Math.max(0, number(args.get(1).eval(env)).intValue());
                        return s.substring(0, Math.min(count, s.length()));
                    };
                case "RIGHT":
                    requireArgs(n, 2, 2);
                    return env -> {
                        String s = text(args.get(0).eval(env));
                        int count = Math.max(0, number(args.get(1).eval(env)).intValue());
                        return s.substring(Math.max(0, s.length() - count));
                    };
                case "MID":
                    requireArgs(n, 3, 3);
                    return env -> {
                        String s = text(args.get(0).eval(env));
                        int start = Math.max(1, number(args.get(1).eval(env)).intValue()) - 1;
                        int count = Math.max(0, number(args.get(2).eval(env)).intValue());
                        if (start >= s.length()) {
                            return "";
                        }
                        return s.substring(start, Math.min(s.length(), start + count));
                    };
                case "CONCATENATE":
                    requireArgs(n, 1, Integer.MAX_VALUE);
                    return env -> {
                        StringBuilder sb = new StringBuilder();
                        for (Node a : args) {
                            sb.append(text(a.eval(env)));
                        }
                        return sb.toString();
                    };
                case "SUBSTITUTE":
                    requireArgs(n, 3, 3);
                    return env -> text(args.get(0).eval(env))
                            .replace(text(args.get(1).eval(env)), text(args.get(2).eval(env)));
                case "ARRAYJOIN":
                    requireArgs(n, 1, 2);
                    return env -> {
                        String joined = text(args.get(0).eval(env));
                        return n == 2 ? joined.replace(", ", text(args.get(1).eval(env))) : joined;
                    };
                case "REGEX_MATCH":
                    requireArgs(n, 2, 2);
                    return env -> {
                        try {
                            return Pattern.compile(text(args.get(1).eval(env)))
                                    .matcher(text(args.get(0).eval(env))).find();
                        } catch (PatternSyntaxException e) {
                            return null;
                        }
                    };
                default:
                    throw new Invalid("Unknown function names: " + name);
            }
        }

        void requireArgs(int n, int min, int max) throws Invalid {
            if (n < min || n > max) {
                throw invalid();
            }
        }
    }

    private static Object arithmetic(Object a, Object b, char op) {
        Double x = number(a);
        Double y = number(b);
        if (x == null || y == null) {
            return null;
        }
        return switch (op) {
            case '+' -> x + y;
            case '-' -> x - y;
            case '*' -> x * y;
            default -> y == 0 ? null : x / y;
        };
    }
}
