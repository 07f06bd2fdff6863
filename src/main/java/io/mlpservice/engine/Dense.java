package io.mlpservice.engine;

import io.mlpservice.engine.linalg.MatMul;

/**
 * Forward and backward passes of one dense layer {@code y = f(x · Wᵀ + b)}, on the flat parameter
 * buffer described by {@link ParameterLayout}. Shared by prediction and training, so that both
 * run exactly the same arithmetic.
 */
public final class Dense {

    private Dense() {
    }

    /**
     * Forward pass of layer {@code l}.
     *
     * @param activation the hidden activation, or {@code null} for the output layer's logits
     * @param x          (rows, in) from {@code xOffset}
     * @param y          (rows, out) from {@code yOffset}; overwritten
     */
    public static void forward(MatMul matMul, ParameterLayout layout, float[] params, int l,
                               Activation activation, float[] x, int xOffset, int rows,
                               float[] y, int yOffset) {
        int in = layout.in(l);
        int out = layout.out(l);
        // y (rows, out) = x (rows, in) · W (out, in)ᵀ
        matMul.gemm(false, true, rows, out, in, x, xOffset, in, params, layout.weightOffset(l), in,
                0f, y, yOffset, out);
        if (activation != null) {
            activation.biasAndApply(y, yOffset, rows, out, params, layout.biasOffset(l));
        } else {
            addBias(y, yOffset, rows, out, params, layout.biasOffset(l));
        }
    }

    // y (rows, cols) += bias (cols) on every row, on the engine's element-wise kernel
    private static void addBias(float[] y, int yOffset, int rows, int cols, float[] bias, int biasOffset) {
        Kernels.ELEMENTS.addBias(y, yOffset, rows, cols, bias, biasOffset);
    }

    // sums (cols) = column sums of x (rows, cols), or += with accumulate; each column summed in row order
    private static void columnSums(float[] x, int rows, int cols, float[] sums, int sumsOffset, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(sums, sumsOffset, sumsOffset + cols, 0f);
        }
        Kernels.ELEMENTS.addColumnSums(x, rows, cols, sums, sumsOffset);
    }

    /**
     * Backward pass of layer {@code l}: writes the layer's weight and bias gradients and, when
     * {@code dx} is not null, the gradient with respect to the layer's input.
     *
     * @param dz    (rows, out) gradient of the loss with respect to the pre-activation
     * @param x     (rows, in) the layer's input, as it was in the forward pass
     * @param grads gradient buffer in the parameter layout; this layer's slice is overwritten
     * @param dx    (rows, in) overwritten with {@code dz · W}, or null to skip (first layer)
     */
    public static void backward(MatMul matMul, ParameterLayout layout, float[] params, int l,
                                float[] dz, int rows, float[] x, int xOffset, float[] grads, float[] dx) {
        backward(matMul, layout, params, l, dz, rows, x, xOffset, grads, dx, false);
    }

    /**
     * As {@link #backward(MatMul, ParameterLayout, float[], int, float[], int, float[], int, float[], float[])},
     * adding this block of rows' weight and bias gradients to {@code grads} when {@code accumulate}
     * is true: a batch can then be processed a cache-sized block of rows at a time.
     */
    public static void backward(MatMul matMul, ParameterLayout layout, float[] params, int l,
                                float[] dz, int rows, float[] x, int xOffset, float[] grads, float[] dx,
                                boolean accumulate) {
        int in = layout.in(l);
        int out = layout.out(l);
        // dW (out, in) = dzᵀ (out, rows) · x (rows, in)
        matMul.gemm(true, false, out, in, rows, dz, 0, out, x, xOffset, in, accumulate ? 1f : 0f,
                grads, layout.weightOffset(l), in);
        // db (out) = column sums of dz
        columnSums(dz, rows, out, grads, layout.biasOffset(l), accumulate);
        if (dx != null) {
            // dx (rows, in) = dz (rows, out) · W (out, in)
            matMul.gemm(false, false, rows, in, out, dz, 0, out, params, layout.weightOffset(l), in, 0f, dx, 0, in);
        }
    }
}
