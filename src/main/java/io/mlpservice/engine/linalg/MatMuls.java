package io.mlpservice.engine.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the matrix-product kernel. {@code auto} takes OpenBLAS when it loads here and agrees
 * with the reference kernel on a check product, else the Vector API kernel; {@code native},
 * {@code java}, {@code blocked} and {@code naive} force one. The default comes from the system
 * property {@code mlp.engine.kernel}; the choice is logged once.
 */
public final class MatMuls {

    /** The system property that picks the default kernel. */
    public static final String PROPERTY = "mlp.engine.kernel";

    private static final System.Logger LOG = System.getLogger(MatMuls.class.getName());

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
     * {@link #named} gives send those to the Vector API kernel: for measuring one beside the other.
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
            case "auto" -> Native.KERNEL.orElseGet(VectorMatMul::new);
            case "native" -> Native.KERNEL.orElseThrow(() -> new IllegalArgumentException(
                    "kernel 'native' asked for, but OpenBLAS does not load here: "
                            + (Native.PROBLEMS.isEmpty() ? "no libopenblas found" : String.join("; ", Native.PROBLEMS))));
            case "java" -> new VectorMatMul();
            case "blocked" -> new BlockedMatMul();
            case "naive" -> new NaiveMatMul();
            default -> throw new IllegalArgumentException(
                    "unknown kernel '" + name + "'; expected one of auto, native, java, blocked, naive");
        };
        LOG.log(System.Logger.Level.INFO, "Matrix kernel: {0} (asked for {1}{2})", kernel.name(), key,
                kernel instanceof OpenBlasMatMul blas ? ", library " + blas.library()
                        : key.equals("auto") ? ", OpenBLAS not available" : "");
        return kernel;
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
