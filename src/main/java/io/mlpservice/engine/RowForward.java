package io.mlpservice.engine;

/**
 * The forward pass of a single row, on a copy of a network's weights laid out in the order in
 * which that pass reads them. A prediction of one row reads every weight once and does two
 * flops with it, so its speed is the rate at which a core streams the weights from its cache;
 * this layout makes that one sequential read.
 * <p>
 * Layer {@code l}'s outputs, rounded up to whole vectors of the element kernel ({@link Kernels}:
 * SIMD vectors of the Vector API, single floats in scalar Java), are cut into blocks of
 * {@link #WIDE} or 8 vectors, then single vectors. A block of {@code w} vectors is stored as
 * {@code in} consecutive runs of {@code w·L} weights, run {@code p} holding the weights of input
 * {@code p} to the block's outputs (zero for padding), and its outputs are summed in {@code w}
 * registers while the run streams past: one broadcast input, {@code w} independent loads and
 * multiply-adds per step. Biases follow each layer's blocks, padded with zeros. Each output is
 * summed over the inputs in index order (the Vector API's single vectors: in four interleaved
 * chains, added at the end), so a row always gives the same bits on a given kernel.
 * <p>
 * The loops over the inputs are long enough for the JIT to compile them early from their loop
 * counts; the rest of the pass is plain scalar code. Immutable and safe for concurrent use.
 */
final class RowForward {

    private static final ElementKernels KERNEL = Kernels.ELEMENTS;
    /** Floats per vector of the kernel: 16 with AVX-512, 8 with AVX2, 1 for the scalar kernel. */
    private static final int L = KERNEL.lanes();
    /** Vectors of a wide block: 16 where the CPU has 32 vector registers (AVX-512), else 8 (8 floats in scalar Java). */
    private static final int WIDE = KERNEL.wideBlock();

    private final ParameterLayout layout;
    private final Activation[] activations;
    private final boolean softmax;
    private final float[] packed;
    private final int[] weightOffsets;
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
        weightOffsets = new int[layers];
        biasOffsets = new int[layers];
        long size = 0;
        int wide = 0;
        for (int l = 0; l < layers; l++) {
            int padded = padded(layout.out(l));
            weightOffsets[l] = Math.toIntExact(size);
            size += (long) layout.in(l) * padded;
            biasOffsets[l] = Math.toIntExact(size);
            size += padded;
            wide = Math.max(wide, padded);
        }
        widest = wide;
        packed = new float[Math.toIntExact(size)];
        for (int l = 0; l < layers; l++) {
            pack(l, params);
        }
    }

    private static int padded(int out) {
        return (out + L - 1) / L * L;
    }

    /** Vectors in the block that starts with {@code left} vectors of the layer still to place. */
    private static int blockVectors(int left) {
        return left >= WIDE ? WIDE : left >= 8 ? 8 : 1;
    }

    private void pack(int l, float[] params) {
        int in = layout.in(l);
        int out = layout.out(l);
        int vectors = padded(out) / L;
        int at = weightOffsets[l];
        for (int v = 0; v < vectors; ) {
            int width = blockVectors(vectors - v) * L;
            int first = v * L;
            for (int p = 0; p < in; p++) {
                for (int c = 0; c < width && first + c < out; c++) {
                    packed[at + p * width + c] = params[layout.weightOffset(l) + (first + c) * in + p];
                }
            }
            at += in * width;
            v += width / L;
        }
        System.arraycopy(params, layout.biasOffset(l), packed, biasOffsets[l], out);
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
            layer(l, input, inputOffset, target);
            if (l < layers - 1) {
                activations[l].biasAndApply(target, 0, 1, padded(layout.out(l)), packed, biasOffsets[l]);
            } else {
                int classes = layout.out(l);
                for (int j = 0; j < classes; j++) {
                    out[outOffset + j] = target[j] + packed[biasOffsets[l] + j];
                }
                if (softmax) {
                    SoftmaxCrossEntropy.softmax(out, outOffset, 1, classes);
                }
            }
            input = target;
            inputOffset = 0;
        }
    }

    // y (padded out(l)) = x (in(l)) · W(l)ᵀ, block by block
    private void layer(int l, float[] x, int xOffset, float[] y) {
        int in = layout.in(l);
        int vectors = padded(layout.out(l)) / L;
        int at = weightOffsets[l];
        for (int v = 0; v < vectors; ) {
            int w = blockVectors(vectors - v);
            KERNEL.rowBlock(w, in, x, xOffset, packed, at, y, v * L);
            at += in * w * L;
            v += w;
        }
    }
}
