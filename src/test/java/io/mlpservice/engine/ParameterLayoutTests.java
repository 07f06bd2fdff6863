package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each layer's weights (out, in) then its biases, one layer after the other in one buffer. */
class ParameterLayoutTests {

    @Test
    void placesEachLayersWeightsThenBiases() {
        ParameterLayout layout = new ParameterLayout(new NetworkSpec(3, List.of(5, 4), Activation.TANH, 3));

        assertThat(layout.layers()).isEqualTo(3);
        assertThat(new int[] {layout.in(0), layout.out(0), layout.in(1), layout.out(1), layout.in(2), layout.out(2)})
                .containsExactly(3, 5, 5, 4, 4, 3);
        // 15 weights + 5 biases, 20 + 4, 12 + 3
        assertThat(new int[] {layout.weightOffset(0), layout.biasOffset(0), layout.weightOffset(1),
                layout.biasOffset(1), layout.weightOffset(2), layout.biasOffset(2)})
                .containsExactly(0, 15, 20, 40, 44, 56);
        assertThat(layout.size()).isEqualTo(59);
    }

    @Test
    void sizesTheBenchmarkNetworks() {
        ParameterLayout mnist = new ParameterLayout(new NetworkSpec(784, List.of(256, 128), Activation.RELU, 10));
        ParameterLayout wide = new ParameterLayout(new NetworkSpec(1024, List.of(1024, 1024), Activation.RELU, 10));

        assertThat(mnist.size()).isEqualTo(235_146);
        assertThat(mnist.biasOffset(2) + 10).isEqualTo(mnist.size());
        assertThat(mnist.weightOffset(1)).isEqualTo(784 * 256 + 256);
        assertThat(wide.size()).isEqualTo(2_109_450);
    }

    @Test
    void aNetworkWithoutHiddenLayersHasOneLayer() {
        ParameterLayout layout = new ParameterLayout(new NetworkSpec(4, List.of(), Activation.RELU, 3));

        assertThat(layout.layers()).isEqualTo(1);
        assertThat(layout.biasOffset(0)).isEqualTo(12);
        assertThat(layout.size()).isEqualTo(15);
    }

    @Test
    void rejectsANetworkTooLargeForOneArray() {
        NetworkSpec huge = new NetworkSpec(50_000, List.of(50_000), Activation.RELU, 10);

        assertThatIllegalArgumentException().isThrownBy(() -> new ParameterLayout(huge))
                .withMessage("the network has 2500550010 parameters; at most 2147483639 fit");
    }
}
