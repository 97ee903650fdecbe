package io.airsync.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * State in local files, for the local run: {@code <dir>/tables/<table>.state} (gzipped binary, see {@link StateCodec}),
 * {@code <dir>/checkpoint.json} and {@code <dir>/run.lock}. Every file is written to a temporary file and moved into
 * place atomically, so a crash mid-save leaves the previous version readable.
 *
 * <p>The lock file holds its owner and expiry. Taking and releasing it happens under an OS file lock on
 * {@code run.lock.guard} (between processes) and a JVM lock (between threads, which OS file locks do not separate), so
 * racing callers see exactly one winner, and an expired lock is taken over by exactly one of them.
 */
public class FileStateStore implements StateBackend {

    private static final Logger LOG = Logger.getLogger(FileStateStore.class);
    private static final String STATE_SUFFIX = ".state";
    private static final String TEMP_MARK = ".tmp-";
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Clock clock;

    /** @param dir the state folder (created when needed), e.g. {@code <airsync.local.dir>/state} */
    public FileStateStore(Path dir, Clock clock) {
        this.dir = dir.toAbsolutePath().normalize();
        this.clock = clock;
    }


    @Override
    public void verifyAccess() {
        try {
            Files.createDirectories(dir.resolve("tables"));
            if (!Files.isWritable(dir)) {
                throw new IOException("not writable");
            }
        } catch (IOException e) {
            throw new StateStoreException("Cannot use the state folder " + dir + ": " + describe(e), e);
        }
    }

    @Override
    public TableState loadTable(String table, List<String> currentFields) {
        Path file = tableFile(table);
        try (InputStream in = Files.newInputStream(file)) {
            return StateCodec.readFile(in, currentFields);
        } catch (NoSuchFileException e) {
            return TableState.empty(currentFields);
        } catch (StateCodec.UnreadableStateException e) {
            String reason = "the state of table '" + table + "' in " + file + " is unreadable: " + e.getMessage();
            LOG.warnf("Table '%s': %s; treated as no state", table, reason);
            return TableState.unreadable(currentFields, reason);
        } catch (IOException | RuntimeException e) {
            throw new StateStoreException("Cannot read the state of table '" + table + "' from " + file + ": "
                    + describe(e), e);
        }
    }

    @Override
    public void saveTable(String table, TableState state) {
        Path file = tableFile(table);
        try {
            deleteLeftoverTemps(file);
            writeAtomically(file, out -> StateCodec.writeFile(out, state));
        } catch (IOException e) {
            throw new StateStoreException("Cannot save the state of table '" + table + "' to " + file + ": "
                    + describe(e), e);
        }
    }

