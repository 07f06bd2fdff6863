package io.mlpservice.training;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.dataset.DatasetRows;
import io.mlpservice.engine.Task;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.LearningRateSchedule;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.error.Excerpt;
import io.mlpservice.error.Violations;
import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a job's data and settings against its model and the limits, fills in the defaults and
 * maps them to the engine's {@link Dataset} and {@link TrainingConfig}. Reports every violation
 * at once, each naming its field and index.
 */
final class TrainingRequestMapper {

    static final double DEFAULT_ADAM_LEARNING_RATE = 0.001;
    static final double DEFAULT_SGD_LEARNING_RATE = 0.01;
    static final double DEFAULT_MOMENTUM = 0.9;
    static final double DEFAULT_BETA1 = 0.9;
    static final double DEFAULT_BETA2 = 0.999;
    static final double DEFAULT_EPSILON = 1e-8;
    static final double DEFAULT_L2 = 0.0001;
    static final int DEFAULT_PATIENCE = 10;
    static final double DEFAULT_MIN_DELTA = 0.0001;
    static final int DEFAULT_STEP_SIZE = 10;
    static final double DEFAULT_STEP_GAMMA = 0.1;
    static final double DEFAULT_EXPONENTIAL_GAMMA = 0.95;
    static final double DEFAULT_PLATEAU_FACTOR = 0.1;

    private final MlpServiceProperties.Limits limits;

    TrainingRequestMapper(MlpServiceProperties.Limits limits) {
        this.limits = limits;
    }

    /**
     * The engine's view of a valid request.
     *
     * @param validation validation rows given apart (from {@code validationDatasetId}); null for a split
     */
    record Mapped(Dataset dataset, Dataset validation, TrainingConfig config) {
    }

    /** What a job reports of its configuration, its class weights named by the model's classes. */
    static Hyperparameters hyperparameters(TrainingConfig config, int batchSize, List<String> classes) {
        OptimizerSpec o = config.optimizer();
        io.mlpservice.engine.train.EarlyStopping e = config.earlyStopping();
        return new Hyperparameters(config.epochs(), batchSize, o.kind().name().toLowerCase(Locale.ROOT),
                shortest(o.learningRate()), shortest(o.momentum()), o.nesterov(), shortest(o.beta1()),
                shortest(o.beta2()), shortest(o.epsilon()), shortest(config.l2()),
                config.validationSplit(),
                e == null ? null : new EarlyStopping(e.patience(), e.minDelta()),
                config.standardize(), config.shuffle(), config.seed(), config.standardizeTargets(),
                schedule(config.schedule()), weightsByName(config.classWeights(), classes),
                config.gradientClipNorm() == 0f ? null : shortest(config.gradientClipNorm()));
    }

