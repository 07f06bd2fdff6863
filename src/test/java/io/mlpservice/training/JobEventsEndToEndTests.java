package io.mlpservice.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/training-jobs/{id}/events} on a real port, read as a browser reads
 * server-sent events: clients that join a running job at different epochs each get every epoch
 * once, in order, then the end; {@code Last-Event-ID} resumes; a deleted job's stream ends.
 * Jobs are held after each epoch ({@link JobWatch}) so that clients join at known points.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobEventsEndToEndTests {

    private static final String DATA = """
            "features": [[0, 0], [0.1, 0.2], [3, 3], [3.2, 2.9], [-3, 3], [-2.9, 3.1]],
            "labels": ["a", "a", "b", "b", "c", "c"]""";

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JobEvents events;

    @Autowired
    private TrainingJobService jobs;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<EventStreamClient> clients = new ArrayList<>();
    private JobWatch watch;

    @BeforeEach
    void watchJobs() {
        watch = new JobWatch(events, jobs);
    }

    @AfterEach
    void closeEverything() {
        watch.close();
        clients.forEach(EventStreamClient::close);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String createModel() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/models", """
                {"name": "events", "inputSize": 2, "hiddenLayers": [8], "activation": "tanh",
                 "classes": ["a", "b", "c"], "seed": 1}""");
        return json.readTree(created.body()).get("id").asString();
    }

    private String submit(String modelId, int epochs) throws Exception {
        HttpResponse<String> job = send("POST", "/api/v1/models/" + modelId + "/training-jobs",
                "{" + DATA + ", \"epochs\": " + epochs + ", \"learningRate\": 0.05, \"validationSplit\": 0.5}");
        assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
        return json.readTree(job.body()).get("id").asString();
    }

    private EventStreamClient open(String jobId, String lastEventId) {
        EventStreamClient client = new EventStreamClient(port, jobId, lastEventId, json);
        clients.add(client);
        return client;
    }

    private void awaitEpoch(String jobId, int epoch) {
        watch.await(jobId, job -> job.latest() != null && job.latest().epoch() >= epoch);
    }

    private static List<Integer> epochs(List<EventStreamClient.Event> received) {
        return received.stream().filter(e -> e.name().equals("epoch")).map(e -> e.data().get("epoch").asInt())
                .toList();
    }

    private static List<String> names(List<EventStreamClient.Event> received) {
        return received.stream().map(EventStreamClient.Event::name).distinct().toList();
    }

    @Test
    void clientsThatJoinARunningJobAtDifferentEpochsEachGetEveryEpochOnceInOrder() throws Exception {
        String modelId = createModel();
        watch.hold();
        String jobId = submit(modelId, 12);
        awaitEpoch(jobId, 1);
        EventStreamClient first = open(jobId, null);
        HttpResponse<?> response = first.response();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
        List<EventStreamClient.Event> firstEvents = new ArrayList<>(List.of(first.next(), first.next()));
        assertThat(firstEvents.getFirst().name()).isEqualTo("epoch");  // epoch 1, stored: the job is held after it
        EventStreamClient.Event status = firstEvents.getLast();
        assertThat(status.name()).isEqualTo("status");
        assertThat(status.data().get("status").asString()).isEqualTo("RUNNING");
        assertThat(status.data().get("estimatedMemoryBytes").asLong()).isPositive();

        List<EventStreamClient> joined = new ArrayList<>(List.of(first));
        for (int epoch = 2; epoch <= 6; epoch++) {
            watch.advance();
            awaitEpoch(jobId, epoch);
            if (epoch % 2 == 0) {
                joined.add(open(jobId, null));                           // joins while epoch `epoch` is held
            }
        }
        watch.release();
        for (EventStreamClient client : joined) {
            List<EventStreamClient.Event> received = new ArrayList<>(client == first ? firstEvents : List.of());
            received.addAll(client.untilClosed());
            assertThat(epochs(received)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
            received.stream().filter(e -> e.name().equals("epoch"))
                    .forEach(e -> assertThat(e.id()).isEqualTo(e.data().get("epoch").asString()));
            EventStreamClient.Event end = received.get(received.size() - 2);
            assertThat(end.name()).isEqualTo("end");
            assertThat(end.data()).isEqualTo(json.readTree("{\"jobId\": \"" + jobId
                    + "\", \"status\": \"SUCCEEDED\", \"lastEpoch\": 12}"));
            EventStreamClient.Event last = received.get(received.size() - 3);
            assertThat(last.name()).isEqualTo("status");
            assertThat(last.data().get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(last.data().get("version").asInt()).isEqualTo(1);
        }
    }

    @Test
    void lastEventIdResumesAfterThatEpoch() throws Exception {
        String jobId = submit(createModel(), 5);
        watch.awaitStatus(jobId, JobStatus.SUCCEEDED);
        List<EventStreamClient.Event> received = open(jobId, "3").untilClosed();
        assertThat(epochs(received)).containsExactly(4, 5);
        assertThat(names(received)).containsExactly("epoch", "status", "end", "closed");
        JsonNode four = received.getFirst().data();
        assertThat(four.get("jobId").asString()).isEqualTo(jobId);
        assertThat(four.get("trainingLoss").isNumber()).isTrue();
        assertThat(four.get("validationLoss").isNumber()).isTrue();
        assertThat(epochs(open(jobId, "5").untilClosed())).isEmpty();
    }

    @Test
    void deletingTheModelEndsTheStreamOfItsJob() throws Exception {
        String modelId = createModel();
        watch.hold();
        String jobId = submit(modelId, 100);
        awaitEpoch(jobId, 1);
        EventStreamClient client = open(jobId, null);
        assertThat(client.until("status").data().get("status").asString()).isEqualTo("RUNNING");
        assertThat(send("DELETE", "/api/v1/models/" + modelId, null).statusCode()).isEqualTo(204);
        EventStreamClient.Event end = client.until("end");
        assertThat(end.data().get("status").asString()).isEqualTo("DELETED");
        assertThat(client.next().name()).isEqualTo("closed");
        watch.release();
    }

    @Test
    void anUnknownJobAndAMalformedLastEventIdAreProblems() throws Exception {
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/training-jobs/nope/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(unknown.body()).get("type").asString())
                .isEqualTo("urn:mlp-service:problem:job-not-found");

        String jobId = submit(createModel(), 2);
        HttpResponse<String> malformed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/training-jobs/" + jobId + "/events")).header("Last-Event-ID", "three").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).get("detail").asString())
                .contains("Last-Event-ID 'three'");
        watch.awaitStatus(jobId, JobStatus.SUCCEEDED);
    }
}
