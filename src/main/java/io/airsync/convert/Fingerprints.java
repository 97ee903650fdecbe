package io.airsync.convert;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Hashes of canonical values ({@link ValueNormalizer}) for change detection.
 *
 * <ul>
 *   <li>A field hash is MurmurHash3 x86 32-bit of the canonical string's UTF-8 bytes. 0 is reserved for "unknown"
 *       ({@link #UNKNOWN_HASH}, never equal to a real hash), and an empty value has its own constant
 *       {@link #EMPTY_HASH}; a real hash landing on either is moved off it.</li>
 *   <li>A record hash is the first 64 bits of MurmurHash3 x64 128-bit over the field count and the field hashes
 *       (4 bytes each, big-endian, in the table's field order): field boundaries and empties are unambiguous, and
 *       it can be recomputed from field hashes alone (state that was re-aligned to a changed mapping).
 *       A change in one field goes unseen only if its 32-bit hash collides: about 1 in 4 billion.</li>
 * </ul>
 */
public final class Fingerprints {

    /** A field whose value is not known (e.g. a field added to the mapping since the state was saved). */
    public static final int UNKNOWN_HASH = 0;
    /** The hash of an empty value (null canonical). */
    public static final int EMPTY_HASH = 0x2F6B8A1D;
    private static final int SEED = 0x41697273; // "Airs"
    private static final int MOVE = 0x5BD1E995;

    private Fingerprints() {
    }

    public static int fieldHash(String canonical) {
        if (canonical == null) {
            return EMPTY_HASH;
        }
        byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
        int h = MurmurHash3.hash32x86(bytes, 0, bytes.length, SEED);
        if (h == UNKNOWN_HASH || h == EMPTY_HASH) {
            h ^= MOVE;
        }
        return h;
    }

    public static int[] fieldHashes(List<String> canonicalsInFieldOrder) {
        int[] hashes = new int[canonicalsInFieldOrder.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = fieldHash(canonicalsInFieldOrder.get(i));
        }
        return hashes;
    }

    public static long recordHash(int[] fieldHashes) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * fieldHashes.length);
        buffer.putInt(fieldHashes.length);
        for (int h : fieldHashes) {
            buffer.putInt(h);
        }
        byte[] bytes = buffer.array();
        return MurmurHash3.hash128x64(bytes, 0, bytes.length, SEED)[0];
    }

    /** The record hash of canonical values in field order; same as {@code recordHash(fieldHashes(canonicals))}. */
    public static long recordHash(List<String> canonicalsInFieldOrder) {
        return recordHash(fieldHashes(canonicalsInFieldOrder));
    }
}
