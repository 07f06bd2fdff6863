package io.mlpservice.store;

import java.nio.file.Path;

/** Another process holds the storage directory: two writers would corrupt each other's files. */
public class StorageLockedException extends RuntimeException {

    public StorageLockedException(Path directory, Path lock) {
        super("the storage directory " + directory.toAbsolutePath() + " is in use by another mlp-service process "
                + "(it holds " + lock.toAbsolutePath() + "); stop that process or set another mlp.storage.dir",
                null, false, false);
    }
}
