package io.airsync.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data (emails, phone numbers, names) before it reaches a report or a log line.
 *
 * <ul>
 * <li>{@code email("ana.perez@example.com")} is {@code "a***@e***.com"}</li>
 * <li>{@code phone("+33 6 12 34 56 78")} is {@code "***78"} (only the last two digits stay)</li>
 * <li>{@code name("Ana Pérez")} is {@code "A*** P***"}</li>
 * <li>{@code text(...)} masks the e-mail addresses (whole, or cut short) and phone numbers it finds inside free
 * text</li>
 * </ul>
 * All methods return null for null.
 */
public final class PiiMasker {

    private static final String STARS = "***";

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");

    /**
     * What is left of an address that was cut short ({@code jean.dupont@exam...}) or has no top-level domain: a
     * local part, an "@" and a start of a domain. Masked after whole addresses, so it only catches the rest.
     */
    private static final Pattern PARTIAL_EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@(?:[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*)?");

    /**
     * A phone-number candidate: an optional "+" or "(", then 7 to 15 digits with at most two separators (space, dot,
     * dash, slash, parentheses) between them, not glued to letters or digits. {@link #looksLikePhone} weeds out
     * dates, decimals and plain counts.
     */
    private static final Pattern PHONE_CANDIDATE = Pattern.compile(
            "(?<![\\p{L}\\p{N}+.])\\+?\\(?\\d(?:[ .\\-/()]{0,2}\\d){6,14}(?![\\p{L}\\p{N}])");

    private static final Pattern SINGLE_QUOTED = Pattern.compile("'.*'", Pattern.DOTALL);
    private static final Pattern DOUBLE_DOUBLE_QUOTED = Pattern.compile("\"\"[^\"]*\"\"");

    private static final Pattern ISO_DATE_START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DECIMAL = Pattern.compile("^\\d+\\.\\d+$");

    private PiiMasker() {
    }

    /** {@code ana.perez@example.com} becomes {@code a***@e***.com}; something that is no address becomes {@code ***}. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        String s = email.strip();
        if (s.isEmpty()) {
            return s;
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return STARS;
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String topLevel = dot > 0 && dot < domain.length() - 1 ? domain.substring(dot) : "";
        return firstCodePoint(local) + STARS + "@" + firstCodePoint(domain) + STARS + topLevel;
    }

    /** Keeps the last two digits: {@code +33 6 12 34 56 78} becomes {@code ***78}; short numbers become {@code ***}. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.isBlank()) {
            return phone.strip();
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() < 6) {
            return STARS;
        }
        return STARS + digits.substring(digits.length() - 2);
    }

    /** Keeps the initial of each word: {@code Ana Pérez} becomes {@code A*** P***}. */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        String s = name.strip();
        if (s.isEmpty()) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (String word : s.split("\\s+")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(firstCodePoint(word)).append(STARS);
        }
        return out.toString();
    }

    /** Masks every e-mail address and phone number inside free text; the rest stays as it is. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String withoutEmails = replaceAll(PARTIAL_EMAIL, replaceAll(EMAIL, text, PiiMasker::email), PiiMasker::email);
        return replaceAll(PHONE_CANDIDATE, withoutEmails, candidate -> looksLikePhone(candidate) ? phone(candidate) : candidate);
    }

    /**
     * Masks the source values an error message quotes, whatever they are (a name where a date belongs cannot be told
     * from any other text): from the first to the last single quote ({@code got string 'Zoé Wołoszyn'} becomes
     * {@code got string 'Z*** W***'}), and Airtable's doubled double quotes ({@code option ""Pirate King""}). Field
     * names in plain double quotes ({@code Field "Price"}) stay. Then {@link #text} masks the rest.
     */
    public static String messageWithValues(String message) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        String s = replaceAll(SINGLE_QUOTED, message, q -> "'" + name(q.substring(1, q.length() - 1)) + "'");
        s = replaceAll(DOUBLE_DOUBLE_QUOTED, s, q -> "\"\"" + name(q.substring(2, q.length() - 2)) + "\"\"");
        return text(s);
    }

    private static boolean looksLikePhone(String candidate) {
        if (ISO_DATE_START.matcher(candidate).find() || DECIMAL.matcher(candidate).matches()) {
            return false;
        }
        boolean formatted = !candidate.chars().allMatch(Character::isDigit);
        long digits = candidate.chars().filter(Character::isDigit).count();
        // An unformatted run of digits is only taken for a phone number when it is long enough to be one
        // (0612345678); shorter runs are counts, durations, IDs.
        return formatted || digits >= 9;
    }

    private static String replaceAll(Pattern pattern, String text, java.util.function.UnaryOperator<String> replacement) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m.group())));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private static String firstCodePoint(String s) {
        return s.isEmpty() ? "" : new String(Character.toChars(s.codePointAt(0)));
    }
}
