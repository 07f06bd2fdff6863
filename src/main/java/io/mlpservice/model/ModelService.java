package io.mlpservice.model;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.Activation;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.SoftmaxCrossEntropy;
import io.mlpservice.web.NumberMatrix;
import io.mlpservice.web.Violations;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Creates, lists, deletes and queries models, and answers predictions from their current
 * weights. Every rule a request can break is checked before anything changes, so a refused
 * request leaves the registry exactly as it was.
 */
@Service
public class ModelService {

    private static final List<Integer> DEFAULT_HIDDEN_LAYERS = List.of(100);

    private final ModelRegistry registry;
    private final MlpServiceProperties.Limits limits;
    private final ApplicationEventPublisher events;
    private final Timer predictionTime;
    private final Counter predictedRows;

    ModelService(ModelRegistry registry, MlpServiceProperties properties, ApplicationEventPublisher events,
                 MeterRegistry meters) {
        this.registry = registry;
        this.limits = properties.limits();
        this.events = events;
        Gauge.builder("mlp.models", registry, ModelRegistry::size)
                .description("Models in the registry")
                .register(meters);
        this.predictionTime = Timer.builder("mlp.predictions")
                .description("Prediction requests answered: the network's forward pass and the answer built from it")
                .register(meters);
        this.predictedRows = Counter.builder("mlp.predictions.rows")
                .description("Rows classified, all prediction requests together")
                .register(meters);
    }

    /** Validates the request against the limits and adds the model. */
    public Model create(CreateModelRequest request) {
        Violations violations = new Violations();
        List<Integer> hidden = request.hiddenLayers() == null ? DEFAULT_HIDDEN_LAYERS : request.hiddenLayers();
        if (request.inputSize() > limits.maxLayerUnits()) {
            violations.add("inputSize", "inputSize " + request.inputSize() + " is over the limit of "
                    + limits.maxLayerUnits() + " (mlp.limits.max-layer-units)");
        }
        if (hidden.size() > limits.maxHiddenLayers()) {
            violations.add("hiddenLayers", "hiddenLayers has " + hidden.size() + " layers; the limit is "
                    + limits.maxHiddenLayers() + " (mlp.limits.max-hidden-layers)");
        }
        for (int i = 0; i < hidden.size(); i++) {
            if (hidden.get(i) > limits.maxLayerUnits()) {
                violations.add("hiddenLayers[" + i + "]", "hiddenLayers[" + i + "] has " + hidden.get(i)
                        + " units; the limit is " + limits.maxLayerUnits() + " (mlp.limits.max-layer-units)");
            }
        }
        Activation activation = null;
        try {
            activation = request.activation() == null ? Activation.RELU : Activation.parse(request.activation());
        } catch (IllegalArgumentException unknown) {
            violations.add("activation", "activation '" + request.activation() + "' is not one of relu, sigmoid, tanh");
        }
        List<String> classes = classes(request, violations);
        violations.throwIfAny();

        NetworkSpec spec = new NetworkSpec(request.inputSize(), hidden, activation, classes.size());
        if (spec.parameterCount() > limits.maxParameters()) {
            violations.add("hiddenLayers", String.format("the model would have %,d parameters; the limit is %,d "
                    + "(mlp.limits.max-parameters)", spec.parameterCount(), limits.maxParameters()));
            violations.throwIfAny();
        }
        String id = UUID.randomUUID().toString();
        String name = request.name() == null || request.name().isBlank() ? id : request.name().strip();
        long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong();
        Model model = new Model(id, name, spec, classes, seed, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        registry.add(model);
        return model;
    }

    private List<String> classes(CreateModelRequest request, Violations violations) {
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
                violations.add("classes[" + i + "]", "classes[" + i + "] '" + name + "' appears more than once");
            }
        }
        if (outputSize != null && outputSize != classes.size()) {
            violations.add("outputSize", "outputSize " + outputSize + " disagrees with the " + classes.size()
                    + " classes given");
        }
        return classes;
    }

    public List<Model> list() {
        return registry.all();
    }

    /** @throws ModelNotFoundException when there is no such model */
    public Model get(String id) {
        return registry.get(id);
    }

    /** Removes the model; its queued or running job is cancelled. */
    public void delete(String id) {
        registry.remove(id).orElseThrow(() -> new ModelNotFoundException(id));
        events.publishEvent(new ModelDeletedEvent(id));
    }

    /**
     * The model's loss history, of all its jobs or of one; from the point {@code from} (0 when
     * null), at most {@code limit} points (all when null).
     */
    public LossHistoryResponse lossHistory(String id, String jobId, Integer from, Integer limit) {
        Model model = registry.get(id);
        Violations violations = new Violations();
        if (from != null && from < 0) {
            violations.add("from", "from " + from + " must be 0 or more: it counts points from the first");
        }
        if (limit != null && limit < 1) {
            violations.add("limit", "limit " + limit + " must be 1 or more");
        }
        violations.throwIfAny();
        int start = from == null ? 0 : from;
        Model.HistoryPage page = model.lossHistory(jobId, start, limit == null ? Integer.MAX_VALUE : limit);
        return LossHistoryResponse.from(id, page.total(), start, page.points());
    }

    /**
     * Classifies each row with the model's current weights, which a running job never touches.
     *
     * @throws ModelNotTrainedException when no job has succeeded yet
     */
    public PredictionResponse predict(String id, PredictionRequest request) {
        long start = System.nanoTime();
        Model model = registry.get(id);
        NumberMatrix inputs = request.inputs();
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

        TrainedState trained = model.trained().orElseThrow(() -> new ModelNotTrainedException(model));
        int rows = inputs.rows();
        int classes = model.spec().outputSize();
        float[] probabilities = trained.network().predictProbabilities(inputs.values(), rows);
        checkFinite(probabilities, rows, classes, violations);
        List<PredictionResponse.Prediction> predictions = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            int offset = r * classes;
            int best = SoftmaxCrossEntropy.argmax(probabilities, offset, classes);
            Map<String, Float> byClass = new LinkedHashMap<>();
            for (int c = 0; c < classes; c++) {
                byClass.put(model.classes().get(c), probabilities[offset + c]);
            }
            predictions.add(new PredictionResponse.Prediction(model.classes().get(best), best, byClass));
        }
        predictionTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        predictedRows.increment(rows);
        return new PredictionResponse(model.id(), trained.jobId(), predictions);
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
