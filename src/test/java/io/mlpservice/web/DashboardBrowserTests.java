package io.mlpservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.training.JobEvents;
import io.mlpservice.training.JobFinishedException;
import io.mlpservice.training.JobRecord;
import io.mlpservice.training.JobStatus;
import io.mlpservice.training.JobWatch;
import io.mlpservice.training.TrainingJobService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in headless Chromium against the service on a random port with API keys on: the
 * key entered once, a job held running ({@link JobWatch}) and let on epoch by epoch, and what the
 * page then shows: the loss curve gains points, the job's progress bar moves, the models list shows
 * status and serving version, and the browser's console has no error. It saves a screenshot in
 * {@code target/dashboard.png}, and copies it to {@code -Ddashboard.screenshot=<path>} when given.
 */
@DashboardService
class DashboardBrowserTests {

    private static final String KEY = DashboardService.KEY;

    private static final String DATA = """
            "features": [[0, 0], [0.1, 0.2], [0.2, 0.1], [3, 3], [3.2, 2.9], [2.9, 3.1], [-3, 3], [-2.9, 3.1],
                         [-3.1, 2.8], [0.1, 0.1], [3.1, 3.0], [-3.0, 2.9]],
            "labels": ["a", "a", "a", "b", "b", "b", "c", "c", "c", "a", "b", "c"],
            "validationSplit": 0.25, "learningRate": 0.02, "optimizer": "momentum"
            """;

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JobEvents events;

    @Autowired
    private TrainingJobService jobs;

    private final HttpClient http = HttpClient.newHttpClient();
    private JobWatch watch;
    private ChromeDriver browser;
    private final List<String> console = new ArrayList<>();

