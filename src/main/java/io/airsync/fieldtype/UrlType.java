package io.airsync.fieldtype;

import java.util.Optional;
import java.util.regex.Pattern;

/** Airtable's {@code url}: a URL. The text rules are in {@link TextFieldType}. */
public final class UrlType extends TextFieldType {

    /** A scheme and more, a mailto: address, or a host name with a dot (and an optional port and path). */
    private static final Pattern LINK = Pattern.compile(
            "(?i)([a-z][a-z0-9+.-]*://\\S+|mailto:\\S+@\\S+|(www\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}(:\\d+)?([/?#]\\S*)?)");
    private static final TextShape SHAPE = new TextShape("URLs", "a URL", s -> LINK.matcher(s).matches());

    public UrlType() {
        super("url", false, false);
    }

    @Override
    public Optional<TextShape> textShape() {
        return Optional.of(SHAPE);
    }
}
