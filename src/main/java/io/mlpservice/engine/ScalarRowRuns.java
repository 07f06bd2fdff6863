package io.mlpservice.engine;

import java.util.Arrays;

/**
 * The scalar kernel's one-row product: the layer's weights as one array an input, its weights to
 * every output, added {@code x[p]} times to the outputs input after input. The update loop runs
 * over two arrays indexed alike from 0, the shape the JIT vectorises itself, and each output is
 * summed over the inputs in index order.
 */
final class ScalarRowRuns implements RowProduct {

    /** {@code runs[p][c]}: the weight of input p to output c. */
    private final float[][] runs;
    private final int out;

    /** @param params a layer's weights (out, in) row-major from {@code weightOffset} */
    ScalarRowRuns(float[] params, int weightOffset, int in, int out) {
        this.out = out;
        this.runs = new float[in][out];
        for (int p = 0; p < in; p++) {
            for (int c = 0; c < out; c++) {
                runs[p][c] = params[weightOffset + c * in + p];
            }
        }
    }

    @Override
    public long floats() {
        return (long) runs.length * out;
    }

    @Override
    public void multiply(float[] x, int xOffset, float[] y) {
        Arrays.fill(y, 0, out, 0f);
        for (int p = 0; p < runs.length; p++) {
            float xp = x[xOffset + p];
            float[] run = runs[p];
            for (int c = 0; c < run.length; c++) {
                y[c] += xp * run[c];
            }
        }
    }
}
