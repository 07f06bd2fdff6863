package io.mlpservice.model;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.train.TrainingState;
import io.mlpservice.store.Blobs;
import io.mlpservice.store.CorruptFileException;
import io.mlpservice.store.JsonCodec;
import io.mlpservice.store.Storage;
import io.mlpservice.store.Table;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The models, their versions and the versions' weights, behind the store, with the training
 * state each trained version ended in (what a warm start goes on from). Every change is a
 * compare-and-set transition of a model's record; a version's weights and training state are
 * written before the record that names them, so a reader never finds a version without its weights. Only serving
 * weights are held in memory, within {@code mlp.registry.max-resident-bytes}; at start every
 * model's serving weights are verified, and a model whose weights fail is marked broken.
 * <p>
 * In a cluster the records and weights are shared by the members: a change of a model's record
 * (its serving version among them) is seen by every member as soon as it is stored, and each
 * member keeps in memory the weights it serves, read from the shared map the first time it is
 * asked. Only the first member to start checks the storage as a single process does.
 */
@Component
public class ModelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final Table<ModelRecord> models;
    private final Table<ModelVersion> versions;
    private final Blobs<Network> weights;
    /** The end state of the run that trained each version; none for an imported version. */
    private final Blobs<TrainingState> states;
    private final ServingCache cache;
    private final int capacity;
    private final int keepVersions;

    ModelRegistry(Storage storage, MatMul matMul, MlpServiceProperties properties) {
        this.models = storage.table("models", new JsonCodec<>("model", 1, ModelRecord.class, NetworkSpecJson.module()));
        this.versions = storage.table("versions", new JsonCodec<>("version", 1, ModelVersion.class));
        this.weights = storage.blobs("weights", new WeightsCodec(matMul));
        this.states = storage.blobs("training-states", new TrainingStateCodec());
        // In memory the weights are held by the store itself: a second copy would only add to them.
        this.cache = new ServingCache(storage.durable() ? properties.registry().residentBytes() : 0);
        this.capacity = properties.limits().maxModels();
        this.keepVersions = properties.storage().keepVersions();
        // In a cluster a model deleted through another member leaves this member's memory too.
        models.onChange(id -> {
            if (models.get(id).isEmpty()) {
                cache.evictModel(id);
            }
        });
        if (storage.exclusive()) {            // alone on the storage: no other member is publishing now
            removeOrphanVersions();
            verifyServingWeights();
        }
    }

    /** Versions whose model is gone or that no model record names yet: left by a crash mid-change. */
    private void removeOrphanVersions() {
        for (ModelVersion version : List.copyOf(versions.values())) {
            Optional<ModelRecord> model = models.get(version.modelId());
            if (model.isEmpty() || version.version() > model.get().latestVersion()) {
                versions.remove(version.key());
                weights.delete(version.key());
                states.delete(version.key());
            }
        }
    }

    private void verifyServingWeights() {
        int verified = 0;
        for (ModelRecord model : List.copyOf(models.values())) {
            if (model.serving() != null && model.brokenReason() == null) {
                try {
                    serving(model, model.serving());
                    verified++;
                } catch (ModelBrokenException broken) {
                    log.warn("Model {} is broken: {}", model.id(), broken.getMessage());
                }
            }
        }
        if (!models.values().isEmpty()) {
            log.info("Registry: {} models, {} serving versions verified", models.size(), verified);
        }
    }

    public Optional<ModelRecord> find(String id) {
        return models.get(id);
    }

    /** @throws ModelNotFoundException when there is no such model */
    public ModelRecord get(String id) {
        return models.get(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    /** Every model, oldest first. */
    public List<ModelRecord> all() {
        return models.values().stream()
                .sorted(Comparator.comparing(ModelRecord::createdAt).thenComparing(ModelRecord::id))
                .toList();
    }

    int size() {
        return models.size();
    }

    /** @throws RegistryFullException at capacity */
    synchronized void add(ModelRecord model) {
        if (models.size() >= capacity) {
            throw new RegistryFullException(capacity);
        }
        if (!models.insert(model.id(), model)) {
            throw new IllegalStateException("model id " + model.id() + " is taken");
        }
    }

    /** Removes the model, its versions and their weights. */
    Optional<ModelRecord> remove(String id) {
        Optional<ModelRecord> removed = models.remove(id);
        removed.ifPresent(model -> {
            for (ModelVersion version : versions(id)) {
                versions.remove(version.key());
            }
            weights.deleteAll(id);
            states.deleteAll(id);
            cache.evictModel(id);
        });
        return removed;
    }

    /**
     * Gives the model to a job: from now on no other job can claim it until {@link #release}.
     *
     * @throws ModelNotFoundException when there is no such model
     * @throws ModelBusyException     when another job holds it
     */
    public ModelRecord claim(String modelId, String jobId) {
        return models.update(modelId, model -> {
            if (model.activeJobId() != null && !model.activeJobId().equals(jobId)) {
                throw new ModelBusyException(modelId, model.activeJobId());
            }
            return model.claimedBy(jobId);
        }).orElseThrow(() -> new ModelNotFoundException(modelId));
    }

    /** Ends the job's claim, if it still holds the model; the serving version does not change. */
    public void release(String modelId, String jobId) {
        models.update(modelId, model -> jobId.equals(model.activeJobId()) ? model.released() : model);
    }

    /**
     * Stores the job's result as the model's next version, makes it serve and ends the job's
     * claim, in that order; then removes the oldest versions beyond {@code mlp.storage.keep-versions}.
     *
     * @throws ModelNotFoundException when the model was deleted meanwhile
     */
    public ModelVersion publish(String modelId, String jobId, Network network, LossPoint metrics,
                                java.time.Instant at) {
        return publish(modelId, jobId, network, null, metrics, at);
    }

    /**
     * As {@link #publish(String, String, Network, LossPoint, java.time.Instant)}, keeping beside the
     * weights the state the training ended in, for a later warm start.
     *
     * @param state where the run that trained {@code network} ended; null for none (an import)
     */
    public ModelVersion publish(String modelId, String jobId, Network network, TrainingState state,
                                LossPoint metrics, java.time.Instant at) {
        ModelRecord model = get(modelId);
        ModelVersion version = new ModelVersion(modelId, model.latestVersion() + 1, jobId, at, metrics);
        weights.put(version.key(), network);
        if (state != null) {
            states.put(version.key(), state);
        } else {
            states.delete(version.key());     // a crash may have left this number half-published
        }
        versions.remove(version.key());           // a crash may have left this number half-published
        versions.insert(version.key(), version);
        models.update(modelId, current -> current.published(version))
                .orElseThrow(() -> new ModelNotFoundException(modelId));
        cache.put(version.key(), network);
        pruneVersions(modelId);
        return version;
    }

    private void pruneVersions(String modelId) {
        List<ModelVersion> all = versions(modelId);
        Integer serving = models.get(modelId).map(ModelRecord::servingVersion).orElse(null);
        int excess = all.size() - keepVersions;
        for (ModelVersion version : all) {
            if (excess <= 0) {
                break;
            }
            if (serving == null || version.version() != serving) {
                deleteVersionFiles(version);
                excess--;
            }
        }
    }

    private void deleteVersionFiles(ModelVersion version) {
        versions.remove(version.key());
        weights.delete(version.key());
        states.delete(version.key());
        cache.evict(version.key());
    }

    /**
     * The state the training of a version ended in: empty for a version made by an import (or
     * stored before training states were kept).
     *
     * @throws VersionNotFoundException when the model has no such version
     * @throws io.mlpservice.store.CorruptFileException when the stored state fails verification; it has been quarantined
     */
    public Optional<TrainingState> trainingState(String modelId, int number) {
        return states.get(version(modelId, number).key());
    }

    /**
     * The version a job published, if it did. A job's end is stored after its version, so a
     * process stopped between the two leaves a running job whose version already exists.
     */
    public Optional<ModelVersion> versionPublishedBy(String modelId, String jobId) {
        return versions(modelId).stream().filter(v -> jobId.equals(v.jobId())).findFirst();
    }

    /** The model's versions, oldest first. */
    List<ModelVersion> versions(String modelId) {
        return versions.values().stream().filter(v -> v.modelId().equals(modelId))
                .sorted(Comparator.comparingInt(ModelVersion::version)).toList();
    }

    /**
     * The version a prediction, an evaluation or an export uses: the one named, else the serving one.
     *
     * @param versionNumber the version to use, or null for the serving one
     * @throws VersionNotFoundException when it has no such version
     * @throws ModelBrokenException     when none is named and the model's weights failed verification
     * @throws ModelNotTrainedException when none is named and no version serves
     */
    public ModelVersion versionToUse(ModelRecord model, Integer versionNumber) {
        if (versionNumber != null) {
            return version(model.id(), versionNumber);
        }
        if (model.brokenReason() != null) {
            throw new ModelBrokenException(model.id(), model.brokenReason());
        }
        if (model.serving() == null) {
            throw new ModelNotTrainedException(model);
        }
        return model.serving();
    }

    /** @throws VersionNotFoundException when the model has no such version */
    public ModelVersion version(String modelId, int number) {
        return versions.get(ModelVersion.key(modelId, number))
                .orElseThrow(() -> new VersionNotFoundException(modelId, number));
    }

    /** @throws VersionServingException for the serving version */
    void deleteVersion(String modelId, int number) {
        ModelVersion version = version(modelId, number);
        ModelRecord model = get(modelId);
        if (model.servingVersion() != null && model.servingVersion() == number) {
            throw new VersionServingException(modelId, number);
        }
        deleteVersionFiles(version);
    }

    /**
     * Makes an existing version serve, once its weights have been read and verified.
     *
     * @throws ModelBrokenException when they fail
     */
    ModelRecord setServing(String modelId, int number) {
        ModelVersion version = version(modelId, number);
        serving(get(modelId), version);
        return models.update(modelId, model -> model.servingFrom(version))
                .orElseThrow(() -> new ModelNotFoundException(modelId));
    }

    /**
     * The weights of a version, from memory or read back from disk. Weights that fail
     * verification are quarantined, and when they were the serving ones the model is marked broken.
     *
     * @throws ModelBrokenException when the weights cannot be read
     */
    public Network serving(ModelRecord model, ModelVersion version) {
        String reason;
        try {
            Optional<Network> network = cache.get(version.key(), weights);
            if (network.isPresent()) {
                return network.get();
            }
            reason = "the weights of version " + version.version() + " are missing";
        } catch (CorruptFileException corrupt) {
            reason = "the weights of version " + version.version() + " failed verification (" + corrupt.getMessage()
                    + ") and were moved to quarantine";
        }
        if (version.version() == (model.servingVersion() == null ? -1 : model.servingVersion())) {
            String why = reason;
            models.update(model.id(), current -> current.servingVersion() != null
                    && current.servingVersion() == version.version() ? current.broken(why) : current);
        }
        throw new ModelBrokenException(model.id(), reason);
    }

    /** Serving weights held in memory now, in bytes (in memory-only mode the store holds them all instead). */
    long residentBytes() {
        return cache.bytes();
    }
}
