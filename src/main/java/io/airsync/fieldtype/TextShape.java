package io.airsync.fieldtype;

import java.util.function.Predicate;

/**
 * What well-formed text of a type looks like (an e-mail address, a phone number, a URL). The type still writes any
 * text; text without the shape is most likely a mistake in the source, which the value warnings point out.
 *
 * @param plural   the values in a sentence: "e-mail addresses"
 * @param singular one value in a sentence: "an e-mail address"
 */
public record TextShape(String plural, String singular, Predicate<String> test) {

    /** True when the text, without surrounding whitespace, has the shape. */
    public boolean matches(String text) {
        return test.test(text.strip());
    }
}
