package io.mlpservice.training;

/**
 * The hyperparameters a client chose for a job, and whether it goes on from the serving version
 * ({@code warmStart}); a null field takes its default (see the README's table, scikit-learn's
 * defaults where it has one).
 */
public record TrainingSettings(Integer epochs, Double learningRate, Integer batchSize, String optimizer,
                               Double momentum, Boolean nesterov, Double beta1, Double beta2, Double epsilon,
                               Double l2, Double validationSplit, EarlyStopping earlyStopping, Boolean standardize,
                               Boolean shuffle, Long seed, Boolean standardizeTargets,
                               LearningRateScheduleRequest learningRateSchedule, ClassWeightsRequest classWeights,
                               Double gradientClipNorm, Boolean warmStart) {
}
