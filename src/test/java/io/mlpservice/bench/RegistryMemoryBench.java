package io.mlpservice.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much heap the registry holds, measured on the packaged service as an operator runs it:
 * 1,000 trained 784-256-128-10 models in memory-only mode and with a bound on resident weights,
 * and the history of a running 1,000,000-epoch job. Each figure is the heap in use right after a
 * full collection that {@code jcmd <pid> GC.run} asks for, read from {@code /actuator/metrics}.
 * Not a test: {@code bench/memory.sh} runs it and it prints one line per figure.
 *
 * <pre>
 *   java -cp target/test-classes io.mlpservice.bench.RegistryMemoryBench models|history [models]
 * </pre>
 */
public final class RegistryMemoryBench {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern VALUE = Pattern.compile("\"value\":([0-9.Ee+-]+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private RegistryMemoryBench(Path storage, String heap, String... options) throws IOException, InterruptedException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx" + heap,
                "-jar", "target/mlp-service.jar", "--server.port=" + port,
                "--mlp.storage.dir=" + (storage == null ? "" : storage.toString()),
                "--mlp.security.enabled=false", "--mlp.limits.max-models=2000", "--logging.level.root=WARN"));
        command.addAll(List.of(options));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 600 && !ready(); i++) {
            Thread.sleep(100);        // waiting for an external process to listen
        }
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private String send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2));
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    /** Heap in use after a full collection, in bytes. */
    private long heapAfterGc() throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gc.waitFor();
        String metric = send("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap", null);
        Matcher m = VALUE.matcher(metric);
        if (!m.find()) {
            throw new IllegalStateException("no value in " + metric);
        }
        return (long) Double.parseDouble(m.group(1));
    }

    private void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** Two rows of 784 features and their labels: enough for a job that trains a W2-sized model. */
    private static String tinyJob(SplittableRandom random) {
        StringBuilder features = new StringBuilder("[");
        for (int r = 0; r < 2; r++) {
            features.append(r == 0 ? "[" : ",[");
            for (int f = 0; f < 784; f++) {
                features.append(f == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", random.nextDouble()));
            }
            features.append(']');
        }
        return "{\"features\": " + features + "], \"labels\": [0, 1], \"epochs\": 1}";
    }

    private void trainModels(int count) throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(1);
        String job = tinyJob(random);
        for (int i = 0; i < count; i++) {
            String model = id(send("POST", "/api/v1/models",
                    "{\"inputSize\": 784, \"hiddenLayers\": [256, 128], \"outputSize\": 10, \"seed\": " + i + "}"));
            String jobId = id(send("POST", "/api/v1/models/" + model + "/training-jobs", job));
            while (!send("GET", "/api/v1/training-jobs/" + jobId, null).contains("\"status\":\"SUCCEEDED\"")) {
                Thread.sleep(2);      // a client following its job
            }
        }
    }

    private static void print(String what, String mode, long bytes, String goal) {
        System.out.printf(Locale.ROOT, "{\"bench\": \"memory\", \"case\": \"%s\", \"mode\": \"%s\", \"heap_mb\": %.1f, "
                + "\"goal\": \"%s\"}%n", what, mode, bytes / 1048576.0, goal);
    }

    private static void models(int count) throws Exception {
        RegistryMemoryBench memory = new RegistryMemoryBench(null, "3g");
        try {
            long empty = memory.heapAfterGc();
            memory.trainModels(count);
            print("empty service", "memory-only", empty, "");
            print(count + " trained 784-256-128-10 models", "memory-only", memory.heapAfterGc(), "< 1536 MB");
        } finally {
            memory.stop();
        }
        Path dir = Files.createTempDirectory("mlp-memory-bench");
        RegistryMemoryBench bounded = new RegistryMemoryBench(dir, "3g", "--mlp.registry.max-resident-bytes=256MB");
        try {
            bounded.trainModels(count);
            for (int i = 0; i < 3; i++) {
                bounded.heapAfterGc();
            }
            print(count + " trained 784-256-128-10 models", "storage dir, max-resident-bytes=256MB",
                    bounded.heapAfterGc(), "< 400 MB");
        } finally {
            bounded.stop();
        }
    }

    private static void history(int epochs) throws Exception {
        for (String mode : List.of("memory-only", "storage dir")) {
            Path dir = mode.equals("memory-only") ? null : Files.createTempDirectory("mlp-history-bench");
            RegistryMemoryBench bench = new RegistryMemoryBench(dir, "1g");
            try {
                String model = id(bench.send("POST", "/api/v1/models",
                        "{\"inputSize\": 2, \"hiddenLayers\": [4], \"outputSize\": 2, \"seed\": 1}"));
                long before = bench.heapAfterGc();
                String job = id(bench.send("POST", "/api/v1/models/" + model + "/training-jobs",
                        "{\"features\": [[0,0],[0,1],[1,0],[1,1]], \"labels\": [0,1,1,0], \"epochs\": " + epochs + "}"));
                long done = 0;
                while (done < epochs * 9L / 10) {
                    Thread.sleep(500);
                    String view = bench.send("GET", "/api/v1/training-jobs/" + job, null);
                    Matcher m = Pattern.compile("\"epochsCompleted\":(\\d+)").matcher(view);
                    done = m.find() ? Long.parseLong(m.group(1)) : 0;
                }
                long during = bench.heapAfterGc();
                System.out.printf(Locale.ROOT, "{\"bench\": \"memory\", \"case\": \"history of a running job at %d of "
                        + "%d epochs\", \"mode\": \"%s\", \"heap_mb\": %.1f}%n", done, epochs, mode,
                        (during - before) / 1048576.0);
            } finally {
                bench.stop();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "models" : args[0]) {
            case "models" -> models(args.length > 1 ? Integer.parseInt(args[1]) : 1000);
            case "history" -> history(args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
            default -> throw new IllegalArgumentException("expected models or history, was " + args[0]);
        }
    }
}
