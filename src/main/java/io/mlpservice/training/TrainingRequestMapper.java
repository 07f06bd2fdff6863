package io.mlpservice.training;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.error.Excerpt;
import io.mlpservice.error.Violations;
import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import java.util.HashMap;
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

    private final MlpServiceProperties.Limits limits;

    TrainingRequestMapper(MlpServiceProperties.Limits limits) {
        this.limits = limits;
    }

    /** The engine's view of a valid settings. */
    record Mapped(Dataset dataset, TrainingConfig config) {
    }

    /** What a job reports of its configuration. */
    static Hyperparameters hyperparameters(TrainingConfig config, int batchSize) {
        OptimizerSpec o = config.optimizer();
        io.mlpservice.engine.train.EarlyStopping e = config.earlyStopping();
        return new Hyperparameters(config.epochs(), batchSize, o.kind().name().toLowerCase(Locale.ROOT),
                shortest(o.learningRate()), shortest(o.momentum()), o.nesterov(), shortest(o.beta1()),
                shortest(o.beta2()), shortest(o.epsilon()), shortest(config.l2()),
                config.validationSplit(),
                e == null ? null : new EarlyStopping(e.patience(), e.minDelta()),
                config.standardize(), config.shuffle(), config.seed());
    }

    /** The float the engine uses, written as its shortest decimal (0.01, not 0.009999999776482582). */
    private static double shortest(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    Mapped map(ModelRecord model, SubmitJob command) {
        TrainingSettings settings = command.settings();
        Violations violations = new Violations();
        NumberMatrix features = command.features();
        int rows = features.rows();
        if (rows == 0) {
            violations.add("features", "features has no rows; send at least one");
        }
        if (features.size() > limits.maxTrainingValues()) {
            violations.add("features", String.format("features holds %,d values; the limit is %,d "
                    + "(mlp.limits.max-training-values)", features.size(), limits.maxTrainingValues()));
        }
        features.checkWidth("features", model.spec().inputSize(), violations);
        int[] labels = labels(model, command.labels(), rows, violations);
        if (settings.epochs() > limits.maxEpochs()) {
            violations.add("epochs", "epochs " + settings.epochs() + " is over the limit of "
                    + limits.maxEpochs() + " (mlp.limits.max-epochs)");
        }
        OptimizerSpec.Kind kind = optimizer(settings.optimizer(), violations);
        double defaultRate = kind == OptimizerSpec.Kind.ADAM ? DEFAULT_ADAM_LEARNING_RATE : DEFAULT_SGD_LEARNING_RATE;
        float learningRate = toFloat("learningRate", or(settings.learningRate(), defaultRate), violations);
        float epsilon = toFloat("epsilon", or(settings.epsilon(), DEFAULT_EPSILON), violations);
        float l2 = toFloat("l2", or(settings.l2(), DEFAULT_L2), violations);
        violations.throwIfAny();

        OptimizerSpec optimizer = new OptimizerSpec(kind, learningRate,
                (float) or(settings.momentum(), DEFAULT_MOMENTUM), Boolean.TRUE.equals(settings.nesterov()),
                (float) or(settings.beta1(), DEFAULT_BETA1), (float) or(settings.beta2(), DEFAULT_BETA2), epsilon);
        EarlyStopping stopping = settings.earlyStopping();
        var earlyStopping = stopping == null ? null : new io.mlpservice.engine.train.EarlyStopping(
                stopping.patience() == null ? DEFAULT_PATIENCE : stopping.patience(),
                or(stopping.minDelta(), DEFAULT_MIN_DELTA));
        TrainingConfig config = new TrainingConfig(settings.epochs(),
                settings.batchSize() == null ? 0 : settings.batchSize(), optimizer, l2,
                or(settings.validationSplit(), 0.0), earlyStopping,
                !Boolean.FALSE.equals(settings.standardize()), !Boolean.FALSE.equals(settings.shuffle()),
                settings.seed() != null ? settings.seed() : model.seed());
        return new Mapped(new Dataset(features.values(), labels, model.spec().inputSize()), config);
    }

    private static int[] labels(ModelRecord model, List<ClassLabel> labels, int rows, Violations violations) {
        List<String> classes = model.classes();
        if (labels.size() != rows) {
            violations.add("labels", "labels has " + labels.size() + (labels.size() == 1 ? " entry" : " entries")
                    + "; features has " + rows + (rows == 1 ? " row" : " rows"));
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            byName.put(classes.get(c), c);
        }
        int[] indices = new int[labels.size()];
        for (int i = 0; i < labels.size() && !violations.isFull(); i++) {
            ClassLabel label = labels.get(i);
            String field = "labels[" + i + "]";
            if (label == null) {
                violations.add(field, field + " must not be null");
            } else if (label.name() != null) {
                Integer index = byName.get(label.name());
                if (index == null) {
                    violations.add(field, field + " " + Excerpt.quoted(label.name())
                            + " is not one of the model's classes: "
                            + describe(classes));
                } else {
                    indices[i] = index;
                }
            } else if (label.index() < 0 || label.index() >= classes.size()) {
                violations.add(field, field + " " + label.index() + " is outside the class indices 0.."
                        + (classes.size() - 1));
            } else {
                indices[i] = (int) label.index();
            }
        }
        return indices;
    }

    private static String describe(List<String> classes) {
        int shown = Math.min(classes.size(), 10);
        String list = String.join(", ", classes.subList(0, shown));
        return classes.size() > shown ? list + " and " + (classes.size() - shown) + " more" : list;
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
