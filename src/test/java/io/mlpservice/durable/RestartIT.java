package io.mlpservice.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The packaged service killed and started again on its storage directory: what it was told it
 * keeps, bit for bit; what it finds damaged it quarantines, and it serves the rest.
 */
class RestartIT {

    static final String IRIS_MODEL = """
            {"name": "iris", "inputSize": 4, "hiddenLayers": [16, 8], "classes": ["setosa", "versicolor", "virginica"],
             "seed": 42}""";
    static final String ROWS = "{\"inputs\": [[5.1, 3.5, 1.4, 0.2], [6.0, 2.7, 5.1, 1.6], [6.7, 3.0, 5.2, 2.3]]}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path storage;

    /** The README's iris job with {@code epochs} epochs and no early stopping: it runs every epoch. */
    static String irisJob(int epochs) {
        ObjectNode job = (ObjectNode) JSON.readTree(ServiceProcess.read(Path.of("examples/iris-training-job.json")));
        job.put("epochs", epochs);
        job.remove("earlyStopping");
        return job.toString();
    }

    static String create(ServiceProcess service, String body) {
        ServiceProcess.Reply created = service.send("POST", "/api/v1/models", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.body().get("id").asString();
    }

    static String submit(ServiceProcess service, String modelId, String body) {
        ServiceProcess.Reply accepted = service.send("POST", "/api/v1/models/" + modelId + "/training-jobs", body);
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        return accepted.body().get("id").asString();
    }

    static void awaitEnd(ServiceProcess service, String jobId) {
        service.awaitLog(line -> line.contains("Training job " + jobId) && (line.contains(" succeeded ")
                || line.contains(" failed") || line.contains(" cancelled")));
    }

    @Test
    void everythingTheServiceAcceptedIsBackAfterKill9AndPredictionsAreBitIdentical() {
        String modelId;
        JsonNode modelBefore;
        JsonNode versionsBefore;
        JsonNode jobsBefore;
        JsonNode historyBefore;
        String predictionsBefore;
        String untrained;
        try (ServiceProcess service = ServiceProcess.start(storage)) {
            modelId = create(service, IRIS_MODEL);
            untrained = create(service, "{\"inputSize\": 3, \"outputSize\": 2}");
            awaitEnd(service, submit(service, modelId, irisJob(30)));
            awaitEnd(service, submit(service, modelId, irisJob(12)));
            modelBefore = service.get("/api/v1/models/" + modelId);
            versionsBefore = service.get("/api/v1/models/" + modelId + "/versions");
            jobsBefore = service.get("/api/v1/training-jobs");
            historyBefore = service.get("/api/v1/models/" + modelId + "/loss-history");
            predictionsBefore = service.send("POST", "/api/v1/models/" + modelId + "/predictions", ROWS).raw().body();
            assertThat(service.kill()).isEqualTo(137);
        }
        assertThat(versionsBefore).hasSize(2);
        assertThat(historyBefore.get("total").asInt()).isEqualTo(42);

        try (ServiceProcess service = ServiceProcess.start(storage)) {
            assertThat(service.get("/api/v1/models/" + modelId)).isEqualTo(modelBefore);
            assertThat(service.get("/api/v1/models/" + modelId + "/versions")).isEqualTo(versionsBefore);
            assertThat(service.get("/api/v1/training-jobs")).isEqualTo(jobsBefore);
            assertThat(service.get("/api/v1/models/" + modelId + "/loss-history")).isEqualTo(historyBefore);
            assertThat(service.send("POST", "/api/v1/models/" + modelId + "/predictions", ROWS).raw().body())
                    .isEqualTo(predictionsBefore);
            assertThat(service.get("/api/v1/models/" + untrained).get("status").asString()).isEqualTo("UNTRAINED");
            assertThat(service.send("POST", "/api/v1/models/" + modelId + "/predictions?version=1", ROWS).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void damagedWeightsAreQuarantinedTheirModelIsBrokenAndTheRestIsServed() throws IOException {
        String truncated;
        String flipped;
        String healthy;
        String healthyPredictions;
        try (ServiceProcess service = ServiceProcess.start(storage)) {
            truncated = create(service, IRIS_MODEL);
            flipped = create(service, IRIS_MODEL);
            healthy = create(service, IRIS_MODEL);
            for (String model : List.of(truncated, flipped, healthy)) {
                awaitEnd(service, submit(service, model, irisJob(5)));
            }
            healthyPredictions = service.send("POST", "/api/v1/models/" + healthy + "/predictions", ROWS).raw().body();
            service.kill();
        }
        Path cut = storage.resolve("weights/" + truncated + "/1.weights");
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100));
        Path bad = storage.resolve("weights/" + flipped + "/1.weights");
        byte[] bytes = Files.readAllBytes(bad);
        bytes[bytes.length - 7] ^= 0x01;
        Files.write(bad, bytes);

        try (ServiceProcess service = ServiceProcess.start(storage)) {
            assertThat(service.get("/actuator/health/readiness").get("status").asString()).isEqualTo("UP");
            for (String broken : List.of(truncated, flipped)) {
                JsonNode model = service.get("/api/v1/models/" + broken);
                assertThat(model.get("status").asString()).isEqualTo("BROKEN");
                assertThat(model.get("error").asString()).startsWith("the weights of version 1 failed verification");
                ServiceProcess.Reply refused = service.send("POST", "/api/v1/models/" + broken + "/predictions", ROWS);
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.body().get("type").asString()).isEqualTo("urn:mlp-service:problem:model-broken");
                assertThat(service.send("DELETE", "/api/v1/models/" + broken, null).status()).isEqualTo(204);
            }
            assertThat(service.log()).anyMatch(line -> line.contains("WARN") && line.contains("Quarantined")
                    && line.contains(truncated + "/1.weights") && line.contains("it is truncated"));
            assertThat(service.log()).anyMatch(line -> line.contains("WARN") && line.contains("Quarantined")
                    && line.contains(flipped + "/1.weights") && line.contains("its checksum"));
            assertThat(service.send("POST", "/api/v1/models/" + healthy + "/predictions", ROWS).raw().body())
                    .isEqualTo(healthyPredictions);
        }
        try (Stream<Path> quarantined = Files.walk(storage.resolve("quarantine"))) {
            assertThat(quarantined.filter(Files::isRegularFile).count()).isEqualTo(2);
        }
    }

    @Test
    void aSecondProcessOnTheSameDirectoryRefusesToStartWithOneClearLine() {
        try (ServiceProcess first = ServiceProcess.start(storage)) {
            ProcessBuilder second = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-jar",
                    "target/mlp-service.jar", "--server.port=0", "--mlp.storage.dir=" + storage,
                    "--mlp.security.enabled=false").redirectErrorStream(true);
            Process process = second.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).isNotZero();
            assertThat(output).contains("the storage directory " + storage.toAbsolutePath() + " is in use by another "
                    + "mlp-service process (pid " + first.pid() + "), which holds " + storage.resolve(".lock").toAbsolutePath(),
                    "Stop that process, or set another mlp.storage.dir.");
            assertThat(first.get("/actuator/health").get("status").asString()).isEqualTo("UP");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
