package io.mlpservice.training;

import io.mlpservice.web.InvalidJsonValueException;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A regression's targets as a client sends them: one number a row ({@code [3.2, 1.7]}) or a row
 * of numbers ({@code [[3.2, 0.1], [1.7, 0.4]]}), read straight into one flat float32 array.
 * Reading rejects, with the exact position, what can never be valid: a value that is neither a
 * number nor an array of numbers, NaN or an infinity, a number outside the float32 range. Rows
 * may differ in length here; the job's mapping reports each that does not fit the model.
 */
@JsonDeserialize(using = TargetRows.Reader.class)
public final class TargetRows {

    private final float[] values;
    private final int[] rowEnds;

    private TargetRows(float[] values, int[] rowEnds) {
        this.values = values;
        this.rowEnds = rowEnds;
    }

    /** Rows of the given values; for tests and internal callers. */
    public static TargetRows of(float[]... rows) {
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
        return new TargetRows(values, ends);
    }

    public int rows() {
        return rowEnds.length;
    }

    /** Values of row {@code row}. */
    public int rowLength(int row) {
        return rowEnds[row] - (row == 0 ? 0 : rowEnds[row - 1]);
    }

    /** All values, row after row. */
    public float[] values() {
        return values;
    }

    /** Reads the JSON form; see the class comment for what it rejects. */
    static final class Reader extends ValueDeserializer<TargetRows> {

        @Override
        public TargetRows deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.isExpectedStartArrayToken()) {
                throw new InvalidJsonValueException(p, "must be an array: one number a row, or a row of numbers");
            }
            float[] values = new float[256];
            int[] ends = new int[16];
            int size = 0;
            int rows = 0;
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (token == JsonToken.START_ARRAY) {
                    int column = 0;
                    while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (size == values.length) {
                            values = Arrays.copyOf(values, size + (size >> 1));
                        }
                        values[size++] = number(p, token, rows, column++);
                    }
                } else {
                    if (size == values.length) {
                        values = Arrays.copyOf(values, size + (size >> 1));
                    }
                    values[size++] = number(p, token, rows, -1);
                }
                if (rows == ends.length) {
                    ends = Arrays.copyOf(ends, rows + (rows >> 1));
                }
                ends[rows++] = size;
            }
            return new TargetRows(Arrays.copyOf(values, size), Arrays.copyOf(ends, rows));
        }

        private static float number(JsonParser p, JsonToken token, int row, int column) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw at(new InvalidJsonValueException(p, "must be a number" + (column < 0 ? " or an array of numbers" : "")
                        + ", was " + describe(token)), row, column);
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw at(new InvalidJsonValueException(p, "must be a finite number, was " + p.getString()), row, column);
            }
            if (Math.abs(value) > Float.MAX_VALUE) {
                throw at(new InvalidJsonValueException(p, "is outside the float32 range (±3.4e38), was "
                        + p.getString()), row, column);
            }
            return (float) value;
        }

        private static JacksonException at(JacksonException e, int row, int column) {
            if (column >= 0) {
                e.prependPath(null, column);
            }
            return e.prependPath(null, row);
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case VALUE_STRING -> "a string";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                default -> "something else";
            };
        }
    }
}
