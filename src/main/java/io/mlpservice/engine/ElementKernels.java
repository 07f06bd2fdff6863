package io.mlpservice.engine;

/**
 * The element-wise loops of the engine that the Vector API speeds up, with one implementation on
 * it and one in scalar Java ({@link Kernels} picks one). Activations and exponentials give the
 * same bits in both; only the order of additions of {@link #rowProduct} differs between them.
 */
interface ElementKernels {

    /**
     * Floats per SIMD vector (1 for the scalar kernel): {@link RowForward} pads each layer's outputs
     * to a whole number of them.
     */
    int lanes();

    /** {@link Activation#biasAndApply}: (rows, cols) pre-activations plus bias, activated in place. */
    void biasAndApply(Activation f, float[] z, int offset, int rows, int cols, float[] bias, int biasOffset);

    /** {@link Activation#apply(float[], int, float[], int, int)}: {@code out[i] = f(z[i])}. */
    void apply(Activation f, float[] z, int zOffset, float[] out, int outOffset, int length);

    /** {@link Activation#backward}: {@code delta[i] *= f'} from the output (GELU: the pre-activation). */
    void backward(Activation f, float[] delta, int deltaOffset, float[] a, int aOffset, int length);

    /** {@code y (rows, cols) += bias (cols)} on every row: a dense layer's output bias. */
    void addBias(float[] y, int yOffset, int rows, int cols, float[] bias, int biasOffset);

    /** {@code sums (cols) += } the column sums of {@code x (rows, cols)}, each column added in row order. */
    void addColumnSums(float[] x, int rows, int cols, float[] sums, int sumsOffset);

    /** {@code z[from .. from + length) = exp(z)}, by {@link ScalarMath#exp} or its vector twin. */
    void exp(float[] z, int from, int length);

    /**
     * A layer's one-row product, its weights laid out for this kernel.
     *
     * @param params the layer's weights (out, in) row-major from {@code weightOffset}
     */
    RowProduct rowProduct(float[] params, int weightOffset, int in, int out);
}
