package io.mlpservice.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.Activation;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.error.Violation;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.web.ClassLabel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A stored dataset's rows checked against a model, each refusal naming datasetId and what is wrong. */
class ExamplesReaderTests {

    private static final ModelRecord MODEL = new ModelRecord("m", "m", new NetworkSpec(2, List.of(), Activation.RELU, 2),
            List.of("a", "b"), 1, Instant.EPOCH, null, 0, null, null);

    private static LabelledRows dataset(int width, List<ClassLabel> labels) {
        return new LabelledRows(new float[3 * width], 3, width, width == 2 ? List.of("p", "q") : null, labels, null, 0);
    }

    private static ExamplesReader reader(LabelledRows rows) {
        MlpServiceProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("mlp.limits.max-training-values", 100))).bindOrCreate("mlp", MlpServiceProperties.class);
        return new ExamplesReader(id -> rows, properties);
    }

    private static EvaluationData byId() {
        return new EvaluationData("d", null, null, null, null);
    }

    @Test
    void readsADatasetsRowsNamesAndClasses() {
        Examples examples = reader(dataset(2, List.of(ClassLabel.ofName("b"), ClassLabel.ofIndex(0),
                ClassLabel.ofName("a")))).read(MODEL, Task.CLASSIFICATION, byId());
        assertThat(examples.rows()).isEqualTo(3);
        assertThat(examples.classes()).containsExactly(1, 0, 0);
        assertThat(examples.featureNames()).containsExactly("p", "q");
    }

    @Test
    void refusesADatasetThatDoesNotFitTheModel() {
        assertThatThrownBy(() -> reader(dataset(3, List.of())).read(MODEL, Task.CLASSIFICATION, byId()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("dataset 'd' has 3 features a row; the model takes 2");
        assertThatThrownBy(() -> reader(dataset(2, null)).read(MODEL, Task.CLASSIFICATION, byId()))
                .hasMessage("dataset 'd' has no labels; model 'm' is a classifier");
        InvalidInputException unknown = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(() ->
                reader(dataset(2, List.of(ClassLabel.ofName("a"), ClassLabel.ofName("rose"), ClassLabel.ofIndex(5))))
                        .read(MODEL, Task.CLASSIFICATION, byId()));
        assertThat(unknown.violations()).containsExactly(
                new Violation("datasetId", "dataset 'd' labels[1] 'rose' is not one of the model's classes: a, b"),
                new Violation("datasetId", "dataset 'd' labels[2] 5 is outside the class indices 0..1"));
    }

    @Test
    void refusesADatasetOverTheLimit() {
        LabelledRows large = new LabelledRows(new float[60 * 2], 60, 2, null, null, null, 0);
        assertThatThrownBy(() -> reader(large).read(MODEL, Task.CLASSIFICATION, byId()))
                .hasMessage("dataset 'd' holds 120 values; the limit is 100 (mlp.limits.max-training-values)");
    }

}
