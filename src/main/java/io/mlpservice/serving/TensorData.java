package io.mlpservice.serving;

import io.mlpservice.web.InvalidJsonValueException;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@code data} of a request tensor as the Open Inference Protocol allows it: a flat array of
 * numbers in row-major order ({@code [1, 2, 4, 5]}) or the same numbers nested as the tensor's
 * natural shape ({@code [[1, 2], [4, 5]]}). Read straight into one flat array with no object per
 * number; the nesting it was sent in is kept as {@link #nesting()} so that the service can check
 * it against the declared shape. Reading notes the first element that can never be valid, with
 * its position, for the service to report beside the tensor's other faults: a value that is not a
 * number (the service's inputs are FP32 or FP64), a non-finite number, arrays of different lengths
 * side by side, and numbers mixed with arrays.
 */
@JsonDeserialize(using = TensorData.Reader.class)
public final class TensorData {

    /** Deeper nesting than this is no tensor a perceptron takes. */
    static final int MAX_DEPTH = 32;

    private final double[] values;
    private final int[] nesting;
    private final String problem;

    private TensorData(double[] values, int[] nesting, String problem) {
        this.values = values;
        this.nesting = nesting;
        this.problem = problem;
    }

    /**
     * The first element that can never be valid, as its position and what is wrong with it
     * ({@code "[1][0] must be a number, was a string"}); null when there is none.
     */
    String problem() {
        return problem;
    }

    /** The numbers in row-major order; shared, not copied. */
    double[] values() {
        return values;
    }

    /**
     * The lengths of the nested arrays at each depth: {@code [4]} for a flat array of 4 numbers,
     * {@code [2, 2]} for two arrays of 2.
     */
    int[] nesting() {
        return nesting.clone();
    }

    /** Reads the JSON form; see the class comment for what it rejects. */
    static final class Reader extends ValueDeserializer<TensorData> {

        @Override
        public TensorData deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.isExpectedStartArrayToken()) {
                // the one fault that leaves nothing to read
                throw new InvalidJsonValueException(p, "must be an array of numbers, flat or nested as the shape");
            }
            Walk walk = new Walk(p);
            walk.array(0);
            return walk.result();
        }
    }

    /** One pass over the nested arrays, depth first. */
    private static final class Walk {
        private final JsonParser p;
        private final int[] index = new int[MAX_DEPTH];
        private final int[] lengths = new int[MAX_DEPTH];
        private double[] values = new double[256];
        private int size;
        /** The depth at which numbers appear; -1 before the first. */
        private int leafDepth = -1;
        private int deepest;
        private String problem;

        Walk(JsonParser p) {
            this.p = p;
            Arrays.fill(lengths, -1);
        }

        /** Reads the array whose start token is current, at the given depth. */
        void array(int depth) {
            deepest = Math.max(deepest, depth);
            int count = 0;
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                index[depth] = count;
                if (token == JsonToken.START_ARRAY) {
                    if (depth + 1 >= MAX_DEPTH) {
                        note(depth, "is nested deeper than " + MAX_DEPTH + " levels");
                        p.skipChildren();
                    } else {
                        if (leafDepth >= 0 && leafDepth <= depth) {
                            note(depth, "is an array where its siblings are numbers");
                        }
                        array(depth + 1);
                    }
                } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    if (leafDepth < 0) {
                        leafDepth = depth;
                    } else if (leafDepth != depth) {
                        note(depth, "is a number where its siblings are arrays");
                    }
                    add(depth);
                } else {
                    note(depth, "must be a number, was " + describe(token));
                    p.skipChildren();
                }
                count++;
            }
            if (lengths[depth] < 0) {
                lengths[depth] = count;
            } else if (lengths[depth] != count) {
                note(depth - 1, "has " + count + " elements where the first array at its depth has "
                        + lengths[depth] + "; nested data must be rectangular");
            }
        }

        private void add(int depth) {
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                note(depth, "must be a finite number, was " + p.getString());
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size + (size >> 1));
            }
            values[size++] = value;
        }

        TensorData result() {
            int depth = (leafDepth >= 0 ? leafDepth : deepest) + 1;
            return new TensorData(Arrays.copyOf(values, size), Arrays.copyOf(lengths, depth), problem);
        }

        /** Notes the first fault, at the element {@code index[0..depth]}, its path as the client wrote it. */
        private void note(int depth, String message) {
            if (problem == null) {
                StringBuilder path = new StringBuilder();
                for (int d = 0; d <= depth; d++) {
                    path.append('[').append(index[d]).append(']');
                }
                problem = path + " " + message;
            }
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
