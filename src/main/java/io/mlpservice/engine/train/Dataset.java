package io.mlpservice.engine.train;

/**
 * Labelled rows for training: features row-major and one class index per row. The arrays are
 * not copied; the trainer reads them and never writes to them.
 *
 * @param features (rows, columns) row-major
 * @param labels   class index of each row, in {@code [0, classes)}
 * @param columns  features per row
 */
public record Dataset(float[] features, int[] labels, int columns) {

    public Dataset {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, was " + columns);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("the dataset has no rows");
        }
        if ((long) labels.length * columns != features.length) {
            throw new IllegalArgumentException("features hold " + features.length + " values; "
                    + labels.length + " rows of " + columns + " need " + (long) labels.length * columns);
        }
    }

    public int rows() {
        return labels.length;
    }
}
