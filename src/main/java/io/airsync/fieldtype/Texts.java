package io.airsync.fieldtype;

/** Text clean-up shared by conversion and normalisation. */
final class Texts {

    private Texts() {
    }

    /** A cleaned text and whether anything but line endings had to be removed. */
    record Cleaned(String text, boolean removed) {
    }

    /**
     * Line endings to {@code \n}; removes NUL and the other C0 control characters except tab and newline, and
     * unpaired UTF-16 surrogates (which are not text and cannot be sent as JSON). Emoji (paired surrogates),
     * right-to-left text and every other character are kept as they are.
     */
    public static Cleaned clean(String s) {
        StringBuilder b = null;
        boolean removed = false;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean keep;
            char out = c;
            if (c == '\r') {
                if (i + 1 < n && s.charAt(i + 1) == '\n') {
                    keep = false; // the \n that follows stays
                } else {
                    keep = true;
                    out = '\n';
                }
            } else if (c < 0x20 && c != '\n' && c != '\t') {
                keep = false;
                removed = true;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (b != null) {
                        b.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                keep = false;
                removed = true;
            } else if (Character.isLowSurrogate(c)) {
                keep = false;
                removed = true;
            } else {
                keep = true;
            }
            if (keep && out == c) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(n);
                b.append(s, 0, i);
            }
            if (keep) {
                b.append(out);
            }
        }
        return new Cleaned(b == null ? s : b.toString(), removed);
    }

    /** {@code \r\n} and lone {@code \r} to {@code \n}. */
    public static String unixNewlines(String s) {
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** At most {@code max} UTF-16 units, never splitting a surrogate pair. */
    public static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** A short, quoted excerpt of a value for an error message. */
    public static String excerpt(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", " ");
        return "'" + (oneLine.length() > 40 ? cut(oneLine, 37) + "..." : oneLine) + "'";
    }
}
