package io.mlpservice.training;

import io.mlpservice.web.NumberMatrix;
import tools.jackson.core.JsonParser;
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

    private final NumberMatrix rows;

    private TargetRows(NumberMatrix rows) {
        this.rows = rows;
    }

    /** Rows of the given values; for tests and internal callers. */
    public static TargetRows of(float[]... rows) {
        return new TargetRows(NumberMatrix.of(rows));
    }

    public int rows() {
        return rows.rows();
    }

    /** Values of row {@code row}. */
    public int rowLength(int row) {
        return rows.rowLength(row);
    }

    /** All values, row after row. */
    public float[] values() {
        return rows.values();
    }

    /** Reads the JSON form; see the class comment for what it rejects. */
    static final class Reader extends ValueDeserializer<TargetRows> {

        @Override
        public TargetRows deserialize(JsonParser p, DeserializationContext ctxt) {
            return new TargetRows(NumberMatrix.readTargets(p));
        }
    }
}
