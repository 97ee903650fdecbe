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
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compact binary form of table state shared by both stores.
 *
 * <p>One record is {@code mongoIdHex (UTF), recordId (UTF, "" for none), recordHash (long), fieldCount (short, -1 for
 * none), fieldHashes (int each)}. A DynamoDB chunk is {@code gzip(CHUNK_FORMAT, count, records...)}; a state file is
 * {@code gzip(FILE_FORMAT, fieldNames, count, records...)}. Decoding goes straight into the caller's map, re-aligning
 * the field hashes to the current field order on the way.
 */
final class StateCodec {

    static final int CHUNK_FORMAT = 1;
    static final int FILE_FORMAT = 0x41530001; // "AS", version 1

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
                    try (DataOutputStream z = new DataOutputStream(new GZIPOutputStream(gz, 16 * 1024))) {
                        z.writeInt(CHUNK_FORMAT);
                        z.writeInt(count);
                        raw.writeTo(z);
                    }
                    return new Chunk(gz.toByteArray(), count);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Decodes one chunk into {@code into}; returns how many records it held. */
    static int readChunk(byte[] gzipped, FieldAlignment alignment, Map<String, KnownRecord> into) throws IOException {
        try (DataInputStream in = new DataInputStream(
                new GZIPInputStream(new ByteArrayInputStream(gzipped), 16 * 1024))) {
            int format = in.readInt();
            if (format != CHUNK_FORMAT) {
                throw new IOException("unknown chunk format " + format);
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                readRecord(in, alignment, into);
            }
            return count;
        }
    }

    /** Writes a whole table's state as one gzipped stream (the local file form). */
    static void writeFile(OutputStream target, TableState state) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(target, 64 * 1024);
        DataOutputStream out = new DataOutputStream(gzip);
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
        gzip.finish();
    }

    /** Reads the local file form, aligned to {@code currentFields}. */
    static TableState readFile(InputStream source, List<String> currentFields) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(source, 64 * 1024));
        int format = in.readInt();
        if (format != FILE_FORMAT) {
            throw new IOException("not an Airsync state file (format " + Integer.toHexString(format) + ")");
        }
        int fieldCount = in.readShort();
        String[] saved = new String[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            saved[i] = in.readUTF();
        }
        FieldAlignment alignment = new FieldAlignment(List.of(saved), currentFields);
        int count = in.readInt();
        Map<String, KnownRecord> records = new java.util.concurrent.ConcurrentHashMap<>(capacityFor(count));
        for (int i = 0; i < count; i++) {
            readRecord(in, alignment, records);
        }
        return new TableState(currentFields, records, true);
    }

    /** A HashMap capacity that holds {@code n} entries without rehashing. */
    static int capacityFor(long n) {
        return (int) Math.min(Integer.MAX_VALUE, n * 4 / 3 + 16);
    }
}
