package io.mlpservice.insight;

import java.util.Arrays;

/** A score a feature importance measures the loss of, with the task it applies to. */
enum Metric {

    ACCURACY("accuracy", true, Task.CLASSIFICATION),
    LOG_LOSS("logLoss", false, Task.CLASSIFICATION),
    R2("r2", true, Task.REGRESSION),
    MSE("mse", false, Task.REGRESSION);

    private final String wireName;
    private final boolean higherIsBetter;
    private final Task task;

    Metric(String wireName, boolean higherIsBetter, Task task) {
        this.wireName = wireName;
        this.higherIsBetter = higherIsBetter;
        this.task = task;
    }

    String wireName() {
        return wireName;
    }

    Task task() {
        return task;
    }

    /** How much worse {@code score} is than {@code baseline}: positive when the score got worse. */
    double decrease(double baseline, double score) {
        return higherIsBetter ? baseline - score : score - baseline;
    }

    /** The default of a task: accuracy for a classifier, r2 for a regression (scikit-learn's {@code score}). */
    static Metric defaultFor(Task task) {
        return task == Task.CLASSIFICATION ? ACCURACY : R2;
    }

    /** @return null when no metric of the task has that name */
    static Metric parse(String name, Task task) {
        return Arrays.stream(values()).filter(m -> m.task == task && m.wireName.equalsIgnoreCase(name.strip()))
                .findFirst().orElse(null);
    }

    static String names(Task task) {
        return String.join(", ", Arrays.stream(values()).filter(m -> m.task == task).map(Metric::wireName).toList());
    }
}
