package io.mlpservice.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock files of a storage directory: {@code .lock}, held by a single process, and
 * {@code .lock-<host>-<port>}, one per member of a cluster. Each holds the pid of its holder. A
 * single process refuses a directory a cluster member holds, and a member refuses one a single
 * process holds; members of one cluster share the directory by design.
 */
final class DirectoryLocks {

    static final String MEMBER_PREFIX = Storage.LOCK + "-";

    private DirectoryLocks() {
    }

    /** A lock taken: its file's channel and the lock, released together. */
    record Held(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Takes the lock file and writes this process's pid into it.
     *
     * @throws StorageLockedException when another process (or this one) holds it
     */
    static Held take(Path directory, Path file) {
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new StorageLockedException(directory, file, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new Held(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks that no process holds the lock file, without keeping it.
     *
     * @throws StorageLockedException when one does
     */
    static void refuseIfHeld(Path directory, Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new StorageLockedException(directory, file, holder(file));
            }
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("could not check " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Checks that no cluster member holds the directory. */
    static void refuseMembers(Path directory) {
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(directory, MEMBER_PREFIX + "*")) {
            for (Path file : locks) {
                refuseIfHeld(directory, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + directory.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** The lock file of the member at {@code host:port}. */
    static Path memberLock(Path directory, String address) {
        return directory.resolve(MEMBER_PREFIX + address.replaceAll("[^A-Za-z0-9.]", "-"));
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null;
        }
    }

    private static String holder(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
