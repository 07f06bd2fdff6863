package io.mlpservice.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mlpservice.engine.optim.OptimizerSpec.Kind;
import org.junit.jupiter.api.Test;

/** The client's choice of optimizer: validated, parsed, and turned into the update rule. */
class OptimizerSpecTests {

    @Test
    void createsTheChosenRule() {
        assertThat(OptimizerSpec.sgd(0.1f).create()).isInstanceOf(Sgd.class);
        assertThat(OptimizerSpec.adam(0.001f).create()).isInstanceOf(Adam.class);
        assertThat(new OptimizerSpec(Kind.MOMENTUM, 0.1f, 0.9f, true, 0.9f, 0.999f, 1e-8f).create())
                .isInstanceOf(Momentum.class);
    }

    @Test
    void adamHasTheUsualDefaults() {
        OptimizerSpec adam = OptimizerSpec.adam(0.001f);

        assertThat(adam.kind()).isEqualTo(Kind.ADAM);
        assertThat(adam.beta1()).isEqualTo(0.9f);
        assertThat(adam.beta2()).isEqualTo(0.999f);
        assertThat(adam.epsilon()).isEqualTo(1e-8f);
    }

    @Test
    void rejectsBadHyperparametersNamingTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> OptimizerSpec.sgd(0f))
                .withMessage("learningRate must be positive and finite, was 0.0");
        assertThatIllegalArgumentException().isThrownBy(() -> OptimizerSpec.sgd(-0.1f))
                .withMessage("learningRate must be positive and finite, was -0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> OptimizerSpec.adam(Float.NaN))
                .withMessage("learningRate must be positive and finite, was NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> OptimizerSpec.adam(Float.POSITIVE_INFINITY))
                .withMessage("learningRate must be positive and finite, was Infinity");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OptimizerSpec(Kind.MOMENTUM, 0.1f, 1f, false, 0.9f, 0.999f, 1e-8f))
                .withMessage("momentum must be in [0, 1), was 1.0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OptimizerSpec(Kind.MOMENTUM, 0.1f, -0.5f, false, 0.9f, 0.999f, 1e-8f))
                .withMessage("momentum must be in [0, 1), was -0.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OptimizerSpec(Kind.ADAM, 0.1f, 0f, false, 1f, 0.999f, 1e-8f))
                .withMessage("beta1 must be in [0, 1), was 1.0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OptimizerSpec(Kind.ADAM, 0.1f, 0f, false, 0.9f, Float.NaN, 1e-8f))
                .withMessage("beta2 must be in [0, 1), was NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OptimizerSpec(Kind.ADAM, 0.1f, 0f, false, 0.9f, 0.999f, 0f))
                .withMessage("epsilon must be positive and finite, was 0.0");
    }

    @Test
    void parsesKindsCaseInsensitively() {
        assertThat(Kind.parse("Adam")).isEqualTo(Kind.ADAM);
        assertThat(Kind.parse("sgd")).isEqualTo(Kind.SGD);
        assertThat(Kind.parse("MOMENTUM")).isEqualTo(Kind.MOMENTUM);
        assertThatIllegalArgumentException().isThrownBy(() -> Kind.parse("rmsprop"))
                .withMessage("unknown optimizer 'rmsprop'; expected one of sgd, momentum, adam");
    }
}