    @Override
    public Optional<RunCheckpoint> load() {
        Path file = checkpointFile();
        try {
            return Optional.of(CheckpointJson.read(Files.readString(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new UnreadableCheckpointException("the checkpoint " + file + " is unreadable: " + describe(e), e);
        } catch (IOException e) {
            if (Files.isRegularFile(file)) {
                // Read, but refused by the format check (CheckpointJson throws plain IOExceptions for those).
                throw new UnreadableCheckpointException("the checkpoint " + file + " is unusable: " + e.getMessage(), e);
            }
            throw new StateStoreException("Cannot read the checkpoint " + file + ": " + describe(e), e);
        }
    }

    @Override
    public void save(RunCheckpoint checkpoint) {
        String json = CheckpointJson.write(checkpoint);
        try {
            writeAtomically(checkpointFile(), out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new StateStoreException("Cannot save the checkpoint " + checkpointFile() + ": " + describe(e), e);
        }
    }

    @Override
    public void clear() {
        try {
            Files.deleteIfExists(checkpointFile());
        } catch (IOException e) {
            throw new StateStoreException("Cannot delete the checkpoint " + checkpointFile() + ": " + describe(e), e);
        }
    }

    @Override
    public Optional<RunLock> tryLock(String owner, Duration lease) {
        LockLease.require(owner, lease);
        return underGuard(() -> {
            Instant now = clock.instant();
            Optional<RunLock> current = readLock();
            if (current.isPresent() && !current.get().owner().equals(owner)
                    && !LockLease.isExpired(current.get(), now)) {
                return Optional.empty();
            }
            RunLock lock = new RunLock(owner, owner, now, LockLease.expiryOf(now, lease));
            writeLock(lock);
            return Optional.of(lock);
        });
    }

    @Override
    public Optional<RunLock> renew(RunLock lock, Duration lease) {
        LockLease.require(lock.owner(), lease);
        return underGuard(() -> {
            Optional<RunLock> current = readLock();
            if (current.isEmpty() || !current.get().owner().equals(lock.owner())) {
                return Optional.empty();
            }
            RunLock renewed = new RunLock(lock.owner(), lock.runId(), current.get().acquiredAt(),
                    LockLease.expiryOf(clock.instant(), lease));
            writeLock(renewed);
            return Optional.of(renewed);
        });
    }

    @Override
    public Optional<RunLock> holder() {
        return underGuard(this::readLock);
    }

    private void writeLock(RunLock lock) throws IOException {
        Properties p = new Properties();
        p.setProperty("owner", lock.owner());
        p.setProperty("runId", lock.runId());
        if (lock.acquiredAt() != null) {
            p.setProperty("acquiredAt", lock.acquiredAt().toString());
        }
        p.setProperty("expiresAt", Long.toString(lock.expiresAt().getEpochSecond()));
        StringWriter text = new StringWriter();
        p.store(text, "Airsync single-flight lock");
        writeAtomically(lockFile(), out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void release(RunLock lock) {
        underGuard(() -> {
            Optional<RunLock> current = readLock();
            if (current.isPresent() && current.get().owner().equals(lock.owner())) {
                Files.deleteIfExists(lockFile());
            } else {
                LOG.debugf("Lock not released: %s no longer holds it", lock.owner());
            }
            return null;
        });
    }

    @Override
    public String describe() {
        return "folder " + dir;
    }

    /** The folder this store keeps its files in. */
    public Path directory() {
        return dir;
    }

    // ------------------------------------------------------------------------------------------------------------

    Path tableFile(String table) {
        return dir.resolve("tables").resolve(URLEncoder.encode(table, StandardCharsets.UTF_8) + STATE_SUFFIX);
    }

    Path checkpointFile() {
        return dir.resolve("checkpoint.json");
    }

    Path lockFile() {
        return dir.resolve("run.lock");
    }

    private Optional<RunLock> readLock() throws IOException {
        String text;
        try {
            text = Files.readString(lockFile());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        }
        String owner = p.getProperty("owner");
        String expires = p.getProperty("expiresAt");
        if (owner == null || expires == null) {
            // Unreadable lock files are treated as expired: the guard makes sure nobody is mid-write.
            LOG.warnf("Ignoring the unreadable lock file %s", lockFile());
            return Optional.empty();
        }
        String acquired = p.getProperty("acquiredAt");
        return Optional.of(new RunLock(owner, p.getProperty("runId", owner),
                acquired == null ? null : Instant.parse(acquired.trim()),
                Instant.ofEpochSecond(Long.parseLong(expires.trim()))));
    }

    private interface IoWork<T> {
        T run() throws IOException;
    }

    private interface IoWriter {
        void write(OutputStream out) throws IOException;
    }

    private <T> T underGuard(IoWork<T> work) {
        Path guard = dir.resolve("run.lock.guard");
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(guard, p -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return work.run();
            }
        } catch (IOException e) {
            throw new StateStoreException("Cannot use the lock file " + lockFile() + ": " + describe(e), e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** Writes a unique temporary file next to {@code target}, forces it to disk and moves it over the target. */
    private static void writeAtomically(Path target, IoWriter writer) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + TEMP_MARK + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = new java.io.BufferedOutputStream(
                            java.nio.channels.Channels.newOutputStream(channel), 64 * 1024)) {
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("temporary file " + temp + " already exists", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes what a crashed save of this file left behind. */
    private static void deleteLeftoverTemps(Path target) throws IOException {
        if (!Files.isDirectory(target.getParent())) {
            return;
        }
        String glob = target.getFileName().toString().replace("\\", "\\\\").replace("*", "\\*")
                .replace("?", "\\?").replace("{", "\\{").replace("[", "\\[") + TEMP_MARK + "*";
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(target.getParent(), glob)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
