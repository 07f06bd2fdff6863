package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The architecture record rejects impossible networks with messages naming the value. */
class NetworkSpecTests {

    @Test
    void describesItsLayers() {
        NetworkSpec spec = new NetworkSpec(784, List.of(256, 128), Activation.RELU, 10);

        assertThat(spec.layerSizes()).containsExactly(784, 256, 128, 10);
        assertThat(spec.layerCount()).isEqualTo(3);
        assertThat(spec.parameterCount()).isEqualTo(235_146L);
    }

    @Test
    void allowsNoHiddenLayer() {
        NetworkSpec spec = new NetworkSpec(4, List.of(), Activation.SIGMOID, 3);

        assertThat(spec.layerSizes()).containsExactly(4, 3);
        assertThat(spec.parameterCount()).isEqualTo(4 * 3 + 3);
    }

    @Test
    void countsParametersBeyondTheIntRange() {
        NetworkSpec spec = new NetworkSpec(50_000, List.of(50_000), Activation.RELU, 10);

        assertThat(spec.parameterCount()).isEqualTo(50_000L * 50_000 + 50_000 + 50_000L * 10 + 10);
    }

    @Test
    void keepsItsOwnCopyOfTheHiddenSizes() {
        List<Integer> hidden = new ArrayList<>(List.of(8, 4));
        NetworkSpec spec = new NetworkSpec(2, hidden, Activation.TANH, 2);

        hidden.set(0, 99);

        assertThat(spec.hiddenSizes()).containsExactly(8, 4);
    }

    @Test
    void rejectsBadSizesNamingTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> new NetworkSpec(0, List.of(4), Activation.RELU, 2))
                .withMessage("inputSize must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new NetworkSpec(3, List.of(4), Activation.RELU, 1))
                .withMessage("outputSize must be at least 2 for classification, was 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new NetworkSpec(3, List.of(4, 0), Activation.RELU, 2))
                .withMessage("hidden layer 1 must have at least 1 unit, had 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new NetworkSpec(3, List.of(-5), Activation.RELU, 2))
                .withMessage("hidden layer 0 must have at least 1 unit, had -5");
        assertThatNullPointerException().isThrownBy(() -> new NetworkSpec(3, List.of(4), null, 2))
                .withMessage("activation");
    }

    @Test
    void aRegressionTakesOneOutputAndEachLayerItsOwnActivationAndDropout() {
        NetworkSpec spec = new NetworkSpec(Task.REGRESSION, 3,
                List.of(new HiddenLayer(8, Activation.GELU, 0.2f), new HiddenLayer(4, Activation.ELU)), Activation.RELU, 1);
        assertThat(spec.hiddenSizes()).containsExactly(8, 4);
        assertThat(spec.activation(0)).isEqualTo(Activation.GELU);
        assertThat(spec.activation(1)).isEqualTo(Activation.ELU);
        assertThat(spec.hasDropout()).isTrue();
        assertThat(spec.parameterCount()).isEqualTo(3 * 8 + 8 + 8 * 4 + 4 + 4 + 1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new NetworkSpec(Task.REGRESSION, 3, List.of(), Activation.RELU, 0))
                .withMessage("outputSize must be at least 1 for regression, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new HiddenLayer(4, Activation.RELU, 1f))
                .withMessage("dropout must be in [0, 1), was 1.0");
    }

    @Test
    void parsesActivationNamesCaseInsensitively() {
        assertThat(Activation.parse("ReLU")).isEqualTo(Activation.RELU);
        assertThat(Activation.parse("sigmoid")).isEqualTo(Activation.SIGMOID);
        assertThat(Activation.parse("TANH")).isEqualTo(Activation.TANH);
        assertThat(Activation.RELU.wireName()).isEqualTo("relu");
        assertThatIllegalArgumentException().isThrownBy(() -> Activation.parse("softplus"))
                .withMessage("unknown activation 'softplus'; expected one of sigmoid, relu, tanh, identity, leaky_relu, elu, gelu");
    }
}
