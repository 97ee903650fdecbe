package io.airsync.state;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest extends StateStoreContractTest {

    @TempDir
    Path dir;

    private FileStateStore store;

    @BeforeEach
    void createStore() {
        store = new FileStateStore(dir.resolve("state"), clock);
    }

    @Override
    protected StateBackend store() {
        return store;
    }

    /** A save that died while writing its temporary file: half a state file next to the real one. */
    @Override
    protected void simulateCrashedSave(String table, TableState state) {
        Path target = store.tableFile(table);
        Path temp = target.resolveSibling(target.getFileName() + ".tmp-crashed");
        try {
            Files.createDirectories(temp.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream out = Files.newOutputStream(temp)) {
            java.io.ByteArrayOutputStream full = new java.io.ByteArrayOutputStream();
            StateCodec.writeFile(full, state);
            byte[] bytes = full.toByteArray();
            out.write(bytes, 0, bytes.length / 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void putRawCheckpoint(String json) {
        try {
            Files.createDirectories(store.checkpointFile().getParent());
            Files.writeString(store.checkpointFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void damageStoredState(String table, Damage damage) {
        try {
            Path file = store.tableFile(table);
            Files.write(file, damaged(Files.readAllBytes(file), damage));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anUnreadableStateFileIsNamedWithItsPath() throws IOException {
        Files.createDirectories(store.tableFile("Users").getParent());
        Files.writeString(store.tableFile("Users"), "not gzip");

        TableState state = store.loadTable("Users", List.of("a"));

        assertTrue(state.unreadable().contains(store.tableFile("Users").toString()), state.unreadable());
    }

    @Test
    void aStateFileOfTheVersionBeforeChecksumsIsStillRead() throws IOException {
        // Version 1 as it was written: the same content without the trailing CRC-32C, format 0x41530001.
        TableState saved = randomState(300, FIELDS, 12);
        java.io.ByteArrayOutputStream current = new java.io.ByteArrayOutputStream();
        StateCodec.writeFile(current, saved);
        byte[] content;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(current.toByteArray()))) {
            content = in.readAllBytes();
        }
        content[3] = 0x01;
        Files.createDirectories(store.tableFile("Users").getParent());
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(store.tableFile("Users")))) {
            out.write(content, 0, content.length - 4);
        }

        TableState loaded = store.loadTable("Users", FIELDS);

        assertTrue(loaded.exists(), String.valueOf(loaded.unreadable()));
        assertSameRecords(saved.records(), loaded.records());
    }

    @Test
    void aSaveRemovesWhatACrashedSaveLeftBehind() throws IOException {
        simulateCrashedSave("Users", randomState(10, FIELDS, 1));
        store.saveTable("Users", randomState(10, FIELDS, 2));
        try (var files = Files.list(store.tableFile("Users").getParent())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
    }

    @Test
    void anUnwritableFolderFailsVerifyAccessNamingIt() throws IOException {
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");
        FileStateStore broken = new FileStateStore(file.resolve("state"), clock);

        StateStoreException e = assertThrows(StateStoreException.class, broken::verifyAccess);

        assertTrue(e.getMessage().contains(file.resolve("state").toString()), e.getMessage());
    }
}
