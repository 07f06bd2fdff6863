package io.mlpservice.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.mlpservice.engine.linalg.MatMuls;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar started as a user who forgets the options starts it, {@code java -jar
 * mlp-service.jar}: the service starts, says in one line that its engine runs scalar Java and how
 * to give it the Vector API, calls OpenBLAS (when the machine has it) without a native-access
 * warning, trains the README's iris job and predicts. Started with the options, it names the
 * Vector API instead.
 */
class PlainJavaJarIT {

    @TempDir
    Path storage;

    @Test
    void startsTrainsAndPredictsWithNoJvmOptionAndNamesItsKernels() {
        try (ServiceProcess service = ServiceProcess.startPlain(storage)) {
            String modelId = RestartIT.create(service, RestartIT.IRIS_MODEL);
            String jobId = RestartIT.submit(service, modelId, ServiceProcess.read(Path.of("examples/iris-training-job.json")));
            RestartIT.awaitEnd(service, jobId);

            JsonNode job = service.get("/api/v1/training-jobs/" + jobId);
            assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(job.get("validationAccuracy").asDouble()).isGreaterThanOrEqualTo(0.85);
            ServiceProcess.Reply predicted = service.send("POST", "/api/v1/models/" + modelId + "/predictions", RestartIT.ROWS);
            assertThat(predicted.status()).as(predicted.raw().body()).isEqualTo(200);
            JsonNode rows = predicted.body().get("predictions");
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).get("label").asString()).isEqualTo("setosa");
            assertThat(rows.get(2).get("label").asString()).isEqualTo("virginica");
            for (JsonNode row : rows) {
                double sum = 0;
                for (JsonNode p : row.get("probabilities")) {
                    sum += p.asDouble();
                }
                assertThat(sum).isCloseTo(1.0, offset(1e-5));
            }

            List<String> log = service.log();
            assertThat(log.stream().filter(line -> line.contains("Engine kernels: ")))
                    .singleElement().asString()
                    .contains("Engine kernels: scalar Java (start with --add-modules jdk.incubator.vector for the "
                            + "Vector API), matrix products: " + (MatMuls.nativeKernel().isPresent() ? "openblas" : "blocked-java"));
            assertThat(log).anyMatch(line -> line.contains("Starting AOT-processed MlpServiceApplication"));
            assertThat(log).noneMatch(line -> line.contains("restricted method") || line.contains("native access")
                    || line.contains("incubator modules") || line.contains("Exception"));
        }
    }

    @Test
    void withTheRecommendedOptionsNamesTheVectorApi() {
        try (ServiceProcess service = ServiceProcess.start(storage)) {
            assertThat(service.log().stream().filter(line -> line.contains("Engine kernels: ")))
                    .singleElement().asString()
                    .containsPattern("Engine kernels: Vector API \\((128|256|512)-bit float lanes\\), matrix products: ");
            assertThat(service.log()).anyMatch(line -> line.contains("Starting AOT-processed MlpServiceApplication"));
        }
    }

    @Test
    void startsTheUsualWayWhenAheadOfTimeModeIsTurnedOff() {
        try (ServiceProcess service = ServiceProcess.start(List.of("-Dspring.aot.enabled=false"), storage)) {
            assertThat(service.log()).anyMatch(line -> line.contains("Starting MlpServiceApplication"))
                    .noneMatch(line -> line.contains("AOT-processed"));
            assertThat(service.send("GET", "/api/v1/models", null).status()).isEqualTo(200);
        }
    }
}
