package io.mlpservice.engine.linalg;

/** Chooses the matrix-product kernel the engine uses by default. */
public final class MatMuls {

    private static final MatMul DEFAULT = new BlockedMatMul();

    private MatMuls() {
    }

    /** The fastest kernel available on this machine. */
    public static MatMul defaultKernel() {
        return DEFAULT;
    }
}
