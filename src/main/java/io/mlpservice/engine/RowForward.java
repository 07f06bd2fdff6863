package io.mlpservice.engine;

/**
 * The forward pass of a single row, on a copy of a network's weights laid out in the order in
 * which that pass reads them. A prediction of one row reads every weight once and does two
 * flops with it, so its speed is the rate at which a core streams the weights from its cache;
 * each layer's product is the element kernel's ({@link RowProduct}: {@link VectorRowBlocks} on the
 * Vector API, {@link ScalarRowRuns} in scalar Java), its outputs padded to whole vectors of that
 * kernel. Biases follow, padded with zeros. A row always gives the same bits on a given kernel.
 * <p>
 * The loops over the inputs are long enough for the JIT to compile them early from their loop
 * counts; the rest of the pass is plain scalar code. Immutable and safe for concurrent use.
 */
final class RowForward {

    private static final ElementKernels KERNEL = Kernels.ELEMENTS;
    /** Floats per vector of the kernel: 16 with AVX-512, 8 with AVX2, 1 for the scalar kernel. */
    private static final int L = KERNEL.lanes();

    private final ParameterLayout layout;
    private final Activation[] activations;
    private final boolean softmax;
    private final RowProduct[] products;
    /** Each layer's biases from {@code biasOffsets[l]}, padded with zeros to whole vectors. */
    private final float[] biases;
    private final int[] biasOffsets;
    private final int widest;

    RowForward(NetworkSpec spec, ParameterLayout layout, float[] params) {
        this.layout = layout;
        int layers = layout.layers();
        this.activations = new Activation[layers - 1];
        for (int l = 0; l < layers - 1; l++) {
            activations[l] = spec.activation(l);
        }
        this.softmax = spec.task() == Task.CLASSIFICATION;
        products = new RowProduct[layers];
        biasOffsets = new int[layers];
        int size = 0;
        int wide = 0;
        for (int l = 0; l < layers; l++) {
            products[l] = KERNEL.rowProduct(params, layout.weightOffset(l), layout.in(l), layout.out(l));
            biasOffsets[l] = size;
            size += padded(layout.out(l));
            wide = Math.max(wide, padded(layout.out(l)));
        }
        widest = wide;
        biases = new float[size];
        for (int l = 0; l < layers; l++) {
            System.arraycopy(params, layout.biasOffset(l), biases, biasOffsets[l], layout.out(l));
        }
    }

    /** Bytes of the numbers this layout holds: every layer's weights in their order, and the biases. */
    long bytes() {
        long floats = biases.length;
        for (RowProduct product : products) {
            floats += product.floats();
        }
        return floats * Float.BYTES;
    }

    private static int padded(int out) {
        return (out + L - 1) / L * L;
    }

    /**
     * Class probabilities of one row for a classifier; for a regression, its outputs in the
     * standardised target space (the caller undoes the standardisation).
     *
     * @param x   (inputSize) read from {@code xOffset}, already standardised
     * @param out (outputSize) written from {@code outOffset}
     */
    void forward(float[] x, int xOffset, float[] out, int outOffset) {
        float[] ping = new float[widest];
        float[] pong = new float[widest];
        float[] input = x;
        int inputOffset = xOffset;
        int layers = layout.layers();
        for (int l = 0; l < layers; l++) {
            float[] target = input == ping ? pong : ping;
            products[l].multiply(input, inputOffset, target);
            if (l < layers - 1) {
                activations[l].biasAndApply(target, 0, 1, padded(layout.out(l)), biases, biasOffsets[l]);
            } else {
                int classes = layout.out(l);
                for (int j = 0; j < classes; j++) {
                    out[outOffset + j] = target[j] + biases[biasOffsets[l] + j];
                }
                if (softmax) {
                    SoftmaxCrossEntropy.softmax(out, outOffset, 1, classes);
                }
            }
            input = target;
            inputOffset = 0;
        }
    }
}