    @BeforeEach
    void start() {
        browser = HeadlessChromium.start(1280, 1100);
        watch = new JobWatch(events, jobs);
    }

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
        if (browser != null) {
            browser.quit();
        }
    }

    private String post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return json.readTree(response.body()).get("id").asString();
    }

    private String submit(String modelId, int epochs) throws Exception {
        return post("/api/v1/models/" + modelId + "/training-jobs", "{" + DATA + ", \"epochs\": " + epochs + "}");
    }

    private void awaitEpoch(String jobId, int epoch) {
        watch.await(jobId, job -> job.latest() != null && job.latest().epoch() >= epoch);
    }

    private WebDriverWait page() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** Reads the page in one script, as the tables are rebuilt at every refresh and event. */
    private String text(String selector) {
        Object text = browser.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e === null ? null : e.textContent;", selector);
        return text == null ? "" : text.toString().strip();
    }

    private int points() {
        return Integer.parseInt(browser.executeScript("return document.getElementById('chart').dataset.points")
                .toString());
    }

    private double progress(String jobId) {
        Object value = browser.executeScript("const bar = document.querySelector(arguments[0]);"
                + " return bar === null ? -1 : bar.value;", "#jobs tr[data-job-id='" + jobId + "'] progress");
        return ((Number) value).doubleValue();
    }

    private String cell(String table, String key, String id, String column) {
        return text("#" + table + " tr[data-" + key + "-id='" + id + "'] td." + column);
    }

    @Test
    void theLossCurveAndTheProgressBarGrowWhileAJobRunsAndTheConsoleStaysClean() throws Exception {
        String modelId = post("/api/v1/models", """
                {"name": "iris-like", "inputSize": 2, "hiddenLayers": [16, 8], "activation": "tanh",
                 "classes": ["a", "b", "c"], "seed": 3}""");
        post("/api/v1/models", """
                {"name": "untrained", "inputSize": 4, "hiddenLayers": [32], "classes": ["x", "y"], "seed": 1}""");
        watch.awaitStatus(submit(modelId, 5), JobStatus.SUCCEEDED);          // version 1 serves
        watch.hold();
        String jobId = submit(modelId, 20);
        awaitEpoch(jobId, 1);

        browser.get("http://localhost:" + port + "/");
        page().until(d -> d.findElement(By.id("key-panel")).isDisplayed());
        browser.findElement(By.id("key-input")).sendKeys(KEY);
        browser.findElement(By.id("key-submit")).click();
        page().until(d -> d.findElement(By.id("dashboard")).isDisplayed());
        page().until(d -> progress(jobId) >= 0 && points() >= 1);
        assertThat(cell("models", "model", modelId, "status")).isEqualTo("TRAINING");
        assertThat(cell("models", "model", modelId, "serving")).isEqualTo("v1");
        assertThat(cell("jobs", "job", jobId, "status")).isEqualTo("RUNNING");
        browser.navigate().refresh();                                        // the key is kept for the tab
        page().until(d -> d.findElement(By.id("dashboard")).isDisplayed() && points() >= 1);
        assertThat(browser.findElement(By.id("key-panel")).isDisplayed()).isFalse();
        int pointsBefore = points();
        double progressBefore = progress(jobId);

        for (int epoch = 2; epoch <= 9; epoch++) {
            watch.advance();
            awaitEpoch(jobId, epoch);
        }
        page().until(d -> points() >= pointsBefore + 5 && progress(jobId) > progressBefore);
        assertThat(progress(jobId)).isGreaterThanOrEqualTo(0.3);
        assertThat(cell("jobs", "job", jobId, "epochs")).matches("\\d+ / 20");
        assertThat(cell("jobs", "job", jobId, "memory")).matches("[0-9.]+ (KB|MB)");
        assertThat(browser.findElement(By.id("datasets-empty")).isDisplayed()).isTrue();
        assertThat(browser.executeScript("return sessionStorage.getItem('mlp-api-key')")).isEqualTo(KEY);
        assertThat(browser.getCurrentUrl()).doesNotContain(KEY);

        screenshot();
        browser.findElement(By.id("log-scale")).click();
        page().until(d -> d.findElement(By.cssSelector("#chart .u-axis")).isDisplayed() && points() >= pointsBefore + 5);
        assertThat(consoleErrors()).isEmpty();

        watch.release();
        page().until(d -> cell("jobs", "job", jobId, "status").equals("SUCCEEDED"));
        page().until(d -> cell("models", "model", modelId, "serving").equals("v2") && points() == 20);
        assertThat(consoleErrors()).isEmpty();
        // the console is really read: an error the page logs now is seen
        browser.executeScript("console.error('console-probe')");
        assertThat(consoleErrors()).singleElement().asString().contains("console-probe");
    }

    @Test
    void theTrainingFormStartsAJobOnTheChosenStoredDataset() throws Exception {
        String modelId = post("/api/v1/models", """
                {"name": "from-a-dataset", "inputSize": 2, "hiddenLayers": [8], "classes": ["x", "y"], "seed": 1}""");
        HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/datasets?name=points.csv&labelColumn=class"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        u,v,class
                        0,0,x
                        0.1,0.2,x
                        0.2,0.1,x
                        0,0.3,x
                        0.3,0,x
                        3,3,y
                        3.2,2.9,y
                        2.9,3.1,y
                        3,3.3,y
                        3.3,3,y
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String datasetId = json.readTree(uploaded.body()).get("id").asString();
        try {
            startAJobFromTheForm(modelId, datasetId);
        } finally {
            // the other test expects a service without datasets, which a waiting or running job would keep
            for (JobRecord job : jobs.list(modelId, null)) {
                try {
                    jobs.cancel(job.id());
                } catch (JobFinishedException ended) {
                    // nothing to stop
                }
                watch.await(job.id(), j -> j.status().isFinal());
            }
            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/datasets/" + datasetId))
                    .header("Authorization", "Bearer " + KEY).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).isEqualTo(204);
        }
    }

    private void startAJobFromTheForm(String modelId, String datasetId) {
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", "sessionStorage.setItem('mlp-api-key', '%s');".formatted(KEY)));
        browser.get("http://localhost:" + port + "/");
        page().until(d -> d.findElement(By.id("train-form")).isDisplayed() && !text("#train-dataset option").isEmpty());
        assertThat(browser.findElement(By.id("datasets-empty")).isDisplayed()).isFalse();
        assertThat(text("#train-dataset option")).isEqualTo("points.csv (10 rows)");
        new Select(browser.findElement(By.id("train-model"))).selectByValue(modelId);
        new Select(browser.findElement(By.id("train-dataset"))).selectByValue(datasetId);
        browser.findElement(By.id("train-epochs")).clear();
        browser.findElement(By.id("train-epochs")).sendKeys("30");
        browser.findElement(By.id("train-submit")).click();
        page().until(d -> !text("#train-result").isEmpty());

        assertThat(text("#train-result")).startsWith("Job ");
        List<JobRecord> started = jobs.list(modelId, null);
        assertThat(started).hasSize(1);
        JobRecord job = watch.await(started.getFirst().id(), j -> j.status().isFinal());
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.trainingRows() + job.validationRows()).isEqualTo(10);
        assertThat(job.validationRows()).isEqualTo(2);                      // the form's split of 0.2
        assertThat(consoleErrors()).isEmpty();
    }

    /**
     * The errors of the browser's console so far (script errors, failed requests), read from
     * Chromium's log, which gives each entry once.
     */
    private List<String> consoleErrors() {
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .forEach(console::add);
        return console;
    }

    private void screenshot() throws Exception {
        Path shot = Path.of("target", "dashboard.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
        String copy = System.getProperty("dashboard.screenshot");
        if (copy != null && !copy.isBlank()) {
            Files.copy(shot, Path.of(copy), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
