package io.mlpservice.engine.linalg;

/**
 * The reference product: three loops, one float accumulator per output, summed in index order.
 * Slow and obviously right; every faster kernel is tested against it.
 */
public final class NaiveMatMul implements MatMul {

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float bpj = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += aip * bpj;
                }
                int ci = cOffset + i * ldc + j;
                c[ci] = beta == 0f ? sum : sum + beta * c[ci];
            }
        }
    }

    @Override
    public String name() {
        return "naive";
    }
}
