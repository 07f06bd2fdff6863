package io.mlpservice.model;

import io.mlpservice.config.MlpServiceProperties;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** The in-memory store of models, safe for concurrent use. */
@Component
public class ModelRegistry {

    private final ConcurrentMap<String, Model> models = new ConcurrentHashMap<>();
    private final int capacity;

    ModelRegistry(MlpServiceProperties properties) {
        this.capacity = properties.limits().maxModels();
    }

    /**
     * Adds a model.
     *
     * @throws RegistryFullException at capacity
     */
    synchronized void add(Model model) {
        if (models.size() >= capacity) {
            throw new RegistryFullException(capacity);
        }
        models.put(model.id(), model);
    }

    public Optional<Model> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** @throws ModelNotFoundException when there is no such model */
    public Model get(String id) {
        return find(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    int size() {
        return models.size();
    }

    /** Every model, oldest first. */
    List<Model> all() {
        return models.values().stream()
                .sorted(Comparator.comparing(Model::createdAt).thenComparing(Model::id))
                .toList();
    }

    Optional<Model> remove(String id) {
        return Optional.ofNullable(models.remove(id));
    }
}
