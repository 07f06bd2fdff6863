package io.mlpservice.dataset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The numbers of a dataset: its feature rows and, per row, either a class label (classification)
 * or target values (regression). Arrays are shared, not copied: treat them as read-only.
 *
 * @param featureNames one name per feature column, in column order
 * @param rows         rows in the dataset, at least 1
 * @param features     rows × featureNames.size() float32 values, row-major
 * @param labels       the class name of each row; null for a regression dataset
 * @param targetNames  one name per target column; empty for a classification dataset
 * @param targets      rows × targetNames.size() float32 values, row-major; null for a classification dataset
 */
public record DatasetRows(List<String> featureNames, int rows, float[] features, String[] labels,
                          List<String> targetNames, float[] targets) {

    public DatasetRows {
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        Objects.requireNonNull(features, "features");
        if ((labels == null) == (targets == null)) {
            throw new IllegalArgumentException("a dataset has labels or targets, exactly one of them");
        }
        if (features.length != (long) rows * featureNames.size()) {
            throw new IllegalArgumentException(features.length + " feature values for " + rows + " rows of "
                    + featureNames.size() + " features");
        }
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
        }
        if (targets != null && targets.length != (long) rows * targetNames.size()) {
            throw new IllegalArgumentException(targets.length + " target values for " + rows + " rows of "
                    + targetNames.size() + " targets");
        }
    }

    /** Feature columns. */
    public int columns() {
        return featureNames.size();
    }

    public boolean isRegression() {
        return targets != null;
    }

    /** The distinct labels in order of first appearance; empty for a regression dataset. */
    public List<String> classes() {
        return labels == null ? List.of() : List.copyOf(new LinkedHashSet<>(List.of(labels)));
    }

    /** The targets as one array per row, widened to double (a copy); null for a classification dataset. */
    public double[][] targetRows() {
        if (targets == null) {
            return null;
        }
        int width = targetNames.size();
        double[][] out = new double[rows][width];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < width; t++) {
                out[r][t] = targets[r * width + t];
            }
        }
        return out;
    }

    /** Names {@code x0, x1, ...} for features sent without names. */
    static List<String> defaultNames(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }
}
