package io.airsync.mapping;

/** Mirror mode of a table; {@code flagField} is the checkbox ticked in {@code flag} mode. */
public record Mirror(MirrorMode mode, String flagField) {
    public static final Mirror OFF = new Mirror(MirrorMode.off, null);
}
