package io.airsync.fieldtype;

import java.util.Optional;
import java.util.regex.Pattern;

/** Airtable's {@code email}: an e-mail address (Airtable checks its form). The text rules are in {@link TextFieldType}. */
public final class EmailType extends TextFieldType {

    /** One address: something, an @, a domain with a dot; no spaces, commas or a second @. */
    private static final Pattern ADDRESS =
            Pattern.compile("[^@\\s,;<>()\\[\\]\"]+@[^@\\s,;<>()\\[\\]\"]+\\.[^@\\s,;<>()\\[\\]\".]{2,}");
    private static final TextShape SHAPE = new TextShape("e-mail addresses", "an e-mail address",
            s -> ADDRESS.matcher(s).matches());

    public EmailType() {
        super("email", false, false);
    }

    @Override
    public Optional<TextShape> textShape() {
        return Optional.of(SHAPE);
    }
}
