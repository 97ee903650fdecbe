package io.airsync.fieldtype;

/** A value that cannot go into the field; its message is the reason (no stack trace: it is an answer, not a bug). */
public final class Rejected extends RuntimeException {
    public Rejected(String reason) {
        super(reason, null, false, false);
    }
}
