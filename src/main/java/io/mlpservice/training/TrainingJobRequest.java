package io.mlpservice.training;

import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * The body of {@code POST /api/v1/models/{id}/training-jobs}: the data and the hyperparameters.
 * The rows come inline ({@code features} with {@code labels} for a classifier or
 * {@code targets} for a regression) or from a stored dataset ({@code datasetId}); only they and
 * {@code epochs} are required; the defaults are those of scikit-learn's MLPClassifier and
 * MLPRegressor where they have one.
 */
@Schema(description = "Training data and hyperparameters. Only `features` with `labels` (a classifier) or `targets` "
        + "(a regression), or `datasetId`, and `epochs` are required.")
public record TrainingJobRequest(
        @Schema(description = "Training rows, each with the model's `inputSize` finite numbers. Required unless "
                + "`datasetId` is given.", example = EXAMPLE_FEATURES)
        NumberMatrix features,

        @Schema(description = "A classifier's class of each row, as a class name or a class index; as many as "
                + "there are rows. Required with `features` for a classifier, refused for a regression.",
                example = EXAMPLE_LABELS)
        List<ClassLabel> labels,

        @Schema(description = "A regression's target of each row: one number a row (`[1.2, 0.7, 3.4]`), or a row "
                + "of `outputSize` numbers (`[[1.2, 0.1], [0.7, 0.3]]`); as many as there are rows. Required for a "
                + "regression, refused for a classifier (so the example body, a classifier's, leaves it out).")
        TargetRows targets,

        @Schema(description = "Passes over the training rows; with early stopping, the most that may run.",
                example = "200", requiredMode = RequiredMode.REQUIRED)
        @NotNull(message = "is required") @Min(1)
        Integer epochs,

        @Schema(description = "Step size. Default: 0.001 for `adam`, 0.01 for `sgd` and `momentum`.", example = "0.01")
        @Positive
        Double learningRate,

        @Schema(description = "Rows per mini-batch. Default: min(200, training rows). A value at least the number "
                + "of training rows gives full-batch gradient descent.", example = "4")
        @Min(1)
        Integer batchSize,

        @Schema(description = "Update rule. Default: `adam`.", allowableValues = {"sgd", "momentum", "adam"},
                example = "adam")
        String optimizer,

        @Schema(description = "Momentum factor of `momentum`. Default: 0.9.", example = "0.9")
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        Double momentum,

        @Schema(description = "Nesterov's look-ahead for `momentum`. Default: false.", example = "false")
        Boolean nesterov,

        @Schema(description = "Decay of Adam's first moment. Default: 0.9.", example = "0.9")
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        Double beta1,

        @Schema(description = "Decay of Adam's second moment. Default: 0.999.", example = "0.999")
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        Double beta2,

        @Schema(description = "Adam's epsilon. Default: 1e-8.", example = "1e-8")
        @Positive
        Double epsilon,

        @Schema(description = "L2 penalty on the weights (not the biases): the loss adds l2/2·Σw². Default: 0.0001.",
                example = "0.0001")
        @PositiveOrZero
        Double l2,

        @Schema(description = "Fraction of the rows held out (per class, at random) to measure validation loss and "
                + "accuracy; in [0, 1). Default: 0.", example = "0.2")
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        Double validationSplit,

        @Schema(description = "Stop when the validation loss (the training loss without a split) has not improved "
                + "by more than `minDelta` for `patience` epochs, and keep the best epoch's weights. Default: off.")
        @Valid
        EarlyStopping earlyStopping,

        @Schema(description = "Standardise each feature with the mean and deviation of the training rows; the model "
                + "keeps them and applies them to every prediction. Default: true.", example = "true")
        Boolean standardize,

        @Schema(description = "Visit the rows in a new random order every epoch. Default: true.", example = "true")
        Boolean shuffle,

        @Schema(description = "Seeds the epoch order and the validation split. Default: the model's seed. "
                + "The same seed, data and hyperparameters give bit-identical weights.", example = "7")
        Long seed,

        @Schema(description = "A regression trains on targets standardised with the mean and deviation of the "
                + "training rows' targets; the model keeps them and answers in the targets' units. Ignored by a "
                + "classifier. Default: true.", example = "true")
        Boolean standardizeTargets,

        @Schema(description = "How the learning rate changes from epoch to epoch. Default: constant.")
        @Valid
        LearningRateScheduleRequest learningRateSchedule,

        @Schema(description = "A classifier's weight of each class in the training loss and its gradient: "
                + "`\"balanced\"` (rows / (classes × rows of the class), as scikit-learn's) or an object from class "
                + "name to weight, a class left out weighing 1. The job reports the weights it resolved. Refused for "
                + "a regression. Default: every class weighs 1.", example = "balanced")
        ClassWeightsRequest classWeights,

        @Schema(description = "Clip each mini-batch's gradient (the L2 term included) to this global L2 norm when it "
                + "is longer. Default: no clipping.", example = "5.0")
        @Positive
        Double gradientClipNorm,


        @Schema(description = "Train on a stored dataset (`POST /api/v1/datasets`) instead of `features` and "
                + "`labels` or `targets`; its feature columns must match the model's inputs, and its classes be among "
                + "the model's (or its target columns as many as the model's outputs).")
        String datasetId,

        @Schema(description = "Measure validation loss and accuracy on this stored dataset instead of a "
                + "`validationSplit`; every row of the training data then trains.")
        String validationDatasetId,

        @Schema(description = "Go on from the model's serving version instead of the seeded initial weights: its "
                + "weights, its standardisation (kept, not fitted again on these rows; `standardize` and "
                + "`standardizeTargets` then play no part) and the optimizer's moments and step saved with it; the "
                + "epochs are numbered on after the version's, and `epochs` more run. Two jobs of 50 epochs, the "
                + "second warm-started, end bit-identical to one job of 100 with the same seed, data and "
                + "hyperparameters (without a learning-rate schedule or early stopping, which count from each "
                + "job's first epoch). The `optimizer` must be the one the version was trained with (400 "
                + "otherwise); a version made by an import has no saved state and goes on with a fresh optimizer, "
                + "its epochs numbered from 1. On a model with no trained version the job starts from the seeded "
                + "initial weights. Default: false.", defaultValue = "false", example = "true")
        Boolean warmStart) {

    /** Fifteen iris flowers, five of each species: the examples of the OpenAPI document. */
    static final String EXAMPLE_FEATURES = "[[5.1, 3.5, 1.4, 0.2], [4.9, 3.0, 1.4, 0.2], [4.7, 3.2, 1.3, 0.2], "
            + "[4.6, 3.1, 1.5, 0.2], [5.0, 3.6, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4], [6.4, 3.2, 4.5, 1.5], "
            + "[6.9, 3.1, 4.9, 1.5], [5.5, 2.3, 4.0, 1.3], [6.5, 2.8, 4.6, 1.5], [6.3, 3.3, 6.0, 2.5], "
            + "[5.8, 2.7, 5.1, 1.9], [7.1, 3.0, 5.9, 2.1], [6.3, 2.9, 5.6, 1.8], [6.5, 3.0, 5.8, 2.2]]";
    static final String EXAMPLE_LABELS = "[\"setosa\", \"setosa\", \"setosa\", \"setosa\", \"setosa\", "
            + "\"versicolor\", \"versicolor\", \"versicolor\", \"versicolor\", \"versicolor\", "
            + "\"virginica\", \"virginica\", \"virginica\", \"virginica\", \"virginica\"]";

    SubmitJob toCommand(String modelId) {
        return new SubmitJob(modelId, features, labels, targets, new TrainingSettings(epochs, learningRate, batchSize,
                optimizer, momentum, nesterov, beta1, beta2, epsilon, l2, validationSplit, earlyStopping, standardize,
                shuffle, seed, standardizeTargets, learningRateSchedule, classWeights, gradientClipNorm, warmStart),
                datasetId, validationDatasetId);
    }
}
