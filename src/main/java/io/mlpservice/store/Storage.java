package io.mlpservice.store;

import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the service keeps its state: in memory only; in a storage directory that it holds alone
 * (a lock file keeps a second process out); or, in a cluster, in Hazelcast maps that the members
 * share, written through to a storage directory that every member mounts. Hands out the tables,
 * blobs and logs the features store their records in, each under its own name (a folder of the
 * directory), so that the features do not know which of the three they run on.
 */
public final class Storage implements AutoCloseable {

    /** The lock file of a single process, in the storage directory. */
    public static final String LOCK = ".lock";

    private final StorageFiles files;
    private final DirectoryLocks.Held lock;
    private final ClusterStorage cluster;

    private Storage(StorageFiles files, DirectoryLocks.Held lock, ClusterStorage cluster) {
        this.files = files;
        this.lock = lock;
        this.cluster = cluster;
    }

    /** State in memory only: lost when the process ends. */
    public static Storage inMemory() {
        return new Storage(null, null, null);
    }

    /**
     * Opens (and creates) a storage directory, takes its lock and removes what a crash left
     * between a write and its rename.
     *
     * @throws StorageLockedException when another process, or a member of a cluster, holds the directory
     */
    public static Storage open(Path directory) {
        DirectoryLocks.Held lock = DirectoryLocks.take(directory, directory.resolve(LOCK));
        try {
            DirectoryLocks.refuseMembers(directory);
            StorageFiles files = new StorageFiles(directory);
            files.removeTemporaryFiles();
            return new Storage(files, lock, null);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Joins the storage of a cluster: the maps of the running Hazelcast member {@code instance},
     * written through to {@code directory}, which the other members share. Takes this member's
     * own lock file.
     *
     * @throws StorageLockedException when a single process holds the directory, or another process
     *                                claims this member's address
     */
    public static Storage shared(Path directory, HazelcastInstance instance) {
        ClusterStorage cluster = ClusterStorage.open(directory, instance);
        return new Storage(cluster.files(), null, cluster);
    }

    /** Whether what is stored survives the process. */
    public boolean durable() {
        return files != null;
    }

    /** The storage directory, when there is one. */
    public Optional<Path> directory() {
        return Optional.ofNullable(files).map(StorageFiles::root);
    }

    /** The cluster this storage is shared with; empty for a single process. */
    public Optional<Cluster> cluster() {
        return Optional.ofNullable(cluster);
    }

    /**
     * Whether no other process uses this storage now: a single process, or the first member of a
     * cluster. Only then may start-up tidy what an earlier crash left (orphan versions, stale claims).
     */
    public boolean exclusive() {
        return cluster == null || cluster.alone();
    }

    /** Records that are written through to {@code <dir>/<name>/}, verified and loaded now. */
    public <T> Table<T> table(String name, Codec<T> codec) {
        if (cluster != null) {
            return cluster.table(name, codec);
        }
        return files == null ? new MemoryTable<>() : new FileTable<>(files, name, codec);
    }

    /** Records that live in this process's memory only: progress that a restart recomputes. */
    public <T> Table<T> volatileTable() {
        return new MemoryTable<>();
    }

    /** Values written whole and read whole; shared by the members in a cluster. */
    public <T> Blobs<T> blobs(String name, Codec<T> codec) {
        if (cluster != null) {
            return cluster.blobs(name, codec);
        }
        return files == null ? new MemoryBlobs<>() : new FileBlobs<>(files, name, codec);
    }

    /**
     * Values too large to hold in the members' memory (a job's data): files in the storage
     * directory in every mode, which the members of a cluster share through the volume they all
     * mount; in memory only when there is no directory.
     */
    public <T> Blobs<T> largeBlobs(String name, Codec<T> codec) {
        return files == null ? new MemoryBlobs<>() : new FileBlobs<>(files, name, codec);
    }

    /** Entries appended under a key; in a cluster the member that appends and the others read one file. */
    public <T> AppendLog<T> log(String name, RecordCodec<T> codec) {
        if (cluster != null) {
            return cluster.log(name, codec);
        }
        return files == null ? new MemoryLog<>(codec) : new FileLog<>(files, name, codec);
    }

    /** Releases the directory's lock (this member's, in a cluster). */
    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
