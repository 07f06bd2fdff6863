package io.mlpservice.store;

import java.nio.file.Path;

/** Another process holds the storage directory: two writers would corrupt each other's files. */
public class StorageLockedException extends RuntimeException {

    public StorageLockedException(Path directory, Path lock, String holder) {
        super("the storage directory " + directory.toAbsolutePath() + " is in use by another mlp-service process"
                + (holder.isBlank() ? "" : " (pid " + holder + ")") + ", which holds " + lock.toAbsolutePath(),
                null, false, false);
    }
}
