package io.mlpservice.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel's one-row product of a layer ({@link RowForward}), on a copy of its
 * weights laid out in the order the product reads them. The outputs, rounded up to whole vectors,
 * are cut into blocks of {@link #WIDE} or 8 vectors, then single vectors. A block of {@code w}
 * vectors is stored as {@code in} consecutive runs of {@code w·L} weights, run {@code p} holding
 * the weights of input {@code p} to the block's outputs (zero for padding), and keeps its outputs
 * in {@code w} registers while the run streams past: one broadcast input, {@code w} independent
 * loads and fused multiply-adds per input, so that the whole product is one sequential read.
 * Each output is summed over the inputs in index order (single vectors: in four interleaved
 * chains, added at the end). Loaded only when the JVM has the Vector API module ({@link Kernels}).
 */
final class VectorRowBlocks implements RowProduct {

    private static final VectorSpecies<Float> SPECIES = VectorMath.SPECIES;
    private static final int L = SPECIES.length();
    /** Vectors of a wide block: 16 where the CPU has 32 vector registers (AVX-512), else 8. */
    static final int WIDE = SPECIES.vectorBitSize() >= 512 ? 16 : 8;

    private final float[] packed;
    private final int in;
    private final int vectors;

    /** @param params the layer's weights (out, in) row-major from {@code weightOffset} */
    VectorRowBlocks(float[] params, int weightOffset, int in, int out) {
        this.in = in;
        this.vectors = (out + L - 1) / L;
        this.packed = new float[Math.multiplyExact(in, vectors * L)];
        int at = 0;
        for (int v = 0; v < vectors; ) {
            int width = blockVectors(vectors - v) * L;
            int first = v * L;
            for (int p = 0; p < in; p++) {
                for (int c = 0; c < width && first + c < out; c++) {
                    packed[at + p * width + c] = params[weightOffset + (first + c) * in + p];
                }
            }
            at += in * width;
            v += width / L;
        }
    }

    @Override
    public long floats() {
        return packed.length;
    }

    /** Vectors in the block that starts with {@code left} vectors of the layer still to place. */
    private static int blockVectors(int left) {
        return left >= WIDE ? WIDE : left >= 8 ? 8 : 1;
    }

    @Override
    public void multiply(float[] x, int xOffset, float[] y) {
        int at = 0;
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
    static void block16(int in, float[] x, int xOffset, float[] w, int wOffset, float[] y, int at) {
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
    static void block8(int in, float[] x, int xOffset, float[] w, int wOffset, float[] y, int at) {
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
    static void block1(int in, float[] x, int xOffset, float[] w, int wOffset, float[] y, int at) {
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
