package io.mlpservice.model;

import io.mlpservice.engine.Network;
import org.springframework.stereotype.Component;

/**
 * The weights of a model's version for computations other than predictions, such as evaluations,
 * feature importance and drift reports: the serving version, or the one named, resolved by the
 * same rules as a prediction (and refused for the same reasons), without counting as one.
 */
@Component
public class ModelWeights {

    private final ModelRegistry registry;

    ModelWeights(ModelRegistry registry) {
        this.registry = registry;
    }

    /** A model, one of its versions and that version's network. */
    public record Resolved(ModelRecord model, ModelVersion version, Network network) {
    }

    /**
     * @param versionNumber the version to use, or null for the serving one
     * @throws ModelNotFoundException   when there is no such model
     * @throws VersionNotFoundException when it has no such version
     * @throws ModelNotTrainedException when no version serves and none is named
     * @throws ModelBrokenException     when the weights fail verification
     */
    public Resolved resolve(String modelId, Integer versionNumber) {
        ModelRecord model = registry.get(modelId);
        ModelVersion version = registry.versionToUse(model, versionNumber);
        return new Resolved(model, version, registry.serving(model, version));
    }
}
