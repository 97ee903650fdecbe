package io.airsync.state;

import io.airsync.plan.KnownRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compact binary form of table state shared by both stores.
 *
 * <p>One record is {@code mongoIdHex (UTF), recordId (UTF, "" for none), recordHash (long), fieldCount (short, -1 for
 * none), fieldHashes (int each)}. A DynamoDB chunk is {@code gzip(CHUNK_FORMAT, count, records..., crc32c)}; a state
 * file is {@code gzip(FILE_FORMAT, fieldNames, count, records..., crc32c)}; the CRC-32C covers every byte before it.
 * Decoding goes straight into the caller's map, re-aligning the field hashes to the current field order on the way.
 *
 * <p>Content that cannot be decoded (cut short, bytes changed, a checksum that does not match, a version this code
 * does not know) raises {@link UnreadableStateException}: the stores treat such state as absent, and the run reads the
 * table back from Airtable. Version 1 (before checksums) is still read; gzip's own CRC-32 is checked for it too.
 */
final class StateCodec {

    static final int CHUNK_FORMAT_V1 = 1;
    static final int CHUNK_FORMAT = 2;
    static final int FILE_FORMAT_V1 = 0x41530001; // "AS", version 1
    static final int FILE_FORMAT = 0x41530002; // "AS", version 2: with a CRC-32C
    /** A corrupt count must not size a map for billions of records: beyond this, maps grow as records arrive. */
    private static final int MAX_INITIAL_CAPACITY = 1 << 20;

    /** State bytes that cannot be decoded; the message says what is wrong with them. */
    static final class UnreadableStateException extends IOException {
        UnreadableStateException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private StateCodec() {
    }

    /** Maps the field order a state was saved with onto the current one; an unknown field gets hash 0. */
    static final class FieldAlignment {
        private final int[] savedIndexOfCurrent;
        private final boolean identity;

        FieldAlignment(List<String> savedFields, List<String> currentFields) {
            this.identity = savedFields.equals(currentFields);
            this.savedIndexOfCurrent = new int[currentFields.size()];
            for (int i = 0; i < savedIndexOfCurrent.length; i++) {
                savedIndexOfCurrent[i] = savedFields.indexOf(currentFields.get(i));
            }
        }

        int[] align(int[] saved) {
            if (identity && saved != null && saved.length == savedIndexOfCurrent.length) {
                return saved;
            }
            int[] aligned = new int[savedIndexOfCurrent.length];
            if (saved != null) {
                for (int i = 0; i < aligned.length; i++) {
                    int from = savedIndexOfCurrent[i];
                    aligned[i] = from >= 0 && from < saved.length ? saved[from] : 0;
                }
            }
            return aligned;
        }
    }

    static void writeRecord(DataOutputStream out, String mongoId, KnownRecord record) throws IOException {
        out.writeUTF(mongoId);
        out.writeUTF(record.recordId() == null ? "" : record.recordId());
        out.writeLong(record.recordHash());
        int[] hashes = record.fieldHashes();
        if (hashes == null) {
            out.writeShort(-1);
        } else {
            out.writeShort(hashes.length);
            for (int h : hashes) {
                out.writeInt(h);
            }
        }
    }

    static void readRecord(DataInputStream in, FieldAlignment alignment, Map<String, KnownRecord> into)
            throws IOException {
        String mongoId = in.readUTF();
        String recordId = in.readUTF();
        long recordHash = in.readLong();
        int count = in.readShort();
        int[] saved = null;
        if (count >= 0) {
            saved = new int[count];
            for (int i = 0; i < count; i++) {
                saved[i] = in.readInt();
            }
        }
        into.put(mongoId, new KnownRecord(recordId.isEmpty() ? null : recordId, recordHash, alignment.align(saved)));
    }

    /** One encoded chunk and how many records it holds. */
    record Chunk(byte[] gzipped, int recordCount) {
    }

