package io.mlpservice.insight;

import java.util.List;

/**
 * Rows checked against a model, with their true answers in the model's terms: class indices for a
 * classifier, target values for a regression.
 *
 * @param x            (rows, width) row-major
 * @param featureNames one per column
 * @param classes      the true class index of each row, or null for a regression
 * @param targets      (rows, outputs) row-major, or null for a classifier
 */
record Examples(float[] x, int rows, int width, List<String> featureNames, int[] classes, float[] targets) {
}
