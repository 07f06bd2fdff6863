package io.mlpservice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a result line records about where it ran: JVM, flags, AOT cache, CPU, kernel setting. */
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
        env.put("aot_cache", aotCache());
        env.put("class_sharing", classSharing());
        env.put("OPENBLAS_CORETYPE", System.getenv("OPENBLAS_CORETYPE"));
        env.put("OPENBLAS_L2_SIZE", System.getenv("OPENBLAS_L2_SIZE"));
        return env;
    }

    /** The file of {@code -XX:AOTCache=FILE} on the command line, or null without one. */
    static String aotCache() {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:AOTCache=")) {
                return arg.substring("-XX:AOTCache=".length());
            }
        }
        return null;
    }

    /**
     * "on" when the JVM maps an archive of classes (the JDK's own, or the AOT cache given), as
     * {@code jcmd VM.info} says; null where it does not tell. A cache recorded with another
     * class path or JDK is refused with a warning on standard output, which compare.sh keeps in
     * its log.
     */
    private static String classSharing() {
        try {
            String info = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmInfo",
                    new Object[] {null}, new String[] {String[].class.getName()});
            for (String line : info.split("\n")) {
                if (line.startsWith("CDS: ")) {
                    return line.substring(5).strip();
                }
            }
        } catch (javax.management.JMException | RuntimeException e) {
            // not HotSpot: unknown
        }
        return null;
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
