package io.mlpservice.insight;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.error.Excerpt;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelWeights;
import org.springframework.stereotype.Service;

/**
 * Evaluations and permutation feature importance of a model version, on a stored dataset or on
 * rows sent with their answers. Neither counts as predictions: they leave the prediction meters
 * and the drift statistics alone.
 */
@Service
class InsightService {

    private final ModelWeights weights;
    private final ExamplesReader reader;
    private final long maxValues;

    InsightService(ModelWeights weights, ExamplesReader reader, MlpServiceProperties properties) {
        this.weights = weights;
        this.reader = reader;
        this.maxValues = properties.limits().maxTrainingValues();
    }

    EvaluationResponse evaluate(String modelId, Integer version, EvaluationData data) {
        ModelWeights.Resolved resolved = weights.resolve(modelId, version);
        ModelRecord model = resolved.model();
        Task task = Task.of(model);
        Examples examples = reader.read(model, task, data);
        ModelScoring scoring = new ModelScoring(task, task.forward(resolved.network()), model.spec().outputSize(),
                examples.rows());
        int number = resolved.version().version();
        return switch (task) {
            case CLASSIFICATION -> EvaluationResponse.classification(number, model.classes(),
                    scoring.classify(examples, examples.x()));
            case REGRESSION -> EvaluationResponse.regression(number, scoring.regress(examples, examples.x()));
        };
    }

    /**
     * @param repeats null for {@link ImportanceRequest#DEFAULT_REPEATS}
     * @param seed    null for the model's seed
     * @param metric  null for the task's default
     */
    ImportanceResponse importance(String modelId, Integer version, EvaluationData data, Integer repeats, Long seed,
                                  String metric) {
        ModelWeights.Resolved resolved = weights.resolve(modelId, version);
        ModelRecord model = resolved.model();
        Task task = Task.of(model);
        Metric chosen = metric == null ? Metric.defaultFor(task) : Metric.parse(metric, task);
        if (chosen == null) {
            throw new InvalidInputException("metric", "metric " + Excerpt.quoted(metric) + " is not one of "
                    + Metric.names(task)
                    + " for this model");
        }
        Examples examples = reader.read(model, task, data);
        int shuffles = repeats == null ? ImportanceRequest.DEFAULT_REPEATS : repeats;
        long work = (long) examples.rows() * examples.width() * shuffles;
        if (work > maxValues) {
            throw new InvalidInputException("repeats", String.format("rows × features × repeats = %,d × %,d × %,d = "
                    + "%,d rows to predict; the limit is %,d (mlp.limits.max-training-values): send fewer rows or "
                    + "repeats", examples.rows(), examples.width(), shuffles, work, maxValues));
        }
        if (chosen == Metric.R2 && examples.rows() < 2) {
            throw new InvalidInputException("features", "r2 needs at least 2 rows; send more, or metric mse");
        }
        long usedSeed = seed != null ? seed : model.seed();
        ModelScoring scoring = new ModelScoring(task, task.forward(resolved.network()), model.spec().outputSize(),
                examples.rows());
        PermutationImportance.Result result = PermutationImportance.run(scoring, examples, chosen, shuffles, usedSeed);
        return new ImportanceResponse(resolved.version().version(), examples.rows(), chosen.wireName(),
                result.baseline(), shuffles, usedSeed, result.features().stream()
                .map(f -> new ImportanceResponse.Feature(f.feature(), f.index(), f.meanDecrease(), f.std())).toList());
    }
}
