package io.mlpservice.bench;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged service as a child process for a benchmark: its own HTTP port, its log read as it
 * comes so that the benchmark waits for what the service says (started, took a job over), and
 * requests sent with the JDK's HTTP client.
 */
final class BenchMember implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    final int port;
    final String address;
    private final Process process;
    private final List<String> log = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchMember(Process process, int port, String address) {
        this.process = process;
        this.port = port;
        this.address = address;
        Thread.ofPlatform().daemon().name("bench-log-" + port).start(this::readLog);
    }

    /** Starts the jar on a free HTTP port with {@code options}, and waits until it has started. */
    static BenchMember start(Path storage, String address, String... options) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx768m",
                "-jar", "target/mlp-service.jar", "--server.port=" + port, "--mlp.storage.dir=" + storage,
                "--mlp.security.enabled=false", "--spring.main.banner-mode=off",
                "--logging.level.io.mlpservice.web.RequestLogFilter=warn"));
        command.addAll(List.of(options));
        try {
            BenchMember member = new BenchMember(new ProcessBuilder(command).redirectErrorStream(true).start(), port,
                    address);
            member.awaitLog(line -> line.contains("Started MlpServiceApplication"));
            return member;
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
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    /** Waits for a line that matches, from the start of the log. */
    String awaitLog(Predicate<String> matches) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (log) {
            for (int seen = 0; ; ) {
                for (; seen < log.size(); seen++) {
                    if (matches.test(log.get(seen))) {
                        return log.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new IllegalStateException("the service on port " + port + " never logged what was awaited");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(log, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Whether a line that matches has been logged by now. */
    boolean logged(Predicate<String> matches) {
        synchronized (log) {
            return log.stream().anyMatch(matches);
        }
    }

    HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofMinutes(2));
        return (body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))).build();
    }

    /** Sends a request; its body, or an exception naming the status. */
    String send(String method, String path, String body) {
        try {
            HttpResponse<String> response = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    /** SIGKILL, and the wait for the process to be gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
