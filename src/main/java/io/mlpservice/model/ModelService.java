package io.mlpservice.model;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.Activation;
import io.mlpservice.engine.HiddenLayer;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Task;
import io.mlpservice.error.Excerpt;
import io.mlpservice.error.Violations;
import io.mlpservice.insight.DriftMonitor;
import io.mlpservice.web.NumberMatrix;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Creates, lists, deletes and queries models and their versions, and answers predictions from
 * the serving version (or one named). Every rule a request can break is checked before anything
 * changes, so a refused request leaves the registry exactly as it was.
 */
@Service
public class ModelService {

    private static final List<Integer> DEFAULT_HIDDEN_LAYERS = List.of(100);

    private final ModelRegistry registry;
    private final MlpServiceProperties.Limits limits;
    private final ApplicationEventPublisher events;
    private final Timer predictionTime;
    private final Counter predictedRows;
    private final DriftMonitor drift;

    ModelService(ModelRegistry registry, MlpServiceProperties properties, ApplicationEventPublisher events,
                 MeterRegistry meters, DriftMonitor drift) {
        this.registry = registry;
        this.drift = drift;
        this.limits = properties.limits();
        this.events = events;
        Gauge.builder("mlp.models", registry, ModelRegistry::size)
                .description("Models in the registry")
                .register(meters);
        Gauge.builder("mlp.registry.resident", registry, ModelRegistry::residentBytes)
                .baseUnit("bytes")
                .description("Serving weights held in memory, within mlp.registry.max-resident-bytes")
                .register(meters);
        this.predictionTime = Timer.builder("mlp.predictions")
                .description("Prediction requests answered: the network's forward pass and the answer built from it")
                .register(meters);
        this.predictedRows = Counter.builder("mlp.predictions.rows")
                .description("Rows classified, all prediction requests together")
                .register(meters);
    }

    /** Validates the request against the limits and adds the model. */
    public ModelRecord create(CreateModel request) {
        Violations violations = new Violations();
        Task task = Task.CLASSIFICATION;
        if (request.task() != null) {
            try {
                task = Task.parse(request.task());
            } catch (IllegalArgumentException unknown) {
                violations.add("task", "task '" + request.task() + "' is not one of classification, regression");
            }
        }
        if (request.inputSize() > limits.maxLayerUnits()) {
            violations.add("inputSize", "inputSize " + request.inputSize() + " is over the limit of "
                    + limits.maxLayerUnits() + " (mlp.limits.max-layer-units)");
        }
        Activation activation = request.activation() == null ? Activation.RELU
                : activation("activation", request.activation(), violations);
        List<HiddenLayer> hidden = hiddenLayers(request.hiddenLayers(), activation, violations);
        List<String> classes = task == Task.CLASSIFICATION ? classes(request, violations) : List.of();
        int outputSize = task == Task.CLASSIFICATION ? classes.size() : regressionOutputs(request, violations);
        violations.throwIfAny();

        NetworkSpec spec = new NetworkSpec(task, request.inputSize(), hidden, activation, outputSize);
        if (spec.parameterCount() > limits.maxParameters()) {
            violations.add("hiddenLayers", String.format("the model would have %,d parameters; the limit is %,d "
                    + "(mlp.limits.max-parameters)", spec.parameterCount(), limits.maxParameters()));
            violations.throwIfAny();
        }
        String id = UUID.randomUUID().toString();
        String name = request.name() == null || request.name().isBlank() ? id : request.name().strip();
        long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong();
        ModelRecord model = ModelRecord.created(id, name, spec, classes, seed,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        registry.add(model);
        return model;
    }

    /** The hidden layers, each number or object checked; a refused layer is reported and left out. */
    private List<HiddenLayer> hiddenLayers(List<HiddenLayerRequest> requested, Activation fallback,
                                           Violations violations) {
        if (requested == null) {
            return fallback == null ? List.of() : NetworkSpec.layers(DEFAULT_HIDDEN_LAYERS, fallback);
        }
        if (requested.size() > limits.maxHiddenLayers()) {
            violations.add("hiddenLayers", "hiddenLayers has " + requested.size() + " layers; the limit is "
                    + limits.maxHiddenLayers() + " (mlp.limits.max-hidden-layers)");
        }
        List<HiddenLayer> layers = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            HiddenLayerRequest layer = requested.get(i);
            String field = "hiddenLayers[" + i + "]";
            Integer units = layer.units();
            boolean valid = units != null && units >= 1 && units <= limits.maxLayerUnits();
            if (units == null) {
                violations.add(field + ".units", field + ".units is required");
            } else if (units < 1) {
                violations.add(field, field + " must be greater than 0");
            } else if (units > limits.maxLayerUnits()) {
                violations.add(field, field + " has " + units + " units; the limit is " + limits.maxLayerUnits()
                        + " (mlp.limits.max-layer-units)");
            }
            Activation activation = fallback;
            if (layer.activation() != null) {
                activation = activation(field + ".activation", layer.activation(), violations);
                valid &= activation != null;
            }
            double dropout = layer.dropout() == null ? 0 : layer.dropout();
            if (!(dropout >= 0 && dropout < 1)) {
                valid = false;
                violations.add(field + ".dropout", field + ".dropout " + layer.dropout() + " is not in [0, 1)");
            }
            if (valid && activation != null) {
                layers.add(new HiddenLayer(units, activation, (float) dropout));
            }
        }
        return layers;
    }

