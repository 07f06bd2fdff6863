package io.mlpservice.engine.linalg;

/**
 * A cache-blocked product in plain Java. Each (KC, NC) block of op(B) is packed into a contiguous
 * row-major panel, so that whatever the transposes, the innermost loop is a unit-stride
 * {@code c[j] += a * b[j]} that the JIT compiles to SIMD; four rows of C share each load of the
 * panel. The panel is allocated per call, so one instance is safe to share between threads.
 */
public final class BlockedMatMul implements MatMul {

    /** Depth of a packed block: KC rows of op(B). */
    private static final int KC = 256;
    /** Width of a packed block: NC columns of op(B); a row of C stays in L1 (2 KiB). */
    private static final int NC = 512;

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        scale(m, n, beta, c, cOffset, ldc);
        if (k == 0) {
            return;
        }
        float[] panel = new float[Math.min(KC, k) * Math.min(NC, n)];
        for (int jc = 0; jc < n; jc += NC) {
            int nb = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kb = Math.min(KC, k - pc);
                pack(transB, b, bOffset, ldb, pc, kb, jc, nb, panel);
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    fourRows(transA, a, aOffset, lda, i, pc, kb, panel, nb, c, cOffset + i * ldc + jc, ldc);
                }
                for (; i < m; i++) {
                    oneRow(transA, a, aOffset, lda, i, pc, kb, panel, nb, c, cOffset + i * ldc + jc);
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

    // panel (kb, nb) = op(B)[pc .. pc + kb, jc .. jc + nb]
    private static void pack(boolean transB, float[] b, int bOffset, int ldb,
                             int pc, int kb, int jc, int nb, float[] panel) {
        for (int p = 0; p < kb; p++) {
            int dst = p * nb;
            if (transB) {
                int src = bOffset + jc * ldb + pc + p;
                for (int j = 0; j < nb; j++) {
                    panel[dst + j] = b[src + j * ldb];
                }
            } else {
                System.arraycopy(b, bOffset + (pc + p) * ldb + jc, panel, dst, nb);
            }
        }
    }

    private static float elementOfA(boolean transA, float[] a, int aOffset, int lda, int i, int p) {
        return transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
    }

    private static void fourRows(boolean transA, float[] a, int aOffset, int lda, int i, int pc, int kb,
                                 float[] panel, int nb, float[] c, int c0, int ldc) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        for (int p = 0; p < kb; p++) {
            float a0 = elementOfA(transA, a, aOffset, lda, i, pc + p);
            float a1 = elementOfA(transA, a, aOffset, lda, i + 1, pc + p);
            float a2 = elementOfA(transA, a, aOffset, lda, i + 2, pc + p);
            float a3 = elementOfA(transA, a, aOffset, lda, i + 3, pc + p);
            int row = p * nb;
            for (int j = 0; j < nb; j++) {
                float bpj = panel[row + j];
                c[c0 + j] += a0 * bpj;
                c[c1 + j] += a1 * bpj;
                c[c2 + j] += a2 * bpj;
                c[c3 + j] += a3 * bpj;
            }
        }
    }

    private static void oneRow(boolean transA, float[] a, int aOffset, int lda, int i, int pc, int kb,
                               float[] panel, int nb, float[] c, int c0) {
        for (int p = 0; p < kb; p++) {
            float aip = elementOfA(transA, a, aOffset, lda, i, pc + p);
            int row = p * nb;
            for (int j = 0; j < nb; j++) {
                c[c0 + j] += aip * panel[row + j];
            }
        }
    }

    @Override
    public String name() {
        return "blocked-java";
    }
}
