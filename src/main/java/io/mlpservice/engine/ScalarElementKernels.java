package io.mlpservice.engine;

/**
 * The element-wise kernel in plain Java, for a JVM without the Vector API module: each element
 * through {@link Activation}'s and {@link ScalarMath}'s scalar functions, which give the bits a
 * lane of the Vector API kernel gives. A one-row product's block keeps its 8 outputs in 8 local
 * sums, each added over the inputs in index order.
 */
final class ScalarElementKernels implements ElementKernels {

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public int wideBlock() {
        return 8;
    }

    @Override
    public void biasAndApply(Activation f, float[] z, int offset, int rows, int cols, float[] bias, int biasOffset) {
        for (int r = 0; r < rows; r++) {
            int row = offset + r * cols;
            for (int j = 0; j < cols; j++) {
                z[row + j] = f.apply(z[row + j] + bias[biasOffset + j]);
            }
        }
    }

    @Override
    public void apply(Activation f, float[] z, int zOffset, float[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = f.apply(z[zOffset + i]);
        }
    }

    @Override
    public void backward(Activation f, float[] delta, int deltaOffset, float[] a, int aOffset, int length) {
        for (int i = 0; i < length; i++) {
            delta[deltaOffset + i] = f.backward(delta[deltaOffset + i], a[aOffset + i]);
        }
    }

    @Override
    public void addBias(float[] y, int yOffset, int rows, int cols, float[] bias, int biasOffset) {
        for (int r = 0; r < rows; r++) {
            int row = yOffset + r * cols;
            for (int j = 0; j < cols; j++) {
                y[row + j] += bias[biasOffset + j];
            }
        }
    }

    @Override
    public void addColumnSums(float[] x, int rows, int cols, float[] sums, int sumsOffset) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                sums[sumsOffset + j] += x[row + j];
            }
        }
    }

    @Override
    public void exp(float[] z, int from, int length) {
        for (int i = from; i < from + length; i++) {
            z[i] = ScalarMath.exp(z[i]);
        }
    }

    @Override
    public void rowBlock(int vectors, int in, float[] x, int xOffset, float[] w, int wOffset, float[] y, int at) {
        if (vectors == 1) {
            float sum = 0f;
            for (int p = 0; p < in; p++) {
                sum += x[xOffset + p] * w[wOffset + p];
            }
            y[at] = sum;
            return;
        }
        // 8 outputs, w holding for each input its weights to the 8: one streamed read
        float c0 = 0f, c1 = 0f, c2 = 0f, c3 = 0f, c4 = 0f, c5 = 0f, c6 = 0f, c7 = 0f;
        for (int p = 0; p < in; p++) {
            float xp = x[xOffset + p];
            int r = wOffset + p * 8;
            c0 += xp * w[r];
            c1 += xp * w[r + 1];
            c2 += xp * w[r + 2];
            c3 += xp * w[r + 3];
            c4 += xp * w[r + 4];
            c5 += xp * w[r + 5];
            c6 += xp * w[r + 6];
            c7 += xp * w[r + 7];
        }
        y[at] = c0;
        y[at + 1] = c1;
        y[at + 2] = c2;
        y[at + 3] = c3;
        y[at + 4] = c4;
        y[at + 5] = c5;
        y[at + 6] = c6;
        y[at + 7] = c7;
    }
}
