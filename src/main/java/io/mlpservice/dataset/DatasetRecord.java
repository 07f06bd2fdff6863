package io.mlpservice.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored dataset's description, as the {@code datasets} table keeps it; its numbers are in a
 * {@code dataset-data} blob under the same id.
 *
 * @param labelColumn   the CSV column the labels came from; null for JSON uploads and regression datasets
 * @param targetColumns the target columns of a regression dataset; empty for a classification dataset
 * @param classes       the distinct labels in order of first appearance; empty for a regression dataset
 * @param sizeBytes     bytes the numbers take in memory and on disk (4 per feature value, label or target)
 */
public record DatasetRecord(String id, String name, int rows, List<String> featureNames, String labelColumn,
                            List<String> targetColumns, List<String> classes, Instant createdAt, long sizeBytes) {

    public DatasetRecord {
        Objects.requireNonNull(id, "id");
        featureNames = List.copyOf(featureNames);
        targetColumns = targetColumns == null ? List.of() : List.copyOf(targetColumns);
        classes = classes == null ? List.of() : List.copyOf(classes);
    }

    public boolean isRegression() {
        return !targetColumns.isEmpty();
    }
}
