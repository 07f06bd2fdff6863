package io.mlpservice.engine.linalg;

import io.mlpservice.engine.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the matrix-product kernel. {@code auto} takes OpenBLAS when it loads here and agrees
 * with the reference kernel on a check product, else the pure-Java kernel; {@code native},
 * {@code java}, {@code blocked} and {@code naive} force one. The pure-Java kernel ({@code java})
 * is the Vector API one when the JVM has the Vector API module ({@link Kernels}), else the
 * blocked one. The default comes from the system property {@code mlp.engine.kernel}; the
 * service logs its choice in {@link Kernels#summary}.
 */
public final class MatMuls {

    /** The system property that picks the default kernel. */
    public static final String PROPERTY = "mlp.engine.kernel";

    private MatMuls() {
    }

    private static final class Native {
        static final List<String> PROBLEMS = new ArrayList<>();
        static final Optional<MatMul> KERNEL = OpenBlasMatMul.load(PROBLEMS).filter(MatMuls::agreesWithReference)
                .map(MatMul.class::cast);
    }

    private static final class Default {
        static final MatMul KERNEL = named(System.getProperty(PROPERTY, "auto"));
    }

    /** The kernel the system property asks for, {@code auto} when it is not set. */
    public static MatMul defaultKernel() {
        return Default.KERNEL;
    }

    /** OpenBLAS, when its library loads here and computes correctly. */
    public static Optional<MatMul> nativeKernel() {
        return Native.KERNEL;
    }

    /**
     * OpenBLAS with every product sent to it, however small or thin, where the kernels that
     * {@link #named} gives send those to the pure-Java kernel: for measuring one beside the other.
     */
    public static Optional<MatMul> nativeKernelAlone() {
        return Native.KERNEL.map(kernel -> ((OpenBlasMatMul) kernel).everythingNative());
    }

    /**
     * The kernel of the given name.
     *
     * @throws IllegalArgumentException for an unknown name, or {@code native} where OpenBLAS does not load
     */
    public static MatMul named(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        MatMul kernel = switch (key) {
            case "auto" -> Native.KERNEL.orElseGet(MatMuls::javaKernel);
            case "native" -> Native.KERNEL.orElseThrow(() -> new IllegalArgumentException(
                    "kernel 'native' asked for, but OpenBLAS does not load here: "
                            + (Native.PROBLEMS.isEmpty() ? "no libopenblas found" : String.join("; ", Native.PROBLEMS))));
            case "java" -> javaKernel();
            case "blocked" -> new BlockedMatMul();
            case "naive" -> new NaiveMatMul();
            default -> throw new IllegalArgumentException(
                    "unknown kernel '" + name + "'; expected one of auto, native, java, blocked, naive");
        };
        return kernel;
    }

    /**
     * The pure-Java kernel: the Vector API one ({@code vector-java}) when the JVM has the module,
     * else the blocked one ({@code blocked-java}), which the JIT compiles to SIMD as it can.
     */
    public static MatMul javaKernel() {
        return Kernels.vectorApi() ? new VectorMatMul() : new BlockedMatMul();
    }

    /**
     * A kernel in words, for the log: its name, and OpenBLAS's library file, or that OpenBLAS is
     * not available when the pure-Java kernel stands in for it.
     */
    public static String describe(MatMul kernel) {
        if (kernel instanceof OpenBlasMatMul blas) {
            return kernel.name() + " (library " + blas.library() + ")";
        }
        return kernel.name() + (Native.KERNEL.isEmpty() ? " (OpenBLAS not available)" : "");
    }

    // A 70x50x90 product against the naive kernel: a library that loads but computes wrongly is not used.
    private static boolean agreesWithReference(MatMul kernel) {
        int m = 70;
        int n = 50;
        int k = 90;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 7) - 3;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (i % 5) - 2;
        }
        float[] expected = new float[m * n];
        float[] actual = new float[m * n];
        new NaiveMatMul().gemm(false, false, m, n, k, a, 0, k, b, 0, n, 0f, expected, 0, n);
        kernel.gemm(false, false, m, n, k, a, 0, k, b, 0, n, 0f, actual, 0, n);
        return java.util.Arrays.equals(expected, actual);   // small integers: exact in any order
    }
}
