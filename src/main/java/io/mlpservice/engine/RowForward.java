package io.mlpservice.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward pass of a single row, on a copy of a network's weights laid out in the order in
 * which that pass reads them. A prediction of one row reads every weight once and does two
 * flops with it, so its speed is the rate at which a core streams the weights from its cache;
 * this layout makes that one sequential read.
 * <p>
 * Layer {@code l}'s outputs, rounded up to whole SIMD vectors, are cut into blocks of
 * {@link #WIDE} or 8 vectors, then single vectors. A block of {@code w} vectors is stored as
 * {@code in} consecutive runs of {@code w·L} weights, run {@code p} holding the weights of input
 * {@code p} to the block's outputs (zero for padding), and its outputs are summed in {@code w}
 * registers while the run streams past: one broadcast input, {@code w} independent loads and
 * fused multiply-adds per step. Biases follow each layer's blocks, padded with zeros. Each output
 * is summed over the inputs in index order (single vectors: in four interleaved chains, added at
 * the end), so a row always gives the same bits.
 * <p>
 * The loops over the inputs are long enough for the JIT to compile them early from their loop
 * counts; the rest of the pass is plain scalar code. Immutable and safe for concurrent use.
 */
final class RowForward {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /** Vectors of a wide block: 16 where the CPU has 32 vector registers (AVX-512), else 8. */
    static final int WIDE = SPECIES.vectorBitSize() >= 512 ? 16 : 8;

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
            switch (w) {
                case 16 -> block16(in, x, xOffset, packed, at, y, v * L);
                case 8 -> block8(in, x, xOffset, packed, at, y, v * L);
                default -> block1(in, x, xOffset, packed, at, y, v * L);
            }
            at += in * w * L;
            v += w;
        }
    }

    // y[at .. at + 16L) = Σ_p x[p] · w[p][16L]: sixteen accumulators, one streamed run per input
    private static void block16(int in, float[] x, int xOffset, float[] w, int wOffset, float[] y, int at) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        FloatVector c8 = c0, c9 = c0, c10 = c0, c11 = c0, c12 = c0, c13 = c0, c14 = c0, c15 = c0;
        for (int p = 0; p < in; p++) {
            FloatVector xp = FloatVector.broadcast(SPECIES, x[xOffset + p]);
            int r = wOffset + p * 16 * L;
            c0 = xp.fma(FloatVector.fromArray(SPECIES, w, r), c0);
            c1 = xp.fma(FloatVector.fromArray(SPECIES, w, r + L), c1);
            c2 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 2 * L), c2);
            c3 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 3 * L), c3);
            c4 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 4 * L), c4);
            c5 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 5 * L), c5);
            c6 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 6 * L), c6);
            c7 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 7 * L), c7);
            c8 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 8 * L), c8);
            c9 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 9 * L), c9);
            c10 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 10 * L), c10);
            c11 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 11 * L), c11);
            c12 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 12 * L), c12);
            c13 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 13 * L), c13);
            c14 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 14 * L), c14);
            c15 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 15 * L), c15);
        }
        c0.intoArray(y, at);
        c1.intoArray(y, at + L);
        c2.intoArray(y, at + 2 * L);
        c3.intoArray(y, at + 3 * L);
        c4.intoArray(y, at + 4 * L);
        c5.intoArray(y, at + 5 * L);
        c6.intoArray(y, at + 6 * L);
        c7.intoArray(y, at + 7 * L);
        c8.intoArray(y, at + 8 * L);
        c9.intoArray(y, at + 9 * L);
        c10.intoArray(y, at + 10 * L);
        c11.intoArray(y, at + 11 * L);
        c12.intoArray(y, at + 12 * L);
        c13.intoArray(y, at + 13 * L);
        c14.intoArray(y, at + 14 * L);
        c15.intoArray(y, at + 15 * L);
    }

    // y[at .. at + 8L) = Σ_p x[p] · w[p][8L]
    private static void block8(int in, float[] x, int xOffset, float[] w, int wOffset, float[] y, int at) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        for (int p = 0; p < in; p++) {
            FloatVector xp = FloatVector.broadcast(SPECIES, x[xOffset + p]);
            int r = wOffset + p * 8 * L;
            c0 = xp.fma(FloatVector.fromArray(SPECIES, w, r), c0);
            c1 = xp.fma(FloatVector.fromArray(SPECIES, w, r + L), c1);
            c2 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 2 * L), c2);
            c3 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 3 * L), c3);
            c4 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 4 * L), c4);
            c5 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 5 * L), c5);
            c6 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 6 * L), c6);
            c7 = xp.fma(FloatVector.fromArray(SPECIES, w, r + 7 * L), c7);
        }
        c0.intoArray(y, at);
        c1.intoArray(y, at + L);
        c2.intoArray(y, at + 2 * L);
        c3.intoArray(y, at + 3 * L);
        c4.intoArray(y, at + 4 * L);
        c5.intoArray(y, at + 5 * L);
        c6.intoArray(y, at + 6 * L);
        c7.intoArray(y, at + 7 * L);
    }

    // y[at .. at + L) = Σ_p x[p] · w[p][L], in four chains (p mod 4) so that the adds overlap
    private static void block1(int in, float[] x, int xOffset, float[] w, int wOffset, float[] y, int at) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        int p = 0;
        for (; p + 4 <= in; p += 4) {
            int r = wOffset + p * L;
            s0 = FloatVector.broadcast(SPECIES, x[xOffset + p]).fma(FloatVector.fromArray(SPECIES, w, r), s0);
            s1 = FloatVector.broadcast(SPECIES, x[xOffset + p + 1]).fma(FloatVector.fromArray(SPECIES, w, r + L), s1);
            s2 = FloatVector.broadcast(SPECIES, x[xOffset + p + 2]).fma(FloatVector.fromArray(SPECIES, w, r + 2 * L), s2);
            s3 = FloatVector.broadcast(SPECIES, x[xOffset + p + 3]).fma(FloatVector.fromArray(SPECIES, w, r + 3 * L), s3);
        }
        for (; p < in; p++) {
            s0 = FloatVector.broadcast(SPECIES, x[xOffset + p]).fma(FloatVector.fromArray(SPECIES, w, wOffset + p * L), s0);
        }
        s0.add(s1).add(s2.add(s3)).intoArray(y, at);
    }
}
