package io.mlpservice.model;

import java.time.Instant;

/**
 * One version of a model's weights: what a successful training job produced. Immutable, like the
 * weights it describes; each version is numbered from 1 within its model.
 *
 * @param jobId   the job that trained it
 * @param metrics the figures of the epoch whose weights it holds (the best one with early stopping)
 */
public record ModelVersion(String modelId, int version, String jobId, Instant createdAt, LossPoint metrics) {

    /** The store key of this version and of its weights: {@code <modelId>/<version>}. */
    String key() {
        return key(modelId, version);
    }

    static String key(String modelId, int version) {
        return modelId + "/" + version;
    }
}
