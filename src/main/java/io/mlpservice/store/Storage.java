package io.mlpservice.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where the service keeps its state: in memory only, or in a storage directory that it holds
 * alone (a lock file keeps a second process out). Hands out the tables, blobs and logs the
 * features store their records in, each under its own name (a folder of the directory).
 */
public final class Storage implements AutoCloseable {

    /** The lock file, in the storage directory. */
    public static final String LOCK = ".lock";

    private final StorageFiles files;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private Storage(StorageFiles files, FileChannel lockChannel, FileLock lock) {
        this.files = files;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** State in memory only: lost when the process ends. */
    public static Storage inMemory() {
        return new Storage(null, null, null);
    }

    /**
     * Opens (and creates) a storage directory, takes its lock and removes what a crash left
     * between a write and its rename.
     *
     * @throws StorageLockedException when another process holds the directory
     */
    public static Storage open(Path directory) {
        Path lockFile = directory.resolve(LOCK);
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StorageLockedException(directory, lockFile, Files.readString(lockFile).strip());
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            StorageFiles files = new StorageFiles(directory);
            files.removeTemporaryFiles();
            return new Storage(files, channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the open failed first
                }
            }
            throw new UncheckedIOException("could not open the storage directory " + directory.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Whether what is stored survives the process. */
    public boolean durable() {
        return files != null;
    }

    /** The storage directory, when there is one. */
    public Optional<Path> directory() {
        return Optional.ofNullable(files).map(StorageFiles::root);
    }

    /** Records that are written through to {@code <dir>/<name>/}, verified and loaded now. */
    public <T> Table<T> table(String name, Codec<T> codec) {
        return files == null ? new MemoryTable<>() : new FileTable<>(files, name, codec);
    }

    /** Records that live in memory even when the storage is durable: progress that a restart recomputes. */
    public <T> Table<T> volatileTable() {
        return new MemoryTable<>();
    }

    public <T> Blobs<T> blobs(String name, Codec<T> codec) {
        return files == null ? new MemoryBlobs<>() : new FileBlobs<>(files, name, codec);
    }

    public <T> AppendLog<T> log(String name, RecordCodec<T> codec) {
        return files == null ? new MemoryLog<>(codec) : new FileLog<>(files, name, codec);
    }

    /** Releases the directory's lock. */
    @Override
    public void close() {
        if (lock != null) {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
