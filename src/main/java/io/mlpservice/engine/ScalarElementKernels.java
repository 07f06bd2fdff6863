package io.mlpservice.engine;

/**
 * The element-wise kernel in plain Java, for a JVM without the Vector API module: each element
 * through {@link Activation}'s and {@link ScalarMath}'s scalar functions, which give the bits a
 * lane of the Vector API kernel gives. A one-row product adds the inputs in index order
 * ({@link ScalarRowRuns}).
 */
final class ScalarElementKernels implements ElementKernels {

    @Override
    public int lanes() {
        return 1;
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
    public RowProduct rowProduct(float[] params, int weightOffset, int in, int out) {
        return new ScalarRowRuns(params, weightOffset, in, out);
    }
}
