package io.mlpservice.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The training run from which the build records the JDK's ahead-of-time cache
 * ({@code -XX:AOTCacheOutput}). Started with the system property {@value #KEY_PROPERTY} set to an
 * admin key of that process, the service, once ready, sends itself over loopback the requests of
 * two models' whole lives on generated data (health, create, train, follow the job, predict one
 * row and many, the model, its loss history, an evaluation, the inference protocol, the OpenAPI
 * document), then exits. The cache then holds the classes those requests load, with their
 * methods' profiles, so that a fresh service's first requests find them loaded. Without the
 * property it does nothing.
 */
@Component
class CacheTrainingRun implements ApplicationListener<ApplicationReadyEvent> {

    /** The system property holding the key the run sends; the process must accept it as admin. */
    static final String KEY_PROPERTY = "mlp.cache.training-run-key";

    private static final Logger LOG = LoggerFactory.getLogger(CacheTrainingRun.class);
    private static final Pattern ID = Pattern.compile("^\\{\"id\":\"([^\"]+)\"");

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String key = System.getProperty(KEY_PROPERTY);
        if (key == null || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        int port = web.getWebServer().getPort();
        Thread.ofPlatform().name("mlp-cache-training-run").start(() -> {
            int status = 0;
            try {
                new Client(port, key).run();
                LOG.info("Cache training run done");
            } catch (IOException | RuntimeException e) {
                LOG.error("Cache training run failed", e);
                status = 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 1;
            }
            System.exit(Math.max(status, SpringApplication.exit(event.getApplicationContext())));
        });
    }

    /** The requests, in the order a client sends them. */
    private record Client(HttpClient http, String base, String key) {

        Client(int port, String key) {
            this(HttpClient.newHttpClient(), "http://127.0.0.1:" + port, key);
        }

        void run() throws IOException, InterruptedException {
            send("GET", "/actuator/health/readiness", null);
            send("GET", "/actuator/health/liveness", null);
            SplittableRandom random = new SplittableRandom(20261130);
            for (int round = 0; round < 3; round++) {
                model(random, 4, "[16, 8]", 3, 150, 30);
                model(random, 784, "[256, 128]", 10, 256, 2);
            }
            send("GET", "/api/v1/models", null);
            send("GET", "/v3/api-docs", null);
        }

        /** One model's life: create, train, follow the job, predict, read it back, evaluate. */
        private void model(SplittableRandom random, int inputs, String hidden, int classes, int rows, int epochs)
                throws IOException, InterruptedException {
            String model = id(send("POST", "/api/v1/models", "{\"inputSize\": " + inputs + ", \"hiddenLayers\": "
                    + hidden + ", \"outputSize\": " + classes + ", \"seed\": 7}"));
            String labels = labels(random, rows, classes);
            String job = id(send("POST", "/api/v1/models/" + model + "/training-jobs", "{\"features\": "
                    + rows(random, rows, inputs) + ", \"labels\": " + labels + ", \"epochs\": " + epochs
                    + ", \"batchSize\": 32}"));
            while (!send("GET", "/api/v1/training-jobs/" + job, null).contains("\"finishedAt\":\"")) {
                Thread.sleep(20);
            }
            send("GET", "/api/v1/models/" + model + "/loss-history", null);
            for (int i = 0; i < 50; i++) {
                send("POST", "/api/v1/models/" + model + "/predictions", "{\"inputs\": " + rows(random, 1, inputs) + "}");
            }
            send("POST", "/api/v1/models/" + model + "/predictions", "{\"inputs\": " + rows(random, 20, inputs) + "}");
            send("POST", "/v2/models/" + model + "/infer", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, "
                    + inputs + "], \"datatype\": \"FP32\", \"data\": " + rows(random, 1, inputs) + "}]}");
            send("GET", "/api/v1/models/" + model, null);
            send("POST", "/api/v1/models/" + model + "/evaluations", "{\"features\": " + rows(random, 20, inputs)
                    + ", \"labels\": " + labels(random, 20, classes) + "}");
        }

        private String send(String method, String path, String json) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + key);
            if (json == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        }

        private static String id(String body) {
            Matcher matcher = ID.matcher(body);
            if (!matcher.find()) {
                throw new IllegalStateException("no id in " + body);
            }
            return matcher.group(1);
        }

        private static String rows(SplittableRandom random, int rows, int columns) {
            StringBuilder json = new StringBuilder("[");
            for (int r = 0; r < rows; r++) {
                json.append(r == 0 ? "[" : ", [");
                for (int c = 0; c < columns; c++) {
                    json.append(c == 0 ? "" : ", ").append(Math.round(random.nextDouble() * 1000) / 1000.0);
                }
                json.append(']');
            }
            return json.append(']').toString();
        }

        private static String labels(SplittableRandom random, int rows, int classes) {
            StringBuilder json = new StringBuilder("[");
            for (int r = 0; r < rows; r++) {
                json.append(r == 0 ? "" : ", ").append(random.nextInt(classes));
            }
            return json.append(']').toString();
        }
    }
}
