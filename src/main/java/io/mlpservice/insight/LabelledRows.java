package io.mlpservice.insight;

import io.mlpservice.web.ClassLabel;
import java.util.List;

/**
 * Rows with their true answers, as a stored dataset gives them to an evaluation or a feature
 * importance: a classifier's rows carry labels, a regression's carry targets.
 *
 * @param features     (rows, width) row-major
 * @param featureNames one per column, or null when the columns have no names
 * @param labels       the class of each row (a name or an index), or null for a regression dataset
 * @param targets      (rows, targetWidth) row-major, or null for a classification dataset
 */
public record LabelledRows(float[] features, int rows, int width, List<String> featureNames,
                           List<ClassLabel> labels, float[] targets, int targetWidth) {
}
