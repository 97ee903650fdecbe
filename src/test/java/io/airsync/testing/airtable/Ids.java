package io.airsync.testing.airtable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Airtable-style object IDs: a three-letter prefix and 14 alphanumerics (rec…, tbl…, fld…, sel…, att…, itr…). */
final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern RECORD_ID = Pattern.compile("rec[A-Za-z0-9]{14}");

    private Ids() {
    }

    static String random(String prefix) {
        char[] chars = new char[14];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return prefix + new String(chars);
    }

    /** The same ID for the same parts on every run, so schema files without IDs give stable IDs across restarts. */
    static String stable(String prefix, String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            byte[] hash = digest.digest();
            char[] chars = new char[14];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = ALPHABET[(hash[i] & 0xff) % ALPHABET.length];
            }
            return prefix + new String(chars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isRecordId(String value) {
        return value != null && RECORD_ID.matcher(value).matches();
    }
}
