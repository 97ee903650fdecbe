package io.airsync.fieldtype;

import java.util.Optional;
import java.util.regex.Pattern;

/** Airtable's {@code phoneNumber}: a phone number. The text rules are in {@link TextFieldType}. */
public final class PhoneNumberType extends TextFieldType {

    /** Digits with the usual punctuation, an optional leading + and extension. */
    private static final Pattern NUMBER = Pattern.compile("(?i)\\+?[0-9()\\-. /]+((x|ext\\.?|#)\\s*[0-9]{1,6})?");
    private static final int MIN_DIGITS = 5;
    private static final int MAX_DIGITS = 20;
    private static final TextShape SHAPE = new TextShape("phone numbers", "a phone number",
            s -> NUMBER.matcher(s).matches() && digitsInRange(s));

    public PhoneNumberType() {
        super("phoneNumber", false, false);
    }

    @Override
    public Optional<TextShape> textShape() {
        return Optional.of(SHAPE);
    }

    private static boolean digitsInRange(String s) {
        String main = s.split("(?i)x|ext|#", 2)[0];
        long digits = main.chars().filter(Character::isDigit).count();
        return digits >= MIN_DIGITS && digits <= MAX_DIGITS;
    }
}