    private static Map<String, Double> weightsByName(float[] weights, List<String> classes) {
        if (weights == null) {
            return null;
        }
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int c = 0; c < weights.length; c++) {
            byName.put(c < classes.size() ? classes.get(c) : Integer.toString(c), shortest(weights[c]));
        }
        return byName;
    }

    /**
     * The weight of each class, in class order: balanced from the rows' labels, or as named (1 for
     * a class left out); null without weights. Faults are reported.
     */
    private static float[] classWeights(ModelRecord model, ClassWeightsRequest request, int[] labels,
                                        Violations violations) {
        if (request == null) {
            return null;
        }
        if (model.spec().task() != Task.CLASSIFICATION) {
            violations.add("classWeights", "classWeights are for a classifier; this model is a regression");
            return null;
        }
        List<String> classes = model.classes();
        float[] weights = new float[classes.size()];
        if (request.word() != null) {
            if (!request.balanced()) {
                violations.add("classWeights", "classWeights '" + request.word()
                        + "' is not \"balanced\" nor an object from class name to weight");
                return null;
            }
            if (labels == null) {
                return null;
            }
            int[] counts = new int[classes.size()];
            for (int label : labels) {
                counts[label]++;
            }
            for (int c = 0; c < weights.length; c++) {
                // a class with no rows weighs nothing: no row carries it anyway
                weights[c] = counts[c] == 0 ? 1f : (float) ((double) labels.length / (classes.size() * (double) counts[c]));
            }
            return weights;
        }
        java.util.Arrays.fill(weights, 1f);
        request.byName().forEach((name, weight) -> {
            int c = classes.indexOf(name);
            String field = "classWeights." + name;
            if (c < 0) {
                violations.add(field, field + ": '" + name + "' is not one of the model's classes: " + ClassLabel.describe(classes));
            } else if (!(weight >= 0) || !Double.isFinite(weight) || weight > Float.MAX_VALUE) {
                violations.add(field, field + " " + weight + " must be a finite number, at least 0");
            } else {
                weights[c] = weight.floatValue();
            }
        });
        return weights;
    }

    /** What a job reports of its schedule: the fields its type uses, the others null. */
    private static LearningRateScheduleRequest schedule(LearningRateSchedule s) {
        return switch (s.type()) {
            case CONSTANT -> new LearningRateScheduleRequest("constant", null, null, null, null, null, null);
            case STEP -> new LearningRateScheduleRequest("step", s.stepSize(), s.gamma(), null, null, null, null);
            case EXPONENTIAL -> new LearningRateScheduleRequest("exponential", null, s.gamma(), null, null, null, null);
            case COSINE -> new LearningRateScheduleRequest("cosine", null, null, s.minLearningRate(), s.warmupEpochs(),
                    null, null);
            case PLATEAU -> new LearningRateScheduleRequest("plateau", null, null, s.minLearningRate(), null,
                    s.factor(), s.patience());
        };
    }

    /** The engine's schedule of a request; a fault is reported and gives the constant schedule. */
    private static LearningRateSchedule schedule(LearningRateScheduleRequest r, Violations violations) {
        if (r == null) {
            return LearningRateSchedule.CONSTANT;
        }
        LearningRateSchedule.Type type = LearningRateSchedule.Type.CONSTANT;
        if (r.type() != null) {
            try {
                type = LearningRateSchedule.Type.parse(r.type());
            } catch (IllegalArgumentException unknown) {
                violations.add("learningRateSchedule.type", "learningRateSchedule.type '" + r.type()
                        + "' is not one of constant, step, exponential, cosine, plateau");
                return LearningRateSchedule.CONSTANT;
            }
        }
        double gamma = or(r.gamma(), type == LearningRateSchedule.Type.EXPONENTIAL ? DEFAULT_EXPONENTIAL_GAMMA
                : DEFAULT_STEP_GAMMA);
        return new LearningRateSchedule(type, r.stepSize() == null ? DEFAULT_STEP_SIZE : r.stepSize(), gamma,
                or(r.minLearningRate(), 0.0), r.warmupEpochs() == null ? 0 : r.warmupEpochs(),
                or(r.factor(), DEFAULT_PLATEAU_FACTOR), r.patience() == null ? DEFAULT_PATIENCE : r.patience());
    }

    /** The float the engine uses, written as its shortest decimal (0.01, not 0.009999999776482582). */
    private static double shortest(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    Mapped map(ModelRecord model, SubmitJob command) {
        return map(model, command, null, null);
    }

    /**
     * @param training   the rows of {@code command.datasetId()}, or null for rows sent inline
     * @param validation the rows of {@code command.validationDatasetId()}, or null
     */
    Mapped map(ModelRecord model, SubmitJob command, DatasetRows training, DatasetRows validation) {
        TrainingSettings settings = command.settings();
        Violations violations = new Violations();
        Dataset data;
        if (training != null) {
            if (command.features() != null || command.labels() != null || command.targets() != null) {
                violations.add("datasetId", "datasetId comes without features and labels or targets: the dataset "
                        + "holds the rows");
            }
            data = fromDataset("datasetId", command.datasetId(), training, model, violations);
        } else {
            data = inline(model, command, violations);
        }
        Dataset valid = validation == null ? null
                : fromDataset("validationDatasetId", command.validationDatasetId(), validation, model, violations);
        if (valid != null && settings.validationSplit() != null && settings.validationSplit() > 0) {
            violations.add("validationSplit", "validationSplit is " + settings.validationSplit()
                    + " while validationDatasetId gives the validation rows; send one or the other");
        }
        TrainingConfig config = config(model, settings, data == null ? null : data.labels(), violations);
        return new Mapped(data, valid, config);
    }

    private Dataset inline(ModelRecord model, SubmitJob command, Violations violations) {
        NumberMatrix features = command.features();
        if (features == null) {
            violations.add("features", "features is required (or datasetId, a stored dataset)");
            return null;
        }
        int rows = features.rows();
        if (rows == 0) {
            violations.add("features", "features has no rows; send at least one");
        }
        if (features.size() > limits.maxTrainingValues()) {
            violations.add("features", String.format("features holds %,d values; the limit is %,d "
                    + "(mlp.limits.max-training-values)", features.size(), limits.maxTrainingValues()));
        }
        features.checkWidth("features", model.spec().inputSize(), violations);
        if (model.spec().task() == Task.REGRESSION) {
            if (command.labels() != null) {
                violations.add("labels", "a regression takes targets, not labels");
            }
            float[] targets = targets(model, command.targets(), rows, violations);
            return violations.isEmpty()
                    ? Dataset.regression(features.values(), targets, model.spec().inputSize()) : null;
        }
        if (command.targets() != null) {
            violations.add("targets", "a classifier takes labels, not targets");
        }
        if (command.labels() == null) {
            violations.add("labels", "labels is required (or datasetId, a stored dataset)");
            return null;
        }
        int[] labels = labels(model, command.labels(), rows, violations);
        return violations.isEmpty() ? new Dataset(features.values(), labels, model.spec().inputSize()) : null;
    }

    /** A stored dataset's rows as the model reads them (its classes by the model's numbering), or null after a violation. */
    private Dataset fromDataset(String field, String id, DatasetRows rows, ModelRecord model, Violations violations) {
        boolean regression = model.spec().task() == Task.REGRESSION;
        if (rows.isRegression() != regression) {
            violations.add(field, field + " '" + id + "' holds " + (rows.isRegression()
                    ? "regression targets (" + String.join(", ", rows.targetNames()) + ")" : "class labels")
                    + "; model '" + model.id() + "' is a " + (regression ? "regression" : "classifier"));
            return null;
        }
        boolean fits = true;
        if (rows.columns() != model.spec().inputSize()) {
            violations.add(field, field + " '" + id + "' has " + rows.columns() + " feature columns; the model expects "
                    + model.spec().inputSize());
            fits = false;
        }
        if ((long) rows.rows() * rows.columns() > limits.maxTrainingValues()) {
            violations.add(field, String.format("%s '%s' holds %,d values; the limit is %,d "
                    + "(mlp.limits.max-training-values)", field, id, (long) rows.rows() * rows.columns(),
                    limits.maxTrainingValues()));
            fits = false;
        }
        if (regression) {
            if (rows.targetNames().size() != model.spec().outputSize()) {
                violations.add(field, field + " '" + id + "' has " + rows.targetNames().size()
                        + " target columns; the model gives " + model.spec().outputSize());
                return null;
            }
            return fits ? Dataset.regression(rows.features(), rows.targets(), rows.columns()) : null;
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int c = 0; c < model.classes().size(); c++) {
            byName.put(model.classes().get(c), c);
        }
        for (String label : rows.classes()) {
            if (!byName.containsKey(label)) {
                violations.add(field, field + " " + Excerpt.quoted(id) + " has class " + Excerpt.quoted(label)
                        + ", which is not one of the "
                        + "model's classes: " + ClassLabel.describe(model.classes()));
                fits = false;
            }
        }
        if (!fits) {
            return null;
        }
        int[] labels = new int[rows.rows()];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = byName.get(rows.labels()[r]);
        }
        return new Dataset(rows.features(), labels, rows.columns());
    }

    /** @param labels the training rows' classes, for balanced class weights; null for a regression or after a fault */
    private TrainingConfig config(ModelRecord model, TrainingSettings settings, int[] labels, Violations violations) {
        boolean regression = model.spec().task() == Task.REGRESSION;
        if (settings.epochs() > limits.maxEpochs()) {
            violations.add("epochs", "epochs " + settings.epochs() + " is over the limit of "
                    + limits.maxEpochs() + " (mlp.limits.max-epochs)");
        }
        OptimizerSpec.Kind kind = optimizer(settings.optimizer(), violations);
        double defaultRate = kind == OptimizerSpec.Kind.ADAM ? DEFAULT_ADAM_LEARNING_RATE : DEFAULT_SGD_LEARNING_RATE;
        float learningRate = toFloat("learningRate", or(settings.learningRate(), defaultRate), violations);
        float epsilon = toFloat("epsilon", or(settings.epsilon(), DEFAULT_EPSILON), violations);
        float l2 = toFloat("l2", or(settings.l2(), DEFAULT_L2), violations);
        LearningRateSchedule schedule = schedule(settings.learningRateSchedule(), violations);
        float[] classWeights = classWeights(model, settings.classWeights(), labels, violations);
        float clip = settings.gradientClipNorm() == null ? 0f
                : toFloat("gradientClipNorm", settings.gradientClipNorm(), violations);
        violations.throwIfAny();

        OptimizerSpec optimizer = new OptimizerSpec(kind, learningRate,
                (float) or(settings.momentum(), DEFAULT_MOMENTUM), Boolean.TRUE.equals(settings.nesterov()),
                (float) or(settings.beta1(), DEFAULT_BETA1), (float) or(settings.beta2(), DEFAULT_BETA2), epsilon);
        EarlyStopping stopping = settings.earlyStopping();
        var earlyStopping = stopping == null ? null : new io.mlpservice.engine.train.EarlyStopping(
                stopping.patience() == null ? DEFAULT_PATIENCE : stopping.patience(),
                or(stopping.minDelta(), DEFAULT_MIN_DELTA));
        return new TrainingConfig(settings.epochs(),
                settings.batchSize() == null ? 0 : settings.batchSize(), optimizer, l2,
                or(settings.validationSplit(), 0.0), earlyStopping,
                !Boolean.FALSE.equals(settings.standardize()), !Boolean.FALSE.equals(settings.shuffle()),
                settings.seed() != null ? settings.seed() : model.seed(),
                regression && !Boolean.FALSE.equals(settings.standardizeTargets()), schedule, classWeights, clip);
    }

    /** A regression's targets: as many rows as features, each of the model's {@code outputSize} values. */
    private static float[] targets(ModelRecord model, TargetRows targets, int rows, Violations violations) {
        if (targets == null) {
            violations.add("targets", "targets is required for a regression");
            return null;
        }
        if (targets.rows() != rows) {
            violations.add("targets", "targets has " + targets.rows() + (targets.rows() == 1 ? " row" : " rows")
                    + "; features has " + rows + (rows == 1 ? " row" : " rows"));
        }
        int outputs = model.spec().outputSize();
        for (int r = 0; r < targets.rows() && !violations.isFull(); r++) {
            if (targets.rowLength(r) != outputs) {
                violations.add("targets[" + r + "]", "targets[" + r + "] has " + targets.rowLength(r)
                        + (targets.rowLength(r) == 1 ? " value" : " values") + "; the model gives " + outputs);
            }
        }
        return targets.values();
    }

    private static int[] labels(ModelRecord model, List<ClassLabel> labels, int rows, Violations violations) {
        List<String> classes = model.classes();
        if (labels.size() != rows) {
            violations.add("labels", "labels has " + labels.size() + (labels.size() == 1 ? " entry" : " entries")
                    + "; features has " + rows + (rows == 1 ? " row" : " rows"));
        }
        return ClassLabel.indices(classes, labels, null, "labels", violations);
    }

    private static OptimizerSpec.Kind optimizer(String name, Violations violations) {
        if (name == null) {
            return OptimizerSpec.Kind.ADAM;
        }
        // named exactly as the API writes it: case counts here as in every other enumerated value
        for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(name)) {
                return kind;
            }
        }
        violations.add("optimizer", "optimizer " + Excerpt.quoted(name) + " is not one of sgd, momentum, adam");
        return OptimizerSpec.Kind.ADAM;
    }

    /** A positive double that must survive the conversion to float32 without becoming 0 or infinite. */
    private static float toFloat(String field, double value, Violations violations) {
        float f = (float) value;
        if (value != 0 && (f == 0f || Float.isInfinite(f))) {
            violations.add(field, field + " " + value + " is outside the float32 range the engine computes in");
        }
        return f;
    }

    private static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }
}
