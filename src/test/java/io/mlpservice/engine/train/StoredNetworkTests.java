package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trained network stored as its spec, its flat parameter buffer and its standardisation's means
 * and scales, then rebuilt, predicts exactly what the trained one predicts.
 */
class StoredNetworkTests {

    @Test
    void aNetworkRebuiltFromItsStoredArraysPredictsTheSameBits() {
        Dataset data = TestData.scaled(TestData.blobs(400, 5, 4, 2.0, 31), 250f, -40f);
        NetworkSpec spec = new NetworkSpec(5, List.of(16, 8), Activation.RELU, 4);
        TrainingConfig config = new TrainingConfig(5, 32, OptimizerSpec.adam(0.01f), 1e-4f, 0.2, null, true, true, 31);
        Network trained = new Trainer(MatMuls.defaultKernel())
                .train(Network.initialize(spec, 31), data, config, TrainingListener.NONE).network();
        // what a store keeps: plain values and float arrays
        NetworkSpec storedSpec = new NetworkSpec(spec.inputSize(), List.copyOf(spec.hiddenSizes()),
                Activation.valueOf(spec.activation().name()), spec.outputSize());
        float[] storedParameters = trained.parameters();
        float[] storedMeans = trained.standardizer().means();
        float[] storedScales = trained.standardizer().scales();

        Network rebuilt = new Network(storedSpec, storedParameters,
                Standardizer.of(storedMeans, storedScales), MatMuls.defaultKernel());

        float[] expected = trained.predictProbabilities(data.features(), data.rows());
        float[] actual = rebuilt.predictProbabilities(data.features(), data.rows());
        assertThat(trained.standardizer().isIdentity()).as("the stored network standardises").isFalse();
        assertThat(Arrays.equals(actual, expected)).as("probabilities of all 400 rows, bit for bit").isTrue();
        assertThat(TestData.accuracy(rebuilt, data)).as("and they are those of a trained network").isGreaterThan(0.8);
    }
}
