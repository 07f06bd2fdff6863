package io.mlpservice.bench;

import io.mlpservice.engine.Network;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMuls;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one workload of WORKLOADS.md on our engine and prints one JSON line, with the field names
 * of the peer scripts in {@code bench/peers}. One run per JVM: {@code bench/compare.sh} starts a
 * fresh one each time and interleaves the runs with the peers'.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *        -cp target/classes:target/test-classes io.mlpservice.bench.MlpBench W1|W2|W3|infer [--impl NAME]
 * </pre>
 *
 * Exit status: 0 done; 2 bad arguments; 3 the data, initial weights or epoch order differ from
 * WORKLOADS.md (nothing timed); 4 the inference probabilities are wrong (the line is printed, with
 * {@code "probabilities_ok": false}). A final loss outside the tolerance of section 7b is
 * reported in the line ({@code "final_loss_ok": false}) and does not change the exit status.
 */
public final class MlpBench {

    /** The thread budget of WORKLOADS.md section 1: the engine itself decides how to use it. */
    static final int THREADS = 2;

    private MlpBench() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args.length != 1 && args.length != 3
                || args.length == 3 && !args[1].equals("--impl")) {
            usage("expected a workload and at most --impl NAME");
            return;
        }
        String impl = args.length == 3 ? args[2] : defaultImpl();
        JsonLine line;
        try {
            line = switch (args[0].toUpperCase(Locale.ROOT)) {
                case "W1" -> TrainingBench.fullBatch(Workload.W1, impl);
                case "W2" -> TrainingBench.miniBatch(Workload.W2, impl);
                case "W3" -> TrainingBench.miniBatch(Workload.W3, impl);
                case "INFER" -> InferenceBench.run(Workload.W2, impl);
                default -> {
                    usage("unknown workload '" + args[0] + "'");
                    yield null;
                }
            };
        } catch (CheckFailure e) {
            System.err.println("mlp-bench: " + e.getMessage());
            System.err.println("mlp-bench: nothing was timed; this is not the workload of WORKLOADS.md.");
            System.exit(3);
            return;
        }
        if (line == null) {
            return;
        }
        line.put("env", BenchEnvironment.describe());
        System.out.println(line);
        System.out.flush();
        if (Boolean.FALSE.equals(line.get("probabilities_ok"))) {
            System.exit(4);
        }
    }

    /**
     * {@code java} with the default kernel choice; {@code java-purejava} with {@code -Dmlp.engine.kernel=java}
     * (the pure-Java path, measured in every case); {@code java-<kernel>} for any other; each with
     * {@code -aot} appended when the JVM runs with an AOT cache ({@code -XX:AOTCache}).
     */
    static String defaultImpl() {
        String kernel = System.getProperty("mlp.engine.kernel");
        String name;
        if (kernel == null || kernel.isBlank() || kernel.equals("auto")) {
            name = "java";
        } else {
            name = kernel.equals("java") ? "java-purejava" : "java-" + kernel;
        }
        return BenchEnvironment.aotCache() != null ? name + "-aot" : name;
    }

    private static void usage(String problem) {
        System.err.println("mlp-bench: " + problem);
        System.err.println("usage: MlpBench W1|W2|W3|infer [--impl NAME]   (see bench/README.md)");
        System.exit(2);
    }

    /** The fields every line starts with, in the peers' order. */
    static JsonLine header(Workload w, String impl) {
        return new JsonLine()
                .put("script", "MlpBench")
                .put("workload", w.name())
                .put("impl", impl)
                .put("compute_dtype", "float32")
                .put("threads", THREADS)
                .put("kernel", MatMuls.defaultKernel().name());
    }

    /** A network holding {@code params}, as the service builds one: no standardisation, default kernel. */
    static Network network(Workload w, float[] params) {
        return new Network(w.spec(), params, Standardizer.identity(w.features), MatMuls.defaultKernel());
    }

    /**
     * Mean cross-entropy over all rows, {@code -log p[label]} of the network's own probabilities,
     * in float64 with the peers' floor of 1e-300 under p. Untimed.
     */
    static double meanCrossEntropy(Network net, SyntheticData data) {
        int d = data.workload().features;
        int c = data.workload().classes;
        int batch = 1024;
        float[] p = new float[batch * c];
        double total = 0;
        for (int first = 0; first < data.rows(); first += batch) {
            int n = Math.min(batch, data.rows() - first);
            net.predictProbabilities(data.x(), first * d, n, p, 0);
            for (int i = 0; i < n; i++) {
                total -= Math.log(Math.max(p[i * c + data.labels()[first + i]], 1e-300));
            }
        }
        return total / data.rows();
    }

    /** The median as numpy computes it: the mean of the two middle values for an even count. */
    static double median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2.0;
    }

    /**
     * CPU time of the whole process so far, in nanoseconds (all its threads, JIT and GC
     * included), or -1 where the JVM does not tell. Over a timed stretch, CPU time ÷ wall time says
     * how many of the two cores the engine kept busy.
     */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU seconds per wall second over a stretch, 2 decimals; null when unknown. */
    static Double coresUsed(long cpuStart, long cpuEnd, double wallSeconds) {
        return cpuStart < 0 || cpuEnd < 0 ? null : JsonLine.round((cpuEnd - cpuStart) / 1e9 / wallSeconds, 2);
    }

    static Map<String, Object> checks(String data, String weights, String order) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("weights", weights);
        if (order != null) {
            m.put("epoch_order", order);
        }
        return m;
    }
}
