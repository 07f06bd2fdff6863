package io.mlpservice.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.config.WebSliceConfiguration;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.insight.DriftMonitor;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelService;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export and model controllers on a web slice with an empty registry before each test, and
 * what the export tests share: reading an answer, asking for predictions, random input rows.
 */
@WebMvcTest(controllers = ModelExportController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "io\\.mlpservice\\.model\\.ModelController"))
@Import({WebSliceConfiguration.class, ModelService.class, DriftMonitor.class, ModelRegistry.class,
        ModelExportService.class})
abstract class ExportSlice {

    static final int FEATURES = 4;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ModelRegistry registry;

    @Autowired
    ModelService models;

    @Autowired
    MatMul matMul;

    @Autowired
    JsonMapper json;

    @BeforeEach
    void emptyRegistry() {
        registry.all().forEach(model -> models.delete(model.id()));
    }

    JsonNode body(MvcTestResult result) {
        return json.readTree(result.getMvcResult().getResponse().getContentAsByteArray());
    }

    /** The {@code predictions} of a 200 answer to the rows, a JSON array of rows of {@link #FEATURES} numbers. */
    JsonNode predictions(String id, String rows) {
        MvcTestResult answer = mvc.post().uri("/api/v1/models/" + id + "/predictions")
                .contentType(MediaType.APPLICATION_JSON).content("{\"inputs\": " + rows + "}").exchange();
        assertThat(answer).hasStatusOk();
        return body(answer).get("predictions");
    }

    /** Rows of {@link #FEATURES} numbers drawn uniformly from [-8, 8), as a JSON array. */
    String randomRows(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        var array = json.createArrayNode();
        for (int r = 0; r < rows; r++) {
            var row = array.addArray();
            for (int f = 0; f < FEATURES; f++) {
                row.add(random.nextDouble(-8, 8));
            }
        }
        return array.toString();
    }
}
