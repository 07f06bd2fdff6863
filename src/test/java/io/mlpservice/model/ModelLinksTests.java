package io.mlpservice.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.training.JobEvents;
import io.mlpservice.training.JobStatus;
import io.mlpservice.training.JobWatch;
import io.mlpservice.training.TrainingJobService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model's {@code links} lead to working endpoints, its {@code weightsBytes} counts its weights,
 * and a job shows its {@code estimatedMemoryBytes} from the moment it is accepted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ModelLinksTests {

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JobEvents events;

    @Autowired
    private TrainingJobService jobs;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode model(String id) throws Exception {
        return json.readTree(send("GET", "/api/v1/models/" + id, null).body());
    }

    /** 150 rows of 4 features in 3 classes of 50, held out 20% per class: 120 train, 30 validate. */
    private String trainingJob() {
        ObjectNode job = json.createObjectNode();
        ArrayNode features = job.putArray("features");
        ArrayNode labels = job.putArray("labels");
        SplittableRandom random = new SplittableRandom(3);
        for (int row = 0; row < 150; row++) {
            int label = row % 3;
            ArrayNode values = features.addArray();
            for (int f = 0; f < 4; f++) {
                values.add(label * 2 + random.nextDouble());
            }
            labels.add(label);
        }
        job.put("epochs", 3).put("batchSize", 32).put("validationSplit", 0.2);
        job.putObject("earlyStopping").put("patience", 10);
        return job.toString();
    }

    @Test
    void aModelsLinksLeadToItsResourcesAndItsWeightsAndJobsShowTheirSizes() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/models", """
                {"name": "links", "inputSize": 4, "hiddenLayers": [16, 8], "activation": "relu",
                 "classes": ["x", "y", "z"], "seed": 5}""");
        JsonNode model = json.readTree(created.body());
        String id = model.get("id").asString();
        // 243 parameters of 4 bytes, and a mean and a scale of 4 bytes for each of 4 features
        assertThat(model.get("weightsBytes").asLong()).isEqualTo(243 * 4 + 4 * 8);
        JsonNode links = model.get("links");
        assertThat(links.get("self").asString()).isEqualTo("/api/v1/models/" + id);
        assertThat(links.has("jobEvents")).isFalse();

        HttpResponse<String> accepted = send("POST", links.get("trainingJobs").asString(), trainingJob());
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode job = json.readTree(accepted.body());
        // the hand count of MemoryEstimateTests for this model, data and settings: batches of 32 rows
        // go to one thread whatever the cores
        assertThat(job.get("estimatedMemoryBytes").asLong()).isEqualTo(6461L * 4);
        String jobId = job.get("id").asString();
        try (JobWatch watch = new JobWatch(events, jobs)) {
            watch.awaitStatus(jobId, JobStatus.SUCCEEDED);
        }

        links = model(id).get("links");
        assertThat(json.readTree(send("GET", links.get("self").asString(), null).body()).get("id").asString())
                .isEqualTo(id);
        assertThat(json.readTree(send("GET", links.get("lossHistory").asString(), null).body()).get("total")
                .asInt()).isEqualTo(3);
        assertThat(json.readTree(send("GET", links.get("versions").asString(), null).body()).size()).isEqualTo(1);
        assertThat(json.readTree(send("GET", links.get("jobs").asString(), null).body()).get(0).get("id")
                .asString()).isEqualTo(jobId);
        HttpResponse<String> predicted = send("POST", links.get("predictions").asString(),
                "{\"inputs\": [[0.5, 0.5, 0.5, 0.5]]}");
        assertThat(predicted.statusCode()).isEqualTo(200);
        assertThat(links.get("jobEvents").asString()).isEqualTo("/api/v1/training-jobs/" + jobId + "/events");
        HttpResponse<String> stream = send("GET", links.get("jobEvents").asString(), null);
        assertThat(stream.body()).contains("event:epoch", "id:3", "event:end");
        assertThat(json.readTree(send("GET", links.get("inferenceMetadata").asString(), null).body()).get("name")
                .asString()).isEqualTo("links");
        JsonNode exported = json.readTree(send("GET", links.get("export").asString(), null).body());
        assertThat(exported.get("format").asString()).isEqualTo("mlp-service.model");
        assertThat(exported.at("/source/modelId").asString()).isEqualTo(id);
        HttpResponse<String> inferred = send("POST", links.get("inference").asString(), """
                {"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32", "data": [0.5, 0.5, 0.5, 0.5]}]}""");
        assertThat(inferred.statusCode()).as(inferred.body()).isEqualTo(200);
    }
}
