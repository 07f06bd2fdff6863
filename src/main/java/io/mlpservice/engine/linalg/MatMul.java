package io.mlpservice.engine.linalg;

/**
 * The one matrix product the layers need, in the shape of BLAS {@code sgemm} on row-major
 * {@code float[]} buffers with offsets:
 *
 * <pre>
 *   C = op(A) · op(B) + beta · C
 *   op(A) is (m, k): A stored (m, k) with row stride lda, or (k, m) when transA
 *   op(B) is (k, n): B stored (k, n) with row stride ldb, or (n, k) when transB
 *   C     is (m, n) with row stride ldc
 * </pre>
 *
 * Implementations are stateless or thread-safe: one instance serves concurrent trainings and
 * predictions. For a given instance and shape the result does not depend on timing, so training
 * stays bit-for-bit reproducible.
 */
public interface MatMul {

    /**
     * Computes {@code C = op(A) · op(B) + beta · C}. With {@code beta == 0} the old contents of C
     * are ignored, NaN included.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOffset, int lda,
              float[] b, int bOffset, int ldb,
              float beta, float[] c, int cOffset, int ldc);

    /** A short name for logs and benchmark output, such as {@code "blocked-java"}. */
    String name();
}
