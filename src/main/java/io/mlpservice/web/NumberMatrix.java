package io.mlpservice.web;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.Violations;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Rows of float32 numbers as a client sends them ({@code [[5.1, 3.5], [4.9, 3.0]]}), read
 * straight into one flat array with no object per number. Reading rejects, with the exact
 * position, what can never be valid: a value that is not a number, NaN or an infinity (strings
 * such as {@code "NaN"} and overflowing literals such as {@code 1e999} included), a number
 * outside the float32 range, and a row that is null or not an array. Rows may differ in length
 * here; {@link #checkWidth} reports each that does not fit the model.
 */
@JsonDeserialize(using = NumberMatrix.Reader.class)
public final class NumberMatrix {

    private final float[] values;
    private final int[] rowEnds;

    private NumberMatrix(float[] values, int[] rowEnds) {
        this.values = values;
        this.rowEnds = rowEnds;
    }

    /** A matrix of the given rows; for tests and internal callers. */
    public static NumberMatrix of(float[]... rows) {
        int total = 0;
        for (float[] row : rows) {
            total += row.length;
        }
        float[] values = new float[total];
        int[] ends = new int[rows.length];
        int at = 0;
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, values, at, rows[r].length);
            at += rows[r].length;
            ends[r] = at;
        }
        return new NumberMatrix(values, ends);
    }

    public int rows() {
        return rowEnds.length;
    }

    public int rowLength(int row) {
        return rowEnds[row] - (row == 0 ? 0 : rowEnds[row - 1]);
    }

    /** Total number of values in all rows. */
    public int size() {
        return values.length;
    }

    /**
     * Reports every row whose length is not {@code width}, as
     * "{@code features[12] has 3 values; the model expects 4}".
     */
    public void checkWidth(String field, int width, Violations violations) {
        for (int r = 0; r < rows() && !violations.isFull(); r++) {
            int length = rowLength(r);
            if (length != width) {
                violations.add(field + "[" + r + "]", field + "[" + r + "] has " + length
                        + (length == 1 ? " value" : " values") + "; the model expects " + width);
            }
        }
    }

    /**
     * The values row-major, for rows that all have the same length; the array is shared, not
     * copied, and must not be modified.
     */
    public float[] values() {
        return values;
    }

    /**
     * Reads the JSON form from the parser's current token (which must start it); for readers of
     * bodies that hold a matrix. Errors carry the row and column as their path.
     *
     * @throws InvalidJsonValueException for what the class comment says it rejects
     */
    public static NumberMatrix read(JsonParser p) {
        return Reader.read(p, false);
    }

    /**
     * Reads a regression's targets from the parser's current token: rows of numbers as
     * {@link #read} does, where a bare number also stands for a row of one
     * ({@code [3.2, 1.7]} or {@code [[3.2, 0.1], [1.7, 0.4]]}).
     *
     * @throws InvalidJsonValueException for what the class comment says it rejects
     */
    public static NumberMatrix readTargets(JsonParser p) {
        return Reader.read(p, true);
    }

    /** Reads the JSON form; see the class comment for what it rejects. */
    static final class Reader extends StrictScalars.NotNull<NumberMatrix> {

        @Override
        public NumberMatrix deserialize(JsonParser p, DeserializationContext ctxt) {
            return read(p, false);
        }

        /** Reads rows; with {@code bareNumbers}, a number in place of a row is a row of one. */
        static NumberMatrix read(JsonParser p, boolean bareNumbers) {
            if (!p.isExpectedStartArrayToken()) {
                throw new InvalidJsonValueException(p, bareNumbers
                        ? "must be an array: one number a row, or a row of numbers"
                        : "must be an array of rows, each an array of numbers");
            }
            float[] values = new float[256];
            int[] ends = new int[16];
            int size = 0;
            int rows = 0;
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (token == JsonToken.START_ARRAY) {
                    for (int column = 0; (token = p.nextToken()) != JsonToken.END_ARRAY; column++) {
                        float value = readNumber(p, token, rows, column);
                        values = room(values, size);
                        values[size++] = value;
                    }
                } else if (bareNumbers) {
                    float value = readNumber(p, token, rows, -1);
                    values = room(values, size);
                    values[size++] = value;
                } else {
                    throw at(new InvalidJsonValueException(p, token == JsonToken.VALUE_NULL
                            ? "must not be null; a row is an array of numbers"
                            : "must be an array of numbers, was " + describe(token)), rows, -1);
                }
                if (rows == ends.length) {
                    ends = java.util.Arrays.copyOf(ends, grow(rows));
                }
                ends[rows++] = size;
            }
            return new NumberMatrix(java.util.Arrays.copyOf(values, size), java.util.Arrays.copyOf(ends, rows));
        }

        private static float readNumber(JsonParser p, JsonToken token, int row, int column) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw at(new InvalidJsonValueException(p, "must be a number" + (column < 0 ? " or an array of numbers" : "")
                        + ", was " + describe(token)), row, column);
            }
            // the common decimal straight from the parser's characters; the rest through its general parser
            double value = DecimalText.parse(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
            if (Double.isNaN(value)) {
                value = p.getDoubleValue();
            }
            if (!Double.isFinite(value)) {
                throw at(new InvalidJsonValueException(p, "must be a finite number, was "
                        + Excerpt.of(p.getString())), row, column);
            }
            if (Math.abs(value) > Float.MAX_VALUE) {
                throw at(new InvalidJsonValueException(p, "is outside the float32 range (±3.4e38), was "
                        + Excerpt.of(p.getString())), row, column);
            }
            return (float) value;
        }

        private static JacksonException at(JacksonException e, int row, int column) {
            if (column >= 0) {
                e.prependPath(null, column);
            }
            return e.prependPath(null, row);
        }

        /** The array, or a longer copy when it has no room at {@code size}. */
        private static float[] room(float[] values, int size) {
            return size < values.length ? values : java.util.Arrays.copyOf(values, grow(size));
        }

        private static int grow(int size) {
            return Math.max(16, size + (size >> 1));
        }

        static String describe(JsonToken token) {
            return switch (token) {
                case VALUE_STRING -> "a string";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> "a number";
            };
        }
    }
}
