package io.mlpservice.engine.linalg;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OpenBLAS's {@code cblas_sgemm}, called through the Foreign Function and Memory API: no JNI code
 * of ours, and no copy of the arrays either. The downcall is "critical", so the JVM hands the
 * native code the addresses of the heap arrays themselves for the length of the call.
 * <p>
 * OpenBLAS runs each call on the calling thread alone ({@code openblas_set_num_threads(1)}): the
 * engine splits rows among cores itself, and two thread pools on the same two cores would fight.
 * Tiny products, where a native call and OpenBLAS's own set-up cost more than the arithmetic, go
 * to the pure-Java kernel instead ({@link MatMuls#javaKernel()}).
 */
public final class OpenBlasMatMul implements MatMul {

    /**
     * Below this many multiply-adds a native call and OpenBLAS's own set-up cost more than the
     * arithmetic, and the pure-Java kernel takes the product.
     */
    static final long NATIVE_MIN_MACS = 16L * 16 * 16;
    /**
     * Thin products (a layer of 20 inputs, 4 classes, a batch slice of a few rows) go to OpenBLAS
     * too: measured on the training shapes of a 20-64-4 and a 784-256-128-10 network, OpenBLAS was
     * as fast as the Vector API kernel on them or faster (10×128×64: 120 against 79 GFLOP/s), and
     * a native call needs no JIT compilation, which the first epochs would otherwise wait for.
     */
    static final int NATIVE_MIN_SIDE = 2;

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private final MethodHandle sgemm;
    private final Path library;
    private final MatMul small;

    private OpenBlasMatMul(MethodHandle sgemm, Path library, MatMul small) {
        this.sgemm = sgemm;
        this.library = library;
        this.small = small;
    }

    /** The same library with every product, however small, sent to it: for tests of the binding. */
    OpenBlasMatMul everythingNative() {
        return new OpenBlasMatMul(sgemm, library, null);
    }

    /**
     * Loads OpenBLAS from the first of the usual places that has it, or says why it could not.
     *
     * @return the kernel, or empty when no OpenBLAS library loads on this machine
     */
    public static Optional<OpenBlasMatMul> load(List<String> problems) {
        for (Path candidate : candidates()) {
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(candidate, Arena.global());
                Linker linker = Linker.nativeLinker();
                MethodHandle sgemm = linker.downcallHandle(lookup.find("cblas_sgemm").orElseThrow(),
                        FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_FLOAT,
                                ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                        Linker.Option.critical(true));
                Optional<MemorySegment> setThreads = lookup.find("openblas_set_num_threads");
                if (setThreads.isPresent()) {
                    linker.downcallHandle(setThreads.get(), FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT))
                            .invokeExact(1);
                }
                return Optional.of(new OpenBlasMatMul(sgemm, candidate, MatMuls.javaKernel()));
            } catch (Throwable e) {     // a library that is absent, broken or not OpenBLAS: try the next
                problems.add(candidate + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates() {
        List<Path> paths = new ArrayList<>();
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
                "/usr/lib", "/usr/local/lib", "/opt/homebrew/opt/openblas/lib")) {
            for (String name : List.of("libopenblas.so.0", "libopenblas.so", "openblas-pthread/libopenblas.so.0",
                    "openblas-openmp/libopenblas.so.0", "libopenblas.dylib")) {
                Path path = Path.of(dir, name);
                if (Files.exists(path)) {
                    paths.add(path);
                }
            }
        }
        return paths;
    }

    /** The library file in use. */
    public Path library() {
        return library;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        if (small != null && ((long) m * n * k < NATIVE_MIN_MACS
                || Math.min(m, Math.min(n, k)) < NATIVE_MIN_SIDE)) {
            small.gemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        try {
            sgemm.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, 1f,
                    MemorySegment.ofArray(a).asSlice(4L * aOffset), lda,
                    MemorySegment.ofArray(b).asSlice(4L * bOffset), ldb, beta,
                    MemorySegment.ofArray(c).asSlice(4L * cOffset), ldc);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sgemm failed", e);
        }
    }

    @Override
    public String name() {
        return small != null ? "openblas" : "openblas-only";
    }
}
