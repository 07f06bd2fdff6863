package io.mlpservice.serving;

import io.mlpservice.error.InvalidInputException;
import io.mlpservice.error.Violations;
import io.mlpservice.web.NumberMatrix;
import java.util.Arrays;
import java.util.List;

/**
 * The checks of an input tensor's shape and data against a model that takes rows of
 * {@code features} numbers, and their conversion to the float32 rows the engine computes with.
 */
final class TensorShape {

    private TensorShape() {
    }

    /**
     * Checks that {@code shape} is {@code [rows, features]} with 1 to {@code maxRows} rows.
     *
     * @return the rows; 0 when the shape is wrong (then a violation is added)
     */
    static long check(List<Long> shape, int features, int maxRows, Violations violations) {
        String expected = "[rows, " + features + "]";
        if (shape == null) {
            violations.add("inputs[0].shape", "inputs[0].shape is required: " + expected);
            return 0;
        }
        if (shape.size() != 2 || shape.contains(null)) {
            violations.add("inputs[0].shape", "inputs[0].shape is " + shape + "; the model takes " + expected);
            return 0;
        }
        long rows = shape.get(0);
        long columns = shape.get(1);
        if (columns != features) {
            violations.add("inputs[0].shape", "inputs[0].shape is " + shape + "; the model takes " + features
                    + " features a row: " + expected);
        }
        if (rows < 1) {
            violations.add("inputs[0].shape", "inputs[0].shape " + shape + " has " + rows + " rows; send at least one");
        } else if (rows > maxRows) {
            violations.add("inputs[0].shape", "inputs[0].shape " + shape + " has " + rows + " rows; the limit is "
                    + maxRows + " a request (mlp.limits.max-prediction-rows)");
        }
        return columns == features && rows >= 1 && rows <= maxRows ? rows : 0;
    }

    /**
     * The data as rows, once it holds exactly {@code rows × features} numbers, flat or nested as
     * {@code [rows, features]}, each within the float32 range.
     *
     * @throws InvalidInputException naming the data and what is wrong with it
     */
    static NumberMatrix rows(TensorData data, List<Long> shape, int rows, int features) {
        int[] nesting = data.nesting();
        long count = (long) rows * features;
        boolean flat = nesting.length == 1 && nesting[0] == count;
        boolean nested = nesting.length == 2 && nesting[0] == rows && nesting[1] == features;
        if (!flat && !nested) {
            throw new InvalidInputException("inputs[0].data", "inputs[0].data is " + describe(nesting) + "; the shape "
                    + shape + " needs " + count + " numbers, flat or nested as " + shape);
        }
        double[] values = data.values();
        float[][] matrix = new float[rows][features];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < features; c++) {
                double value = values[r * features + c];
                // the engine computes in float32: an FP64 value beyond its range would become infinite
                if (Math.abs(value) > Float.MAX_VALUE) {
                    String at = "inputs[0].data" + (flat ? "[" + (r * features + c) + "]" : "[" + r + "][" + c + "]");
                    throw new InvalidInputException(at, at + " is " + value + ", outside the float32 range "
                            + "(±3.4e38) the model computes in");
                }
                matrix[r][c] = (float) value;
            }
        }
        return NumberMatrix.of(matrix);
    }

    private static String describe(int[] nesting) {
        if (nesting.length == 1) {
            return "a flat array of " + nesting[0] + " numbers";
        }
        return "nested as " + Arrays.toString(nesting);
    }
}