    /**
     * Cuts the records into gzipped chunks of about {@code maxRawBytes} before compression (gzip never grows data by
     * more than a few bytes per 16 KB, so a 350 KB chunk stays within DynamoDB's 400 KB item limit).
     * Chunks are produced one at a time so only one is held in memory while encoding.
     */
    static Iterator<Chunk> chunks(Map<String, KnownRecord> records, int maxRawBytes) {
        Iterator<Map.Entry<String, KnownRecord>> entries = records.entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Chunk next() {
                if (!entries.hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.min(maxRawBytes + 1024, 1 << 20));
                    DataOutputStream out = new DataOutputStream(raw);
                    int count = 0;
                    // Stops once past the limit: one record (at most ~2 KB with Airtable's 500 fields) may overshoot.
                    while (entries.hasNext() && raw.size() < maxRawBytes) {
                        Map.Entry<String, KnownRecord> e = entries.next();
                        writeRecord(out, e.getKey(), e.getValue());
                        count++;
                    }
                    out.flush();
                    ByteArrayOutputStream gz = new ByteArrayOutputStream(raw.size() / 2 + 64);
                    CRC32C crc = new CRC32C();
                    try (DataOutputStream z = new DataOutputStream(
                            new CheckedOutputStream(new GZIPOutputStream(gz, 16 * 1024), crc))) {
                        z.writeInt(CHUNK_FORMAT);
                        z.writeInt(count);
                        raw.writeTo(z);
                        z.writeInt((int) crc.getValue());
                    }
                    return new Chunk(gz.toByteArray(), count);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * Decodes one chunk into {@code into}; returns how many records it held.
     *
     * @throws UnreadableStateException when the chunk is cut, changed or of an unknown version
     */
    static int readChunk(byte[] gzipped, FieldAlignment alignment, Map<String, KnownRecord> into)
            throws UnreadableStateException {
        CRC32C crc = new CRC32C();
        try (CheckedInputStream checked = new CheckedInputStream(
                new GZIPInputStream(new ByteArrayInputStream(gzipped), 16 * 1024), crc);
                DataInputStream in = new DataInputStream(checked)) {
            int format = in.readInt();
            if (format != CHUNK_FORMAT && format != CHUNK_FORMAT_V1) {
                throw new UnreadableStateException("unknown chunk version " + format, null);
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                readRecord(in, alignment, into);
            }
            if (format == CHUNK_FORMAT) {
                verifyChecksum(in, crc);
            }
            verifyEnd(in);
            return count;
        } catch (UnreadableStateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    /** Reads the stored CRC-32C and compares it with the one of everything read so far. */
    private static void verifyChecksum(DataInputStream in, CRC32C crc) throws IOException {
        int computed = (int) crc.getValue();
        int stored = in.readInt();
        if (stored != computed) {
            throw new UnreadableStateException(String.format("checksum mismatch (stored %08x, computed %08x)",
                    stored, computed), null);
        }
    }

    /** Nothing may follow; reading to the end also makes gzip check its own CRC-32 and length. */
    private static void verifyEnd(DataInputStream in) throws IOException {
        if (in.read() != -1) {
            throw new UnreadableStateException("unexpected bytes after the last record", null);
        }
    }

    /** What went wrong while decoding, in words (a cut file reads as an EOFException without a message). */
    private static UnreadableStateException unreadable(Exception e) {
        String what = e instanceof java.io.EOFException ? "cut short (truncated)"
                : e instanceof java.util.zip.ZipException ? "not valid gzip (" + e.getMessage() + ")"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        return new UnreadableStateException(what, e);
    }

    /** Writes a whole table's state as one gzipped stream (the local file form). */
    static void writeFile(OutputStream target, TableState state) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(target, 64 * 1024);
        CRC32C crc = new CRC32C();
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                new CheckedOutputStream(gzip, crc), 64 * 1024));
        out.writeInt(FILE_FORMAT);
        out.writeShort(state.fieldNames().size());
        for (String field : state.fieldNames()) {
            out.writeUTF(field);
        }
        out.writeInt(state.records().size());
        for (Map.Entry<String, KnownRecord> e : state.records().entrySet()) {
            writeRecord(out, e.getKey(), e.getValue());
        }
        out.flush();
        out.writeInt((int) crc.getValue());
        out.flush();
        gzip.finish();
    }

    /**
     * Reads the local file form, aligned to {@code currentFields}.
     *
     * @throws UnreadableStateException when the file is cut, changed, not a state file or of an unknown version;
     *         other IOExceptions are the file system's
     */
    static TableState readFile(InputStream source, List<String> currentFields) throws IOException {
        CRC32C crc = new CRC32C();
        // Buffered below the checksum: the CRC covers exactly the bytes handed to the decoder.
        try {
            DataInputStream in = new DataInputStream(new CheckedInputStream(new java.io.BufferedInputStream(
                    new GZIPInputStream(source, 64 * 1024), 64 * 1024), crc));
            int format = in.readInt();
            if (format != FILE_FORMAT && format != FILE_FORMAT_V1) {
                throw new UnreadableStateException(((format >>> 16) == 0x4153 ? "unknown version "
                        + (format & 0xffff) : "not an Airsync state file") + " (format " + Integer.toHexString(format)
                        + ")", null);
            }
            int fieldCount = in.readShort();
            if (fieldCount < 0) {
                throw new UnreadableStateException("negative field count " + fieldCount, null);
            }
            String[] saved = new String[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                saved[i] = in.readUTF();
            }
            FieldAlignment alignment = new FieldAlignment(List.of(saved), currentFields);
            int count = in.readInt();
            if (count < 0) {
                throw new UnreadableStateException("negative record count " + count, null);
            }
            Map<String, KnownRecord> records = new java.util.concurrent.ConcurrentHashMap<>(capacityFor(count));
            for (int i = 0; i < count; i++) {
                readRecord(in, alignment, records);
            }
            if (format == FILE_FORMAT) {
                verifyChecksum(in, crc);
            }
            verifyEnd(in);
            return new TableState(currentFields, records, true);
        } catch (UnreadableStateException e) {
            throw e;
        } catch (java.io.EOFException | java.util.zip.ZipException | java.io.UTFDataFormatException
                | RuntimeException e) {
            throw unreadable(e);
        }
    }

    /** A HashMap capacity that holds {@code n} entries without rehashing (capped: counts come from stored data). */
    static int capacityFor(long n) {
        return (int) Math.min(MAX_INITIAL_CAPACITY, Math.max(0, n) * 4 / 3 + 16);
    }
}
