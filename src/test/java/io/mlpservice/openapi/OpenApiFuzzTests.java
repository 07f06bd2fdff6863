package io.mlpservice.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.dataset.DatasetService;
import io.mlpservice.model.ModelService;
import io.mlpservice.model.ModelVersion;
import io.mlpservice.training.JobEvents;
import io.mlpservice.training.LossHistoryService;
import io.mlpservice.training.TrainingJobService;
import io.mlpservice.web.RawHttp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * At least {@value #DEFAULT_REQUESTS} hostile requests ({@link FuzzCases}) over every operation
 * of the service's own OpenAPI document, on a real port with API keys asked, most with a valid
 * admin key and some with a wrong key, none or a predictor's. Every answer: no 5xx; a status the
 * document lists for the operation, with a body valid against the document's schema for it; every
 * refusal problem+json without a stack trace, a class name or more than a short excerpt of a value
 * sent; a 405 naming exactly the methods the document gives the path; a refusal changing nothing
 * (models, versions, jobs, loss histories, datasets). Health stays UP.
 *
 * <p>Seeded: {@code -Dfuzz.seed=<n>} repeats a run, {@code -Dfuzz.seed=random} draws a new seed;
 * {@code -Dfuzz.requests=<n>} sends more. The seed is printed, and named in every failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "mlp.security.enabled=true",
    "mlp.storage.dir=",
    "mlp.limits.max-request-size=256KB",
    "mlp.limits.max-epochs=1000"
})
class OpenApiFuzzTests {

    static final long DEFAULT_SEED = 20261130L;
    static final int DEFAULT_REQUESTS = 1200;
    private static final String ADMIN_KEY = "fuzz-admin-key-5e0b7c";
    private static final String PREDICTOR_KEY = "fuzz-predictor-key-91d2";

    /** The keys as an operator configures them: by their SHA-256 (a list binds from one property source). */
    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("mlp.security.api-keys[0].name", () -> "fuzz-admin");
        registry.add("mlp.security.api-keys[0].role", () -> "admin");
        registry.add("mlp.security.api-keys[0].sha256", () -> sha256(ADMIN_KEY));
        registry.add("mlp.security.api-keys[1].name", () -> "fuzz-predictor");
        registry.add("mlp.security.api-keys[1].role", () -> "predictor");
        registry.add("mlp.security.api-keys[1].sha256", () -> sha256(PREDICTOR_KEY));
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private ModelService models;

    @Autowired
    private TrainingJobService jobs;

    @Autowired
    private LossHistoryService history;

    @Autowired
    private JobEvents events;

    @Autowired
    private DatasetService datasets;

    @Test
    void everyOperationOfTheDocumentAnswersHostileRequestsAsDocumented() throws Exception {
        String seedProperty = System.getProperty("fuzz.seed", Long.toString(DEFAULT_SEED));
        long seed = "random".equals(seedProperty) ? ThreadLocalRandom.current().nextLong() : Long.parseLong(seedProperty);
        int requests = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
        long start = System.nanoTime();

        RawHttp http = new RawHttp(port);
        RawHttp.Response docs = http.send("GET", "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        ApiDocument document = new ApiDocument(json.readTree(docs.body()));
        AnswerValidator validator = new AnswerValidator(document, json);
        try (JobsQuiet quiet = new JobsQuiet(events, jobs)) {
            FuzzFixtures fixtures = new FuzzFixtures(http, document, json, ADMIN_KEY, models, quiet);
            FuzzCases cases = new FuzzCases(new SplittableRandom(seed), document, fixtures,
                    new FuzzCases.Keys(ADMIN_KEY, PREDICTOR_KEY));
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (int i = 0; i < requests; i++) {
                FuzzCases.FuzzCase fuzz = cases.next();
                String context = "seed " + seed + " (-Dfuzz.seed=" + seed + "), request " + i + ": " + fuzz.description();
                ServiceState before = state();
                RawHttp.Response answer = http.send(fuzz.method(), fuzz.target(), fuzz.headers(), fuzz.body());
                statuses.merge(answer.status(), 1, Integer::sum);
                new AnswerChecks(document, validator, json, context).check(fuzz, answer);
                if (answer.status() >= 400) {
                    assertThat(state()).as(context + "\na refused request changed the service").isEqualTo(before);
                } else {
                    quiet.await();
                    fixtures.refresh();
                }
                if (i % 200 == 0) {
                    assertHealthy(http, context);
                }
            }
            assertHealthy(http, "after seed " + seed);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf(Locale.ROOT, "OpenAPI fuzz: %d requests over %d operations, seed %d, %d ms; statuses %s%n",
                    requests, document.operations().size(), seed, millis, statuses);
            assertThat(statuses.keySet()).as("seed " + seed).allMatch(status -> status < 500);
        }
    }

    private ServiceState state() {
        return ServiceState.of(models, jobs, history, datasets);
    }

    private void assertHealthy(RawHttp http, String context) {
        RawHttp.Response health = http.send("GET", "/actuator/health");
        assertThat(health.status()).as(context).isEqualTo(200);
        assertThat(json.readTree(health.body()).get("status").asString()).as(context).isEqualTo("UP");
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The versions of a model as numbers. */
    static List<Integer> numbers(List<ModelVersion> versions) {
        return versions.stream().map(ModelVersion::version).toList();
    }
}
