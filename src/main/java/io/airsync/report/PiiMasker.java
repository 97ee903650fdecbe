package io.airsync.report;

/** Masks personal data (emails, phone numbers, names) before it reaches a report or a log line. */
public final class PiiMasker {
    private PiiMasker() {
    }
    // Implemented by the reports work: email(String), phone(String), name(String), text(String) that masks
    // e-mail addresses and phone numbers found inside free text.
}
