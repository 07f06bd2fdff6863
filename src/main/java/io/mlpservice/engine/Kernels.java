package io.mlpservice.engine;

import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.linalg.MatMuls;

/**
 * Which element-wise kernels the engine runs, chosen once when the engine is first used: the
 * Vector API kernel when the JVM has resolved the incubator module {@code jdk.incubator.vector}
 * (started with {@code --add-modules jdk.incubator.vector}), else the scalar Java kernel. No class
 * that names a Vector API type is loaded in the second case, so the engine, and the service, run
 * on a JVM started with no option at all.
 * <p>
 * Both kernels compute activations and softmax's exponentials with the same operations in the
 * same order, so they give the same bits there; a one-row prediction's products add in another
 * order on each, within float rounding of one another. Either kernel on its own gives the same
 * bits on every run.
 */
public final class Kernels {

    /** The incubator module that holds the Vector API. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final boolean VECTOR_API = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();

    /** The element-wise kernel: a constant, so that the JIT binds and inlines every call to it. */
    static final ElementKernels ELEMENTS = VECTOR_API ? new VectorElementKernels() : new ScalarElementKernels();

    private Kernels() {
    }

    /** Whether the engine computes with the Vector API: the JVM has resolved {@value #VECTOR_MODULE}. */
    public static boolean vectorApi() {
        return VECTOR_API;
    }

    /**
     * The element-wise kernel in words: {@code "Vector API (512-bit float lanes)"}, or the scalar
     * kernel with the option that would give the Vector API.
     */
    public static String elementwise() {
        return VECTOR_API
                ? "Vector API (" + ELEMENTS.lanes() * Float.SIZE + "-bit float lanes)"
                : "scalar Java (start with --add-modules " + VECTOR_MODULE + " for the Vector API)";
    }

    /**
     * The one line that names every kernel the engine runs with the given matrix product:
     * {@code "Engine kernels: Vector API (512-bit float lanes), matrix products: openblas (...)"}.
     */
    public static String summary(MatMul matMul) {
        return "Engine kernels: " + elementwise() + ", matrix products: " + MatMuls.describe(matMul);
    }
}
