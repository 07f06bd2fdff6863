package io.mlpservice.engine.train;

/**
 * Rows for training: features row-major and, per row, a class index (classification) or
 * {@code outputs} target values (regression). The arrays are not copied; the trainer reads them
 * and never writes to them.
 *
 * @param features (rows, columns) row-major
 * @param labels   class index of each row, in {@code [0, classes)}; null for a regression
 * @param targets  (rows, outputs) row-major target values; null for a classification
 * @param columns  features per row
 */
public record Dataset(float[] features, int[] labels, float[] targets, int columns) {

    public Dataset {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, was " + columns);
        }
        if ((labels == null) == (targets == null)) {
            throw new IllegalArgumentException("a dataset has labels or targets, one of the two");
        }
        if (labels != null && labels.length == 0 || features.length == 0) {
            throw new IllegalArgumentException("the dataset has no rows");
        }
        if (labels != null && (long) labels.length * columns != features.length) {
            throw new IllegalArgumentException("features hold " + features.length + " values; "
                    + labels.length + " rows of " + columns + " need " + (long) labels.length * columns);
        }
        if (features.length % columns != 0) {
            throw new IllegalArgumentException("features hold " + features.length
                    + " values, not a whole number of rows of " + columns);
        }
        int rows = features.length / columns;
        if (targets != null && (targets.length == 0 || targets.length % rows != 0)) {
            throw new IllegalArgumentException("targets hold " + targets.length
                    + " values, not the same whole number for each of the " + rows + " rows");
        }
    }

    /** Labelled rows for a classifier. */
    public Dataset(float[] features, int[] labels, int columns) {
        this(features, labels, null, columns);
    }

    /** Rows with target values for a regression: {@code targets} is (rows, outputs). */
    public static Dataset regression(float[] features, float[] targets, int columns) {
        return new Dataset(features, null, targets, columns);
    }

    public int rows() {
        return features.length / columns;
    }

    /** Whether the rows carry target values rather than labels. */
    public boolean isRegression() {
        return targets != null;
    }

    /** Target values per row; 0 for a classification. */
    public int outputs() {
        return targets == null ? 0 : targets.length / rows();
    }
}
