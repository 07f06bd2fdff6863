package io.mlpservice.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged service as a child process, as an operator runs it: {@code java -jar} on its own
 * port and storage directory. Its log is read line by line as it comes, so that a test waits for
 * what the service says it did (started, checkpointed a job) instead of polling.
 */
final class ServiceProcess implements AutoCloseable {

    /** How long a wait on a log line may last: generous, since a shared machine may run a job ten times slower. */
    private static final Duration PATIENCE = Duration.ofSeconds(360);
    /** Notified of every line any service logs, so that a test can wait for the first of several to say something. */
    private static final Object ANY_LINE = new Object();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final List<String> log = new ArrayList<>();
    private boolean logEnded;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = Thread.ofPlatform().daemon().name("service-log-" + port).start(this::readLog);
        reader.setUncaughtExceptionHandler((t, e) -> { });
    }

    /**
     * Starts the jar on a free port with the storage directory and extra {@code --name=value} options,
     * with the JVM options the README recommends; returns once the service reports that it accepts
     * traffic.
     */
    static ServiceProcess start(Path storage, String... options) {
        return start(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx512m"),
                storage, options);
    }

    /** As {@link #start(Path, String...)}, with plain {@code java -jar}: no JVM option at all. */
    static ServiceProcess startPlain(Path storage, String... options) {
        return start(List.of(), storage, options);
    }

    /** As {@link #start(Path, String...)}, with these JVM options instead of the README's. */
    static ServiceProcess start(List<String> jvmOptions, Path storage, String... options) {
        int port = freePort();
        Path jar = Path.of("target", "mlp-service.jar");
        assertThat(jar).as("the packaged jar (run by mvn verify after package)").exists();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        // the readiness change is logged at DEBUG only; it comes a moment after "Started ..."
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--mlp.storage.dir=" + storage,
                "--mlp.security.enabled=false", "--spring.main.banner-mode=off",
                "--logging.level.org.springframework.boot.availability=debug"));
        command.addAll(List.of(options));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ServiceProcess service = new ServiceProcess(process, port);
            service.awaitLog(line -> line.contains("ReadinessState changed to ACCEPTING_TRAFFIC"));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readLog() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (log) {
                    log.add(line);
                    log.notifyAll();
                }
                synchronized (ANY_LINE) {
                    ANY_LINE.notifyAll();
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
        synchronized (log) {
            logEnded = true;
            log.notifyAll();
        }
    }

    /** Waits for a log line that matches, from the start of the log; returns it. */
    String awaitLog(Predicate<String> matches) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (log) {
            int seen = 0;
            while (true) {
                for (; seen < log.size(); seen++) {
                    if (matches.test(log.get(seen))) {
                        return log.get(seen);
                    }
                }
                assertThat(logEnded)
                        .as("the service exited before logging what was awaited; its log:%n%s", String.join("\n", log))
                        .isFalse();
                long left = deadline - System.nanoTime();
                assertThat(left).as("no such log line in time; the log:%n%s", String.join("\n", log)).isPositive();
                try {
                    TimeUnit.NANOSECONDS.timedWait(log, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** A line one of several services logged, and which one. */
    record Said(ServiceProcess service, String line) {
    }

    /** Waits until one of the services logs a line that matches (from the start of each log); the first found. */
    static Said awaitAnyLog(List<ServiceProcess> services, Predicate<String> matches) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int[] seen = new int[services.size()];
        synchronized (ANY_LINE) {
            while (true) {
                for (int i = 0; i < services.size(); i++) {
                    for (String line : services.get(i).logFrom(seen[i])) {
                        seen[i]++;
                        if (matches.test(line)) {
                            return new Said(services.get(i), line);
                        }
                    }
                }
                long left = deadline - System.nanoTime();
                assertThat(left).as("no such log line in time from any of %d services", services.size()).isPositive();
                try {
                    TimeUnit.NANOSECONDS.timedWait(ANY_LINE, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    List<String> log() {
        return logFrom(0);
    }

    /** The lines logged from line {@code from} on. */
    List<String> logFrom(int from) {
        synchronized (log) {
            return List.copyOf(log.subList(Math.min(from, log.size()), log.size()));
        }
    }

    /** A request and its answer; the body parsed when it is JSON. */
    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    Reply send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Reply(response.statusCode(), isJson && !response.body().isEmpty()
                    ? JSON.readTree(response.body()) : null, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode get(String path) {
        Reply reply = send("GET", path, null);
        assertThat(reply.status()).as("GET %s: %s", path, reply.raw().body()).isEqualTo(200);
        return reply.body();
    }

    /** SIGKILL: the process dies at once, in the middle of whatever it does. */
    int kill() {
        process.toHandle().destroyForcibly();
        return exitCode();
    }

    /** SIGTERM, as {@code docker stop} sends it: the service shuts down gracefully. */
    int terminate() {
        process.toHandle().destroy();      // Process.destroy() would first close the pipe its log comes through
        return exitCode();
    }

    private int exitCode() {
        try {
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the service did not exit").isTrue();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            exitCode();
        }
    }
}
