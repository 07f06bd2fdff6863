package io.mlpservice.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.HiddenLayer;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.Task;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.store.JsonCodec;
import io.mlpservice.store.TensorPack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored forms of a model's architecture and of a version's weights: the current ones read
 * back to the same spec and the same answers, and those written before regression and per-layer
 * activations still read, as classifiers whose layers share one activation.
 */
class StoredSpecAndWeightsTests {

    private static final NetworkSpec REGRESSION = new NetworkSpec(Task.REGRESSION, 2,
            List.of(new HiddenLayer(5, Activation.GELU), new HiddenLayer(3, Activation.LEAKY_RELU)), Activation.RELU, 2);

    @Test
    void aModelRecordOfTheCurrentFormatReadsBackWithItsTaskAndLayers() {
        JsonCodec<ModelRecord> codec = new JsonCodec<>("model", 1, ModelRecord.class, NetworkSpecJson.module());
        ModelRecord model = ModelRecord.created("m", "wave", REGRESSION, List.of(), 7, Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(codec.decode(codec.encode(model))).isEqualTo(model);
    }

    @Test
    void aModelRecordWrittenBeforePerLayerActivationsReadsAsAClassifier() {
        JsonCodec<ModelRecord> codec = new JsonCodec<>("model", 1, ModelRecord.class, NetworkSpecJson.module());
        String old = """
                {"id":"m","name":"iris","spec":{"inputSize":4,"hiddenSizes":[16,8],"activation":"TANH","outputSize":3},
                 "classes":["a","b","c"],"seed":42,"createdAt":"2026-11-30T12:00:00Z","serving":null,"latestVersion":0,
                 "activeJobId":null,"brokenReason":null}""";
        ModelRecord read = codec.decode(old.getBytes(StandardCharsets.UTF_8));
        assertThat(read.spec()).isEqualTo(new NetworkSpec(4, List.of(16, 8), Activation.TANH, 3));
        assertThat(read.spec().task()).isEqualTo(Task.CLASSIFICATION);
    }

    @Test
    void aRegressionsWeightsKeepTheTargetsStandardisationAndAnswerTheSameBits() {
        float[] params = new float[(int) REGRESSION.parameterCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) Math.sin(i + 1.0);
        }
        Network network = new Network(REGRESSION, params, Standardizer.of(new float[] {1f, -2f}, new float[] {0.5f, 2f}),
                Standardizer.of(new float[] {500f, -3f}, new float[] {0.01f, 4f}), MatMuls.defaultKernel());
        WeightsCodec codec = new WeightsCodec(MatMuls.defaultKernel());
        Network read = codec.decode(codec.encode(network));
        float[] x = {0.3f, -1.2f, 2f, 0.5f, -0.7f, 0.1f};
        assertThat(read.spec()).isEqualTo(REGRESSION);
        assertThat(read.targetStandardizer().means()).containsExactly(500f, -3f);
        assertThat(read.predict(x, 3)).containsExactly(network.predict(x, 3));
        assertThat(read.predict(x, 1)).containsExactly(network.predict(x, 1));
    }

    @Test
    void weightsWrittenBeforeRegressionReadAsAClassifierWithoutTargetStandardisation() {
        NetworkSpec spec = new NetworkSpec(2, List.of(3), Activation.RELU, 2);
        float[] params = new float[(int) spec.parameterCount()];
        java.util.Arrays.fill(params, 0.25f);
        // the spec as the weights file held it, with hiddenSizes and one activation
        byte[] old = TensorPack.builder()
                .text("spec", "{\"inputSize\":2,\"hiddenSizes\":[3],\"activation\":\"RELU\",\"outputSize\":2}")
                .floats("params", params).toBytes();
        Network read = new WeightsCodec(MatMuls.defaultKernel()).decode(old);
        assertThat(read.spec()).isEqualTo(spec);
        assertThat(read.targetStandardizer().isIdentity()).isTrue();
        assertThat(read.predictProbabilities(new float[] {1f, 2f}, 1)).containsExactly(0.5f, 0.5f);
    }

    @Test
    void theCurrentSpecIsWrittenWithTaskAndLayerObjects() {
        String written = JsonMapper.builder().build().writeValueAsString(REGRESSION);
        assertThat(written).isEqualTo("{\"task\":\"REGRESSION\",\"inputSize\":2,\"hiddenLayers\":["
                + "{\"units\":5,\"activation\":\"GELU\",\"dropout\":0.0},{\"units\":3,\"activation\":\"LEAKY_RELU\",\"dropout\":0.0}],"
                + "\"activation\":\"RELU\",\"outputSize\":2}");
    }
}