    private int regressionOutputs(CreateModel request, Violations violations) {
        if (request.classes() != null) {
            violations.add("classes", "a regression has no classes; give outputSize, the values per row");
        }
        int outputs = request.outputSize() == null ? 1 : request.outputSize();
        if (outputs > limits.maxLayerUnits()) {
            violations.add("outputSize", "outputSize " + outputs + " is over the limit of "
                    + limits.maxLayerUnits() + " (mlp.limits.max-layer-units)");
        }
        return outputs;
    }

    /**
     * The activation named exactly as the API writes it ({@code relu}, {@code leaky_relu}...):
     * case counts here as in every other enumerated value of the API; null after a violation.
     */
    private static Activation activation(String field, String name, Violations violations) {
        for (Activation activation : Activation.values()) {
            if (activation.wireName().equals(name)) {
                return activation;
            }
        }
        violations.add(field, field + " " + Excerpt.quoted(name) + " is not one of " + Activation.NAMES);
        return null;
    }

    private List<String> classes(CreateModel request, Violations violations) {
        List<String> classes = request.classes();
        Integer outputSize = request.outputSize();
        if (classes == null) {
            if (outputSize == null) {
                violations.add("classes", "classes is required (or outputSize, for unnamed classes)");
                return List.of();
            }
            if (outputSize > limits.maxLayerUnits()) {
                violations.add("outputSize", "outputSize " + outputSize + " is over the limit of "
                        + limits.maxLayerUnits() + " (mlp.limits.max-layer-units)");
                return List.of();
            }
            if (outputSize < 2) {
                violations.add("outputSize", "outputSize " + outputSize + " is under 2; a classifier needs at "
                        + "least 2 classes");
                return List.of();
            }
            return IntStream.range(0, outputSize).mapToObj(Integer::toString).toList();
        }
        if (classes.size() < 2) {
            violations.add("classes", "classes has " + classes.size()
                    + (classes.size() == 1 ? " class" : " classes") + "; a classifier needs at least 2");
        }
        if (classes.size() > limits.maxLayerUnits()) {
            violations.add("classes", "classes has " + classes.size() + " entries; the limit is "
                    + limits.maxLayerUnits() + " (mlp.limits.max-layer-units)");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            String name = classes.get(i);
            if (name != null && !name.isBlank() && !seen.add(name)) {
                violations.add("classes[" + i + "]", "classes[" + i + "] " + Excerpt.quoted(name) + " appears more than once");
            }
        }
        if (outputSize != null && outputSize != classes.size()) {
            violations.add("outputSize", "outputSize " + outputSize + " disagrees with the " + classes.size()
                    + " classes given");
        }
        return classes;
    }

    public List<ModelRecord> list() {
        return registry.all();
    }

    /** @throws ModelNotFoundException when there is no such model */
    public ModelRecord get(String id) {
        return registry.get(id);
    }

    /** Removes the model, its versions and their weights; its queued or running job is cancelled. */
    public void delete(String id) {
        registry.remove(id).orElseThrow(() -> new ModelNotFoundException(id));
        events.publishEvent(new ModelDeletedEvent(id));
    }

    /** The model's versions, oldest first. */
    public List<ModelVersion> versions(String id) {
        registry.get(id);
        return registry.versions(id);
    }

    /** @throws VersionNotFoundException when the model has no such version */
    public ModelVersion version(String id, int number) {
        registry.get(id);
        return registry.version(id, number);
    }

    /** @throws VersionServingException for the serving version */
    public void deleteVersion(String id, int number) {
        registry.get(id);
        registry.deleteVersion(id, number);
    }

    /** Makes a version serve predictions: a rollback, or a roll forward. */
    public ModelRecord setServingVersion(String id, int number) {
        registry.get(id);
        return registry.setServing(id, number);
    }

    /**
     * Class probabilities (a classifier) or values (a regression) of each row, from the serving
     * version or the one named; a running job never touches the weights that answer.
     *
     * @throws ModelNotTrainedException when no version serves and none is named
     * @throws ModelBrokenException     when the weights fail verification
     */
    public Prediction predict(String id, Integer versionNumber, NumberMatrix inputs) {
        long start = System.nanoTime();
        ModelRecord model = registry.get(id);
        int width = model.spec().inputSize();
        Violations violations = new Violations();
        if (inputs.rows() == 0) {
            violations.add("inputs", "inputs has no rows; send at least one");
        }
        if (inputs.rows() > limits.maxPredictionRows()) {
            violations.add("inputs", "inputs has " + inputs.rows() + " rows; the limit is "
                    + limits.maxPredictionRows() + " a request (mlp.limits.max-prediction-rows)");
        }
        inputs.checkWidth("inputs", width, violations);
        violations.throwIfAny();

        ModelVersion version = registry.versionToUse(model, versionNumber);
        Network network = registry.serving(model, version);
        int rows = inputs.rows();
        // class probabilities of a classifier, values in the targets' units of a regression
        float[] probabilities = network.predict(inputs.values(), rows);
        checkFinite(probabilities, rows, model.spec().outputSize(), violations);
        drift.observe(version, inputs.values(), rows, width);
        predictionTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        predictedRows.increment(rows);
        return new Prediction(model, version, probabilities, rows);
    }

    /** Rows so large that the arithmetic overflowed have no meaningful answer: refuse them by index. */
    private static void checkFinite(float[] probabilities, int rows, int classes, Violations violations) {
        for (int r = 0; r < rows && !violations.isFull(); r++) {
            for (int c = 0; c < classes; c++) {
                if (!Float.isFinite(probabilities[r * classes + c])) {
                    violations.add("inputs[" + r + "]", "inputs[" + r + "] holds values so far from the training "
                            + "data that the network's arithmetic overflows");
                    break;
                }
            }
        }
        violations.throwIfAny();
    }
}
