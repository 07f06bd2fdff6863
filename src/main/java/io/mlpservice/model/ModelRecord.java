package io.mlpservice.model;

import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Task;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A model as the registry stores it: its fixed architecture and classes (none for a regression), the version that serves
 * predictions, the job that holds it, and whether its serving weights failed verification.
 * Immutable: every change is a new record stored by compare-and-set, so that two jobs can never
 * both claim a model and a reader never sees half a change.
 *
 * @param serving       the version that serves predictions; null before the first job succeeds
 * @param latestVersion the highest version number given so far (0 before the first); numbers are never reused
 * @param activeJobId   the queued or running job that holds the model, or null
 * @param brokenReason  why the serving weights cannot be used (they were quarantined); null when they can
 */
public record ModelRecord(String id, String name, NetworkSpec spec, List<String> classes, long seed,
                          Instant createdAt, ModelVersion serving, int latestVersion, String activeJobId,
                          String brokenReason) {

    public ModelRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        classes = List.copyOf(classes);
        int expected = spec.task() == Task.CLASSIFICATION ? spec.outputSize() : 0;
        if (classes.size() != expected) {
            throw new IllegalArgumentException(classes.size() + " classes for " + spec.outputSize() + " outputs of a "
                    + spec.task().wireName());
        }
    }

    /** A new, untrained model. */
    static ModelRecord created(String id, String name, NetworkSpec spec, List<String> classes, long seed,
                               Instant createdAt) {
        return new ModelRecord(id, name, spec, classes, seed, createdAt, null, 0, null, null);
    }

    public ModelStatus status() {
        if (brokenReason != null) {
            return ModelStatus.BROKEN;
        }
        if (activeJobId != null) {
            return ModelStatus.TRAINING;
        }
        return serving != null ? ModelStatus.TRAINED : ModelStatus.UNTRAINED;
    }

    /** The serving version's number, or null. */
    public Integer servingVersion() {
        return serving == null ? null : serving.version();
    }

    ModelRecord claimedBy(String jobId) {
        return new ModelRecord(id, name, spec, classes, seed, createdAt, serving, latestVersion, jobId, brokenReason);
    }

    ModelRecord released() {
        return new ModelRecord(id, name, spec, classes, seed, createdAt, serving, latestVersion, null, brokenReason);
    }

    /**
     * A new version in place: it serves, the claim of the job that made it ends (a version made by
     * no job, an import, leaves a job's claim alone), and a broken model is whole again.
     */
    ModelRecord published(ModelVersion version) {
        String claim = version.jobId() != null && version.jobId().equals(activeJobId) ? null : activeJobId;
        return new ModelRecord(id, name, spec, classes, seed, createdAt, version, version.version(), claim, null);
    }

    ModelRecord servingFrom(ModelVersion version) {
        return new ModelRecord(id, name, spec, classes, seed, createdAt, version, latestVersion, activeJobId, null);
    }

    ModelRecord broken(String reason) {
        return new ModelRecord(id, name, spec, classes, seed, createdAt, serving, latestVersion, activeJobId, reason);
    }
}
