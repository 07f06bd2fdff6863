package io.mlpservice.engine.train;

import java.util.SplittableRandom;

/**
 * Training and validation rows after the hold-out. The validation rows are drawn per class in
 * proportion ({@code round(fraction · rows of the class)}, but never the class's last row), in a
 * seeded random order, so that every class is represented on both sides as far as its size
 * allows and none is missing from training. Rows given apart by the caller ({@link #given}) are
 * taken as they are, in their order.
 */
record Split(float[] trainX, int[] trainY, float[] validX, int[] validY, int columns) {

    int trainRows() {
        return trainY.length;
    }

    int validRows() {
        return validY.length;
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
        return new Split(copy ? training.features().clone() : training.features(),
                copy ? training.labels().clone() : training.labels(),
                copy ? validation.features().clone() : validation.features(),
                copy ? validation.labels().clone() : validation.labels(), training.columns());
    }

    /**
     * @param copy whether the training rows must be a copy even without a hold-out (the caller
     *             will standardise them in place)
     */
    static Split of(Dataset data, double fraction, boolean copy, SplittableRandom random) {
        int rows = data.rows();
        int columns = data.columns();
        if (fraction == 0) {
            float[] x = copy ? data.features().clone() : data.features();
            int[] y = copy ? data.labels().clone() : data.labels();
            return new Split(x, y, new float[0], new int[0], columns);
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
        return new Split(trainX, trainY, validX, validY, columns);
    }
}
