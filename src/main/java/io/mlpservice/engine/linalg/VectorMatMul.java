package io.mlpservice.engine.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pure-Java product, on the JDK's Vector API (SIMD lanes of the widest the CPU has: 16 floats
 * with AVX-512, 8 with AVX2). Single-threaded: the trainer and the predictor split rows among
 * cores themselves.
 * <p>
 * Paths, chosen by shape:
 * <ul>
 *   <li>a register-blocked micro-kernel that keeps a 4-row by 4-vector tile of C in registers
 *       while it runs along k, one fused multiply-add per lane, B read row by row (packed first
 *       when B is transposed, so that its rows are contiguous); blocked along k so that a panel
 *       of B stays in the L2 cache while every row block of A passes over it;</li>
 *   <li>dot products along k, for {@code A·Bᵀ} with a few rows (one input to predict), where
 *       packing B would cost more than the product;</li>
 *   <li>down the rows, a vector of rows at a time, for {@code A·Bᵀ} with a handful of columns
 *       (a softmax layer's classes);</li>
 *   <li>{@code Cᵀ} instead of C for a weight gradient with few inputs, whose tiles would
 *       otherwise leave most lanes idle;</li>
 *   <li>masked vectors for every ragged edge.</li>
 * </ul>
 * Every path adds its terms in an order fixed by the shape alone (lane sums in a fixed tree), so
 * the same call gives the same bits on every run and whatever the JIT has compiled.
 * Stateless apart from per-thread packing buffers: one instance serves any number of threads.
 */
public final class VectorMatMul implements MatMul {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /** Rows of C in a register tile. */
    private static final int MR = 4;
    /** Columns of C in a register tile: four vectors. */
    private static final int NR = 4 * L;
    /** Depth of a block along k: a KC x NR panel of B (64 KiB with AVX-512) stays in L2. */
    private static final int KC = 256;
    /** Width of a packed block of a transposed B. */
    private static final int NC = 512;
    /** Up to this many columns, {@code A·Bᵀ} runs down the rows rather than along them. */
    private static final int FEW_COLUMNS = 8;

    /** Shuffles that bring the upper half, quarter, ... of the lanes onto the lower ones. */
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Float>[] FOLDS = java.util.stream.IntStream
            .iterate(L / 2, w -> w >= 1, w -> w / 2)
            .mapToObj(w -> VectorShuffle.fromOp(SPECIES, i -> (i + w) % L))
            .toArray(VectorShuffle[]::new);

    private static final ThreadLocal<float[]> PACK = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[0]);

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || !transA && transB && m <= MR) {
            scale(m, n, beta, c, cOffset, ldc);
            if (k > 0) {
                dotProducts(m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
            }
            return;
        }
        if (!transA && transB && n <= FEW_COLUMNS && m >= L) {
            scale(m, n, beta, c, cOffset, ldc);
            fewColumns(m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
            return;
        }
        if (transA && !transB && n < NR && m >= NR) {
            // A narrow C (a weight gradient with few inputs) would use few lanes of each tile:
            // compute Cᵀ = Bᵀ · A, whose rows are long, and add it in transposed.
            scale(m, n, beta, c, cOffset, ldc);
            float[] t = scratch(TRANSPOSED, n * m);
            for (int pc = 0; pc < k; pc += KC) {
                tiles(n, m, Math.min(KC, k - pc), b, bOffset + pc * ldb, 1, ldb,
                        a, aOffset + pc * lda, lda, t, 0, m, pc == 0);
            }
            for (int i = 0; i < m; i++) {
                int ci = cOffset + i * ldc;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += t[j * m + i];
                }
            }
            return;
        }
        if (beta != 0f) {
            scale(m, n, beta, c, cOffset, ldc);
        }
        // op(A)[i][p] = a[aOffset + i * rowStride + p * colStride]
        int rowStride = transA ? 1 : lda;
        int colStride = transA ? lda : 1;
        if (!transB) {
            for (int pc = 0; pc < k; pc += KC) {
                tiles(m, n, Math.min(KC, k - pc), a, aOffset + pc * colStride, rowStride, colStride,
                        b, bOffset + pc * ldb, ldb, c, cOffset, ldc, beta == 0f && pc == 0);
            }
            return;
        }
        float[] pack = scratch(PACK, KC * NC);
        int[] gather = new int[L];
        for (int l = 0; l < L; l++) {
            gather[l] = l * ldb;
        }
        for (int jc = 0; jc < n; jc += NC) {
            int nb = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kb = Math.min(KC, k - pc);
                packTransposed(b, bOffset + jc * ldb + pc, ldb, nb, kb, pack, gather);
                tiles(m, nb, kb, a, aOffset + pc * colStride, rowStride, colStride,
                        pack, 0, nb, c, cOffset + jc, ldc, beta == 0f && pc == 0);
            }
        }
    }

    /**
     * pack (kb, nb) = B (nb, kb)ᵀ, B from {@code offset} with row stride ldb. L rows of B at a time
     * are read together, one gathered vector per column, so that both sides move through memory
     * in order.
     */
    private static void packTransposed(float[] b, int offset, int ldb, int nb, int kb, float[] pack, int[] gather) {
        int j = 0;
        for (; j + L <= nb; j += L) {
            int rows = offset + j * ldb;
            for (int p = 0; p < kb; p++) {
                FloatVector.fromArray(SPECIES, b, rows + p, gather, 0).intoArray(pack, p * nb + j);
            }
        }
        for (; j < nb; j++) {
            int row = offset + j * ldb;
            for (int p = 0; p < kb; p++) {
                pack[p * nb + j] = b[row + p];
            }
        }
    }

    /** A per-thread scratch buffer of at least {@code size} floats, grown when needed, never shrunk. */
    private static float[] scratch(ThreadLocal<float[]> holder, int size) {
        float[] buffer = holder.get();
        if (buffer.length < size) {
            buffer = new float[Math.max(size, buffer.length * 2)];
            holder.set(buffer);
        }
        return buffer;
    }

    // C (m, n) = beta * C, writing zeros (not 0 * NaN) when beta is 0.
    private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    /**
     * C (m, n) += op(A) (m, k) · B (k, n), B row-major with stride ldb, tile by tile; with
     * {@code overwrite}, C = op(A) · B instead (its old contents, NaN included, are not read).
     */
    private static void tiles(int m, int n, int k, float[] a, int aOffset, int rowStride, int colStride,
                              float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc, boolean overwrite) {
        int j = 0;
        for (; j + NR <= n; j += NR) {
            int i = 0;
            for (; i + MR <= m; i += MR) {
                tile4x4(k, a, aOffset + i * rowStride, rowStride, colStride, b, bOffset + j, ldb,
                        c, cOffset + i * ldc + j, ldc, overwrite);
            }
            for (; i < m; i++) {
                for (int v = 0; v < NR; v += L) {
                    row1x1(k, a, aOffset + i * rowStride, colStride, b, bOffset + j + v, ldb,
                            c, cOffset + i * ldc + j + v, SPECIES.maskAll(true), overwrite);
                }
            }
        }
        for (; j < n; j += L) {
            VectorMask<Float> mask = SPECIES.indexInRange(j, n);
            int i = 0;
            for (; i + MR <= m; i += MR) {
                tile4x1(k, a, aOffset + i * rowStride, rowStride, colStride, b, bOffset + j, ldb,
                        c, cOffset + i * ldc + j, ldc, mask, overwrite);
            }
            for (; i < m; i++) {
                row1x1(k, a, aOffset + i * rowStride, colStride, b, bOffset + j, ldb, c, cOffset + i * ldc + j, mask,
                        overwrite);
            }
        }
    }

    // C[4][4L] += Σ_p op(A)[4][p] · B[p][4L]: sixteen accumulators in registers along k
    private static void tile4x4(int k, float[] a, int aOffset, int rowStride, int colStride,
                                float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc, boolean overwrite) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int a0 = aOffset;
        int a1 = a0 + rowStride;
        int a2 = a1 + rowStride;
        int a3 = a2 + rowStride;
        for (int p = 0; p < k; p++) {
            int bp = bOffset + p * ldb;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bp + 2 * L);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, bp + 3 * L);
            int ap = p * colStride;
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(SPECIES, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(SPECIES, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(SPECIES, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        // Written out rather than through a helper: vectors passed to a call that is not inlined
        // are boxed, and this method is too large for the JIT to inline more into it.
        int r0 = cOffset;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        if (!overwrite) {
            c00 = c00.add(FloatVector.fromArray(SPECIES, c, r0));
            c01 = c01.add(FloatVector.fromArray(SPECIES, c, r0 + L));
            c02 = c02.add(FloatVector.fromArray(SPECIES, c, r0 + 2 * L));
            c03 = c03.add(FloatVector.fromArray(SPECIES, c, r0 + 3 * L));
            c10 = c10.add(FloatVector.fromArray(SPECIES, c, r1));
            c11 = c11.add(FloatVector.fromArray(SPECIES, c, r1 + L));
            c12 = c12.add(FloatVector.fromArray(SPECIES, c, r1 + 2 * L));
            c13 = c13.add(FloatVector.fromArray(SPECIES, c, r1 + 3 * L));
            c20 = c20.add(FloatVector.fromArray(SPECIES, c, r2));
            c21 = c21.add(FloatVector.fromArray(SPECIES, c, r2 + L));
            c22 = c22.add(FloatVector.fromArray(SPECIES, c, r2 + 2 * L));
            c23 = c23.add(FloatVector.fromArray(SPECIES, c, r2 + 3 * L));
            c30 = c30.add(FloatVector.fromArray(SPECIES, c, r3));
            c31 = c31.add(FloatVector.fromArray(SPECIES, c, r3 + L));
            c32 = c32.add(FloatVector.fromArray(SPECIES, c, r3 + 2 * L));
            c33 = c33.add(FloatVector.fromArray(SPECIES, c, r3 + 3 * L));
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c02.intoArray(c, r0 + 2 * L);
        c03.intoArray(c, r0 + 3 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c13.intoArray(c, r1 + 3 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c23.intoArray(c, r2 + 3 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        c33.intoArray(c, r3 + 3 * L);
    }

    // C[4][lanes of mask] += Σ_p op(A)[4][p] · B[p][mask]
    private static void tile4x1(int k, float[] a, int aOffset, int rowStride, int colStride,
                                float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc,
                                VectorMask<Float> mask, boolean overwrite) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0;
        int a0 = aOffset;
        int a1 = a0 + rowStride;
        int a2 = a1 + rowStride;
        int a3 = a2 + rowStride;
        for (int p = 0; p < k; p++) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, bOffset + p * ldb, mask);
            int ap = p * colStride;
            c0 = FloatVector.broadcast(SPECIES, a[a0 + ap]).fma(bv, c0);
            c1 = FloatVector.broadcast(SPECIES, a[a1 + ap]).fma(bv, c1);
            c2 = FloatVector.broadcast(SPECIES, a[a2 + ap]).fma(bv, c2);
            c3 = FloatVector.broadcast(SPECIES, a[a3 + ap]).fma(bv, c3);
        }
        if (!overwrite) {
            c0 = c0.add(FloatVector.fromArray(SPECIES, c, cOffset, mask));
            c1 = c1.add(FloatVector.fromArray(SPECIES, c, cOffset + ldc, mask));
            c2 = c2.add(FloatVector.fromArray(SPECIES, c, cOffset + 2 * ldc, mask));
            c3 = c3.add(FloatVector.fromArray(SPECIES, c, cOffset + 3 * ldc, mask));
        }
        c0.intoArray(c, cOffset, mask);
        c1.intoArray(c, cOffset + ldc, mask);
        c2.intoArray(c, cOffset + 2 * ldc, mask);
        c3.intoArray(c, cOffset + 3 * ldc, mask);
    }

    // C[1][lanes of mask] += Σ_p op(A)[1][p] · B[p][mask]
    private static void row1x1(int k, float[] a, int aOffset, int colStride, float[] b, int bOffset, int ldb,
                               float[] c, int cOffset, VectorMask<Float> mask, boolean overwrite) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, bOffset + p * ldb, mask);
            acc = FloatVector.broadcast(SPECIES, a[aOffset + p * colStride]).fma(bv, acc);
        }
        if (!overwrite) {
            acc = acc.add(FloatVector.fromArray(SPECIES, c, cOffset, mask));
        }
        acc.intoArray(c, cOffset, mask);
    }

    /**
     * C (m, n) += A (m, k) · B (n, k)ᵀ for a handful of columns (a softmax layer's classes): L rows
     * of C at a time, one lane per row, so that no lane idles. Each step along k gathers a column
     * of A for the L rows and multiplies it by up to four broadcast elements of B.
     */
    private static void fewColumns(int m, int n, int k, float[] a, int aOffset, int lda,
                                   float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc) {
        int[] rowsOfA = new int[L];
        int[] rowsOfC = new int[L];
        for (int l = 0; l < L; l++) {
            rowsOfA[l] = l * lda;
            rowsOfC[l] = l * ldc;
        }
        int i = 0;
        for (; i + L <= m; i += L) {
            for (int j = 0; j < n; j += 4) {
                fourColumns(Math.min(4, n - j), k, a, aOffset + i * lda, rowsOfA, b, bOffset + j * ldb, ldb,
                        c, cOffset + i * ldc + j, rowsOfC);
            }
        }
        // The last rows, fewer than a vector's worth: a gather under a mask still checks every lane's
        // index against the array, so they take the dot products instead.
        if (i < m) {
            dotProducts(m - i, n, k, a, aOffset + i * lda, lda, b, bOffset, ldb, c, cOffset + i * ldc, ldc);
        }
    }

    // C[L rows][up to 4 columns] += A[L rows][k] · B[up to 4 rows][k]ᵀ: a column of A (one element of
    // each of L rows, gathered) times four broadcast elements of B per step along k
    private static void fourColumns(int columns, int k, float[] a, int ai, int[] rowsOfA, float[] b, int b0, int ldb,
                                    float[] c, int ci, int[] rowsOfC) {
        int b1 = columns > 1 ? b0 + ldb : -1;
        int b2 = columns > 2 ? b0 + 2 * ldb : -1;
        int b3 = columns > 3 ? b0 + 3 * ldb : -1;
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        for (int p = 0; p < k; p++) {
            FloatVector column = FloatVector.fromArray(SPECIES, a, ai + p, rowsOfA, 0);
            s0 = column.fma(FloatVector.broadcast(SPECIES, b[b0 + p]), s0);
            s1 = column.fma(FloatVector.broadcast(SPECIES, b1 < 0 ? 0f : b[b1 + p]), s1);
            s2 = column.fma(FloatVector.broadcast(SPECIES, b2 < 0 ? 0f : b[b2 + p]), s2);
            s3 = column.fma(FloatVector.broadcast(SPECIES, b3 < 0 ? 0f : b[b3 + p]), s3);
        }
        FloatVector.fromArray(SPECIES, c, ci, rowsOfC, 0).add(s0).intoArray(c, ci, rowsOfC, 0);
        if (b1 >= 0) {
            FloatVector.fromArray(SPECIES, c, ci + 1, rowsOfC, 0).add(s1).intoArray(c, ci + 1, rowsOfC, 0);
        }
        if (b2 >= 0) {
            FloatVector.fromArray(SPECIES, c, ci + 2, rowsOfC, 0).add(s2).intoArray(c, ci + 2, rowsOfC, 0);
        }
        if (b3 >= 0) {
            FloatVector.fromArray(SPECIES, c, ci + 3, rowsOfC, 0).add(s3).intoArray(c, ci + 3, rowsOfC, 0);
        }
    }

    /**
     * C (m, n) += A (m, k) · B (n, k)ᵀ as dot products of rows along k: each row of A is loaded
     * once a vector at a time and multiplied with eight rows of B at once, eight independent
     * chains of fused multiply-adds that keep both FMA units busy.
     */
    private static void dotProducts(int m, int n, int k, float[] a, int aOffset, int lda,
                                    float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc) {
        int whole = SPECIES.loopBound(k);
        for (int i = 0; i < m; i++) {
            int ai = aOffset + i * lda;
            int ci = cOffset + i * ldc;
            int j = 0;
            for (; j + 8 <= n; j += 8) {
                dot8(whole, a, ai, b, bOffset + j * ldb, ldb, c, ci + j);
            }
            for (; j < n; j++) {
                c[ci + j] += dot(whole, a, ai, b, bOffset + j * ldb);
            }
            if (whole < k) {
                // the last k % L terms, in scalar arithmetic, in order
                for (j = 0; j < n; j++) {
                    int bj = bOffset + j * ldb;
                    float rest = 0f;
                    for (int p = whole; p < k; p++) {
                        rest += a[ai + p] * b[bj + p];
                    }
                    c[ci + j] += rest;
                }
            }
        }
    }

    // c[at .. at + 8) += the dot products, over [0, whole), of a row of A with eight consecutive
    // rows of B. Kept small on purpose: with more live vectors the JIT's first tier gives up on a
    // method, and then the optimising tier never compiles it.
    private static void dot8(int whole, float[] a, int ai, float[] b, int b0, int ldb, float[] c, int at) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        FloatVector s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int p = 0; p < whole; p += L) {
            FloatVector x = FloatVector.fromArray(SPECIES, a, ai + p);
            int bp = b0 + p;
            s0 = x.fma(FloatVector.fromArray(SPECIES, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(SPECIES, b, bp + ldb), s1);
            s2 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 2 * ldb), s2);
            s3 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 3 * ldb), s3);
            s4 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 4 * ldb), s4);
            s5 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 5 * ldb), s5);
            s6 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 6 * ldb), s6);
            s7 = x.fma(FloatVector.fromArray(SPECIES, b, bp + 7 * ldb), s7);
        }
        c[at] += sum(s0);
        c[at + 1] += sum(s1);
        c[at + 2] += sum(s2);
        c[at + 3] += sum(s3);
        c[at + 4] += sum(s4);
        c[at + 5] += sum(s5);
        c[at + 6] += sum(s6);
        c[at + 7] += sum(s7);
    }

    private static float dot(int whole, float[] a, int ai, float[] b, int bj) {
        FloatVector s = FloatVector.zero(SPECIES);
        for (int p = 0; p < whole; p += L) {
            s = FloatVector.fromArray(SPECIES, a, ai + p).fma(FloatVector.fromArray(SPECIES, b, bj + p), s);
        }
        return sum(s);
    }

    /**
     * The sum of the lanes, added in a fixed tree order. {@code reduceLanes(ADD)} may add floats
     * in one order when the JIT has compiled the caller and in another before, which would give
     * different bits for the same product.
     */
    private static float sum(FloatVector v) {
        for (VectorShuffle<Float> fold : FOLDS) {
            v = v.add(v.rearrange(fold));
        }
        return v.lane(0);
    }

    @Override
    public String name() {
        return "vector-java";
    }
}
