package io.mlpservice.dataset;

import static io.mlpservice.web.ProblemAssertions.assertInvalid;
import static io.mlpservice.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.config.WebSliceConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(DatasetController.class)
@Import({WebSliceConfiguration.class, DatasetService.class})
@TestPropertySource(properties = "mlp.limits.max-training-values=600")
class DatasetControllerTests {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private JsonMapper json;

    @Autowired
    private DatasetService datasets;

    @AfterEach
    void deleteEverything() {
        datasets.list().forEach(d -> datasets.delete(d.id()));
    }

    private MvcTestResult csv(String query, String body) {
        return csv(query, body.getBytes(StandardCharsets.UTF_8));
    }

    private MvcTestResult csv(String query, byte[] body) {
        return mvc.post().uri("/api/v1/datasets?" + query).contentType(CSV).content(body).exchange();
    }

    private MvcTestResult postJson(String body) {
        return mvc.post().uri("/api/v1/datasets").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getMvcResult().getResponse().getContentAsByteArray());
    }

    @Test
    void storesACsvWithItsLabelColumnAnywhereAQuotedValueAndAByteOrderMark() {
        String text = "\uFEFFsepal length,species,\"petal, width\"\r\n"
                + "5.1,setosa,0.2\r\n"
                + "7.0,\"versicolor\",1.4\r\n"
                + "\r\n"
                + "6.3,virginica,\" 2.5\"\r\n"
                + "4.9,setosa,-1e-1\r\n";
        MvcTestResult created = csv("name=iris.csv&labelColumn=species", text);

        assertThat(created).hasStatus(201);
        JsonNode dataset = body(created);
        String id = dataset.get("id").asString();
        assertThat(created).hasHeader("Location", "/api/v1/datasets/" + id);
        assertThat(dataset.get("name").asString()).isEqualTo("iris.csv");
        assertThat(dataset.get("rows").asInt()).isEqualTo(4);
        assertThat(json.convertValue(dataset.get("featureNames"), List.class)).containsExactly("sepal length", "petal, width");
        assertThat(dataset.get("labelColumn").asString()).isEqualTo("species");
        assertThat(json.convertValue(dataset.get("classes"), List.class))
                .containsExactly("setosa", "versicolor", "virginica");
        assertThat(dataset.get("sizeBytes").asLong()).isEqualTo(4 * (4 * 2 + 4));
        assertThat(dataset.get("createdAt").asString()).isNotBlank();
        assertThat(dataset.get("targetColumns").isNull()).isTrue();

        DatasetRows rows = datasets.load(id);
        assertThat(rows.features()).containsExactly(5.1f, 0.2f, 7.0f, 1.4f, 6.3f, 2.5f, 4.9f, -0.1f);
        assertThat(rows.labels()).containsExactly("setosa", "versicolor", "virginica", "setosa");
        assertThat(body(mvc.get().uri("/api/v1/datasets/" + id).exchange())).isEqualTo(dataset);
        assertThat(body(mvc.get().uri("/api/v1/datasets").exchange()).get(0)).isEqualTo(dataset);
    }

    @Test
    void theIrisCsvOfTheExamplesHoldsTheFlowersOfTheIrisTrainingRequest() throws Exception {
        byte[] csvFile = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("examples", "iris.csv"));
        JsonNode request = json.readTree(java.nio.file.Path.of("examples", "iris-training-job.json").toFile());

        JsonNode dataset = body(csv("name=iris&labelColumn=species", csvFile));

        assertThat(dataset.get("rows").asInt()).isEqualTo(request.get("features").size()).isEqualTo(150);
        assertThat(json.convertValue(dataset.get("classes"), List.class))
                .containsExactly("setosa", "versicolor", "virginica");
        DatasetRows rows = datasets.load(dataset.get("id").asString());
        for (int r = 0; r < 150; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(rows.features()[r * 4 + c]).isEqualTo(request.get("features").get(r).get(c).floatValue());
            }
            assertThat(rows.labels()[r]).isEqualTo(request.get("labels").get(r).asString());
        }
    }

    @Test
    void storesARegressionCsvWithItsTargetColumns() {
        MvcTestResult created = csv("name=houses&targetColumns=price,rent", """
                price,rooms,area,rent
                200,3,80.5,900
                350,5,120,1400
                """);

        assertThat(created).hasStatus(201);
        JsonNode dataset = body(created);
        assertThat(json.convertValue(dataset.get("targetColumns"), List.class)).containsExactly("price", "rent");
        assertThat(json.convertValue(dataset.get("featureNames"), List.class)).containsExactly("rooms", "area");
        assertThat(dataset.get("classes").isEmpty()).isTrue();
        assertThat(dataset.get("labelColumn").isNull()).isTrue();
        DatasetRows rows = datasets.load(dataset.get("id").asString());
        assertThat(rows.isRegression()).isTrue();
        assertThat(rows.targetRows()).isEqualTo(new double[][] {{200, 900}, {350, 1400}});
        assertThat(rows.features()).containsExactly(3f, 80.5f, 5f, 120f);
    }

    @Test
    void refusesBadCsvNamingTheLineAndTheColumn() {
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("a,b,label\n1,2,x\n3,4\n", new String[] {"line 3", "line 3 has 2 values; the header (line 1) has 3 columns"});
        cases.put("a,b,label\n1,two,x\n", new String[] {"b", "line 2, column 'b': 'two' is not a number"});
        cases.put("a,b,label\n1,2,x\n1,NaN,x\n", new String[] {"b", "line 3, column 'b': 'NaN' is not a number"});
        cases.put("a,b,label\n1,,x\n", new String[] {"b", "line 2, column 'b': the value is empty"});
        cases.put("a,b,label\n1,1e39,x\n", new String[] {"b", "line 2, column 'b': 1e39 is outside the float32 range (±3.4e38)"});
        cases.put("a,b,label\n1,2,\n", new String[] {"label", "line 2, column 'label' is empty; every row needs a label"});
        cases.put("a,b,class\n1,2,x\n", new String[] {"labelColumn", "labelColumn 'label' is not a column of the header "
                + "(line 1): a, b, class"});
        cases.put("", new String[] {"body", "the CSV is empty; send a header row, then one row per example"});
        cases.put("a,b,label\n", new String[] {"body", "the CSV has a header (line 1) but no rows after it"});
        cases.put("a,a,label\n1,2,x\n", new String[] {"line 1", "line 1 names column 'a' twice"});
        cases.put("label\nx\n", new String[] {"line 1", "line 1 has no feature column besides the label or target columns"});
        cases.put("a,b,label\n1,2,\"x\n", new String[] {"body",
                "the CSV is malformed: (startline 2) EOF reached before encapsulated token finished"});
        cases.put("a,b,label\n" + "1,2,x\n".repeat(301), new String[] {"body",
                "the CSV holds more than 600 feature values, the limit (mlp.limits.max-training-values), at line 302"});
        cases.forEach((text, expected) -> assertInvalid(csv("name=d&labelColumn=label", text), expected[0], expected[1]));

        MvcTestResult several = csv("name=d&labelColumn=label", "a,b,label\n1,x,y\n2,3\n4,5,z\n");
        assertThat(several).bodyJson().extractingPath("$.errors.length()").isEqualTo(2);
        assertThat(several).bodyJson().extractingPath("$.errors[1].message")
                .isEqualTo("line 3 has 2 values; the header (line 1) has 3 columns");
        assertInvalid(csv("labelColumn=label", "a,label\n1,x\n"), "name", "name is required");
        assertInvalid(csv("name=d", "a,label\n1,x\n"), "labelColumn", "send labelColumn (the column of the classes) "
                + "or targetColumns (the columns of the regression targets), exactly one of them");
        assertInvalid(csv("name=d&labelColumn=label", new byte[] {'a', ',', 'l', '\n', (byte) 0xC3, '(', ',', 'x'}),
                "body", "the CSV is not valid UTF-8");
        assertThat(datasets.list()).isEmpty();
    }

    @Test
    void storesJsonDatasetsAndRefusesInconsistentOnes() {
        MvcTestResult created = postJson("""
                {"name": "xor", "features": [[0, 0], [0, 1], [1, 0], [1, 1]], "labels": ["no", "yes", "yes", 0]}""");
        assertThat(created).hasStatus(201);
        JsonNode dataset = body(created);
        assertThat(json.convertValue(dataset.get("featureNames"), List.class)).containsExactly("x0", "x1");
        assertThat(json.convertValue(dataset.get("classes"), List.class)).containsExactly("no", "yes", "0");
        assertThat(dataset.get("labelColumn").isNull()).isTrue();

        MvcTestResult regression = postJson("""
                {"name": "line", "features": [[1], [2]], "targets": [[2.5], [4.5]], "featureNames": ["x"],
                 "targetNames": ["y"]}""");
        assertThat(regression).hasStatus(201);
        assertThat(json.convertValue(body(regression).get("targetColumns"), List.class)).containsExactly("y");

        assertInvalid(postJson("{\"name\": \"d\", \"features\": [[0, 0], [1]], \"labels\": [\"a\", \"b\"]}"),
                "features[1]", "features[1] has 1 value; features[0] has 2");
        assertInvalid(postJson("{\"name\": \"d\", \"features\": [[0, 0]], \"labels\": [\"a\", \"b\"]}"),
                "labels", "labels has 2 entries; features has 1 row");
        assertInvalid(postJson("{\"name\": \"d\", \"features\": [[0, 0]]}"),
                "labels", "send labels (classification) or targets (regression), exactly one of them");
        assertInvalid(postJson("{\"name\": \"d\", \"features\": [[0, 0]], \"labels\": [\"a\"], \"featureNames\": [\"x\"]}"),
                "featureNames", "featureNames has 1 names; features[0] has 2 values");
        assertInvalid(postJson("{\"features\": [[0, 0]], \"labels\": [\"a\"]}"), "name", "name is required");
        assertInvalid(postJson("{\"name\": \"d\", \"features\": [[0, 0]], \"labels\": [\"a\"], \"sizes\": 1}"),
                "sizes", "sizes is not a field of this request; expected one of featureNames, features, labels, name, "
                        + "targetNames, targets");
        assertThat(datasets.list()).hasSize(2);
    }

    @Test
    void deletesADatasetAndAnswers404ForAnUnknownOne() {
        String id = body(csv("name=d&labelColumn=label", "a,label\n1,x\n")).get("id").asString();

        assertThat(mvc.delete().uri("/api/v1/datasets/" + id).exchange()).hasStatus(204);
        assertProblem(mvc.get().uri("/api/v1/datasets/" + id).exchange(), 404, "dataset-not-found",
                "no dataset with id '" + id + "'");
        assertProblem(mvc.delete().uri("/api/v1/datasets/" + id).exchange(), 404, "dataset-not-found",
                "no dataset with id '" + id + "'");
        assertThat(body(mvc.get().uri("/api/v1/datasets").exchange()).isEmpty()).isTrue();
    }
}
