package io.mlpservice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a result line records about where it ran: JVM, flags, CPU, kernel setting. */
final class BenchEnvironment {

    private BenchEnvironment() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("java", System.getProperty("java.runtime.version"));
        env.put("vm", System.getProperty("java.vm.name"));
        env.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        env.put("mlp.engine.kernel", System.getProperty("mlp.engine.kernel"));
        env.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        env.put("cpu", cpuModel());
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("OPENBLAS_CORETYPE", System.getenv("OPENBLAS_CORETYPE"));
        env.put("OPENBLAS_L2_SIZE", System.getenv("OPENBLAS_L2_SIZE"));
        return env;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the field stays unknown
        }
        return System.getProperty("os.arch");
    }
}
