package io.airsync.mapping;

import java.util.Locale;

/** How a natural key is normalised before two values are compared. */
public enum KeyNormalization {
    /** Exactly as stored. */
    exact,
    /** Trimmed, inner whitespace collapsed, lower case. */
    casefold,
    /** Like casefold, and all whitespace removed (emails: " Ana@X.com " equals "ana@x.com"). */
    email;

    public String apply(String value) {
        if (value == null) {
            return null;
        }
        String v = switch (this) {
            case exact -> value;
            case casefold -> value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            case email -> value.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        };
        return v.isEmpty() ? null : v;
    }
}
