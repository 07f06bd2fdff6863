package io.mlpservice.config;

import io.mlpservice.store.StorageLockedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A second process on the same storage directory: says so in one line instead of a stack trace. */
class StorageLockedFailureAnalyzer extends AbstractFailureAnalyzer<StorageLockedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StorageLockedException cause) {
        return new FailureAnalysis(cause.getMessage(), "Stop that process, or set another mlp.storage.dir.", cause);
    }
}
