package io.mlpservice.engine.linalg;

/**
 * A cache-blocked product in plain Java: the engine's pure-Java product on a JVM without the
 * Vector API module. Each (KC, NC) block of op(B) is packed into KC rows of its own, so that
 * whatever the transposes, the innermost loop is {@code acc[j] += a * row[j]} over two arrays
 * indexed alike from 0: the one shape of loop the JIT compiles to SIMD instructions without the
 * Vector API (measured here: about 30 GFLOP/s a core, against 1 to 2 for the same loop with
 * offsets). Four rows of C are copied into such accumulators, share each row of the panel, and go
 * back; every element is still summed over k in index order, so the bits do not depend on the
 * blocking. The buffers are allocated per call, so one instance is safe to share between threads.
 */
public final class BlockedMatMul implements MatMul {

    /** Depth of a packed block: KC rows of op(B). */
    private static final int KC = 256;
    /** Width of a packed block: NC columns of op(B); a row of C stays in L1 (2 KiB). */
    private static final int NC = 512;
    /** Rows of C that share each row of the panel. */
    private static final int MR = 4;

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        scale(m, n, beta, c, cOffset, ldc);
        if (k == 0 || m == 0 || n == 0) {
            return;
        }
        float[][] panel = new float[Math.min(KC, k)][Math.min(NC, n)];
        float[][] acc = new float[MR][Math.min(NC, n)];
        for (int jc = 0; jc < n; jc += NC) {
            int nb = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kb = Math.min(KC, k - pc);
                pack(transB, b, bOffset, ldb, pc, kb, jc, nb, panel);
                int i = 0;
                for (; i + MR <= m; i += MR) {
                    fourRows(transA, a, aOffset, lda, i, pc, kb, panel, nb, acc, c, cOffset + i * ldc + jc, ldc);
                }
                for (; i < m; i++) {
                    oneRow(transA, a, aOffset, lda, i, pc, kb, panel, nb, acc[0], c, cOffset + i * ldc + jc);
                }
            }
        }
    }

    // C (m, n) = beta * C, writing zeros (not 0 * NaN) when beta is 0.
    private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    // panel[p][0 .. nb) = op(B)[pc + p][jc .. jc + nb), p < kb
    private static void pack(boolean transB, float[] b, int bOffset, int ldb,
                             int pc, int kb, int jc, int nb, float[][] panel) {
        for (int p = 0; p < kb; p++) {
            float[] row = panel[p];
            if (transB) {
                int src = bOffset + jc * ldb + pc + p;
                for (int j = 0; j < nb; j++) {
                    row[j] = b[src + j * ldb];
                }
            } else {
                System.arraycopy(b, bOffset + (pc + p) * ldb + jc, row, 0, nb);
            }
        }
    }

    private static float elementOfA(boolean transA, float[] a, int aOffset, int lda, int i, int p) {
        return transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
    }

    // C rows i .. i + 3, columns [jc, jc + nb) (from c0, stride ldc) += A rows i .. i + 3 · panel
    private static void fourRows(boolean transA, float[] a, int aOffset, int lda, int i, int pc, int kb,
                                 float[][] panel, int nb, float[][] acc, float[] c, int c0, int ldc) {
        for (int r = 0; r < MR; r++) {
            System.arraycopy(c, c0 + r * ldc, acc[r], 0, nb);
        }
        float[] acc0 = acc[0];
        float[] acc1 = acc[1];
        float[] acc2 = acc[2];
        float[] acc3 = acc[3];
        for (int p = 0; p < kb; p++) {
            addTimes4(acc0, acc1, acc2, acc3,
                    elementOfA(transA, a, aOffset, lda, i, pc + p),
                    elementOfA(transA, a, aOffset, lda, i + 1, pc + p),
                    elementOfA(transA, a, aOffset, lda, i + 2, pc + p),
                    elementOfA(transA, a, aOffset, lda, i + 3, pc + p), panel[p], nb);
        }
        for (int r = 0; r < MR; r++) {
            System.arraycopy(acc[r], 0, c, c0 + r * ldc, nb);
        }
    }

    // accR[j] += aR * row[j] for j < nb: arrays indexed alike from 0, which the JIT vectorises
    private static void addTimes4(float[] acc0, float[] acc1, float[] acc2, float[] acc3,
                                  float a0, float a1, float a2, float a3, float[] row, int nb) {
        for (int j = 0; j < nb; j++) {
            float bj = row[j];
            acc0[j] += a0 * bj;
            acc1[j] += a1 * bj;
            acc2[j] += a2 * bj;
            acc3[j] += a3 * bj;
        }
    }

    private static void oneRow(boolean transA, float[] a, int aOffset, int lda, int i, int pc, int kb,
                               float[][] panel, int nb, float[] acc, float[] c, int c0) {
        System.arraycopy(c, c0, acc, 0, nb);
        for (int p = 0; p < kb; p++) {
            addTimes(acc, elementOfA(transA, a, aOffset, lda, i, pc + p), panel[p], nb);
        }
        System.arraycopy(acc, 0, c, c0, nb);
    }

    // acc[j] += a * row[j] for j < nb
    private static void addTimes(float[] acc, float a, float[] row, int nb) {
        for (int j = 0; j < nb; j++) {
            acc[j] += a * row[j];
        }
    }

    @Override
    public String name() {
        return "blocked-java";
    }
}
