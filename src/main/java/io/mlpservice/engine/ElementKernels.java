package io.mlpservice.engine;

/**
 * The element-wise loops of the engine that the Vector API speeds up, with one implementation on
 * it and one in scalar Java ({@link Kernels} picks one). Activations and exponentials give the
 * same bits in both; only {@link #rowBlock}'s order of additions differs between them.
 */
interface ElementKernels {

    /**
     * Floats per SIMD vector (1 for the scalar kernel): {@link RowForward} pads each layer's outputs
     * to a whole number of them.
     */
    int lanes();

    /** Vectors in {@link RowForward}'s widest block: as many accumulators as the registers hold. */
    int wideBlock();

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
     * One block of a one-row product in {@link RowForward}'s packed layout:
     * {@code y[at .. at + vectors·lanes) = Σ_p x[xOffset + p] · w[wOffset + p·vectors·lanes ..]},
     * p from 0 to {@code in}, in an order fixed by the shape.
     *
     * @param vectors {@link #wideBlock()}, 8 or 1
     */
    void rowBlock(int vectors, int in, float[] x, int xOffset, float[] w, int wOffset, float[] y, int at);
}
