package io.mlpservice.engine;

import java.util.Locale;

/**
 * What a network's output layer answers. A classifier ends in a softmax over its classes and
 * trains on the cross-entropy; a regression ends in the identity and trains on half the mean
 * squared error, its targets standardised (see {@link Network#targetStandardizer}).
 */
public enum Task {

    /** Softmax output over at least 2 classes, cross-entropy loss, accuracy as the metric. */
    CLASSIFICATION,

    /** Identity output of at least 1 value, half the mean squared error, R² as the metric. */
    REGRESSION;

    /** The name clients write: {@code "regression"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a name case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static Task parse(String name) {
        for (Task t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; expected classification or regression");
    }
}
