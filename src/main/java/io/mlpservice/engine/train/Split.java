package io.mlpservice.engine.train;

import java.util.SplittableRandom;

/**
 * Training and validation rows after the hold-out. For a classification the validation rows are
 * drawn per class in proportion ({@code round(fraction · rows of the class)}, but never the
 * class's last row), in a seeded random order, so that every class is represented on both sides
 * as far as its size allows and none is missing from training. For a regression they are the
 * first {@code round(fraction · rows)} rows (at most all but one) of a seeded random order. Rows
 * given apart by the caller ({@link #given}) are taken as they are, in their order.
 *
 * @param trainY  labels of the training rows; for a regression, an empty array
 * @param trainT  (trainRows, outputs) targets of a regression; null for a classification
 * @param outputs target values per row; 0 for a classification
 */
record Split(float[] trainX, int[] trainY, float[] trainT, float[] validX, int[] validY, float[] validT,
             int columns, int outputs, int trainRows, int validRows) {

    boolean isRegression() {
        return trainT != null;
    }

    /**
     * Training and validation rows that the caller chose apart: no row moves from one side to the
     * other, and both keep their order, so that the same rows give the bits a hold-out of exactly
     * those rows gives.
     *
     * @param copy whether the rows must be copies (the caller will standardise them in place)
     * @throws IllegalArgumentException when the two sides have different widths
     */
    static Split given(Dataset training, Dataset validation, boolean copy) {
        if (training.columns() != validation.columns()) {
            throw new IllegalArgumentException("the validation rows have " + validation.columns()
                    + " features; the training rows have " + training.columns());
        }
        if (training.isRegression() != validation.isRegression()
                || training.isRegression() && training.outputs() != validation.outputs()) {
            throw new IllegalArgumentException("the validation rows' answers ("
                    + (validation.isRegression() ? validation.outputs() + " targets" : "labels")
                    + ") are not of the training rows' kind ("
                    + (training.isRegression() ? training.outputs() + " targets" : "labels") + ")");
        }
        float[] trainX = copy ? training.features().clone() : training.features();
        float[] validX = copy ? validation.features().clone() : validation.features();
        if (training.isRegression()) {
            // the targets are always copied: the trainer standardises them in place
            return new Split(trainX, new int[0], training.targets().clone(), validX, new int[0],
                    validation.targets().clone(), training.columns(), training.outputs(), training.rows(),
                    validation.rows());
        }
        return classification(trainX, copy ? training.labels().clone() : training.labels(), validX,
                copy ? validation.labels().clone() : validation.labels(), training.columns());
    }


    /**
     * @param copy whether the training rows must be a copy even without a hold-out (the caller
     *             will standardise them in place)
     */
    static Split of(Dataset data, double fraction, boolean copy, SplittableRandom random) {
        if (data.isRegression()) {
            return regression(data, fraction, copy, random);
        }
        int rows = data.rows();
        int columns = data.columns();
        if (fraction == 0) {
            float[] x = copy ? data.features().clone() : data.features();
            int[] y = copy ? data.labels().clone() : data.labels();
            return classification(x, y, new float[0], new int[0], columns);
        }
        int[] labels = data.labels();
        int classes = 0;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        int[] perClass = new int[classes];
        for (int label : labels) {
            perClass[label]++;
        }
        int validRows = 0;
        for (int c = 0; c < classes; c++) {
            // at least one row of each class stays on the training side
            perClass[c] = (int) Math.min(Math.round(fraction * perClass[c]), Math.max(0, perClass[c] - 1));
            validRows += perClass[c];
        }
        if (validRows == 0) {
            throw new IllegalArgumentException("validationSplit " + fraction + " holds out no rows of "
                    + rows + "; use a larger split or more rows");
        }
        int[] order = new EpochOrder(rows, random).next();
        float[] trainX = new float[(rows - validRows) * columns];
        int[] trainY = new int[rows - validRows];
        float[] validX = new float[validRows * columns];
        int[] validY = new int[validRows];
        int t = 0;
        int v = 0;
        for (int row : order) {
            int label = labels[row];
            if (perClass[label] > 0) {
                perClass[label]--;
                System.arraycopy(data.features(), row * columns, validX, v * columns, columns);
                validY[v++] = label;
            } else {
                System.arraycopy(data.features(), row * columns, trainX, t * columns, columns);
                trainY[t++] = label;
            }
        }
        return classification(trainX, trainY, validX, validY, columns);
    }

    private static Split classification(float[] trainX, int[] trainY, float[] validX, int[] validY, int columns) {
        return new Split(trainX, trainY, null, validX, validY, null, columns, 0, trainY.length, validY.length);
    }

    // The targets are always copied: the trainer standardises them in place.
    private static Split regression(Dataset data, double fraction, boolean copy, SplittableRandom random) {
        int rows = data.rows();
        int columns = data.columns();
        int outputs = data.outputs();
        if (fraction == 0) {
            float[] x = copy ? data.features().clone() : data.features();
            return new Split(x, new int[0], data.targets().clone(), new float[0], new int[0], new float[0],
                    columns, outputs, rows, 0);
        }
        int validRows = (int) Math.min(Math.round(fraction * rows), rows - 1);
        if (validRows == 0) {
            throw new IllegalArgumentException("validationSplit " + fraction + " holds out no rows of "
                    + rows + "; use a larger split or more rows");
        }
        int[] order = new EpochOrder(rows, random).next();
        int trainRows = rows - validRows;
        float[] trainX = new float[trainRows * columns];
        float[] trainT = new float[trainRows * outputs];
        float[] validX = new float[validRows * columns];
        float[] validT = new float[validRows * outputs];
        for (int i = 0; i < rows; i++) {
            int row = order[i];
            boolean valid = i < validRows;
            int at = valid ? i : i - validRows;
            System.arraycopy(data.features(), row * columns, valid ? validX : trainX, at * columns, columns);
            System.arraycopy(data.targets(), row * outputs, valid ? validT : trainT, at * outputs, outputs);
        }
        return new Split(trainX, new int[0], trainT, validX, new int[0], validT, columns, outputs, trainRows,
                validRows);
    }
}
