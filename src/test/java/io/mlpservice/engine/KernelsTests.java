package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.linalg.NaiveMatMul;
import org.junit.jupiter.api.Test;

/**
 * The engine picks the Vector API exactly when the JVM has its module, and says so in the line the
 * service logs at start. The build runs the engine's tests with the module and again without it
 * ({@code mlp.test.vector-api=false}), so that both choices are checked.
 */
class KernelsTests {

    private static final boolean MODULE_EXPECTED = Boolean.parseBoolean(System.getProperty("mlp.test.vector-api", "true"));

    @Test
    void usesTheVectorApiExactlyWhenTheJvmHasItsModule() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent())
                .as("the JVM of this run has the module as the build says").isEqualTo(MODULE_EXPECTED);
        assertThat(Kernels.vectorApi()).isEqualTo(MODULE_EXPECTED);
    }

    @Test
    void namesTheKernelsInOneLine() {
        String summary = Kernels.summary(new NaiveMatMul());
        if (MODULE_EXPECTED) {
            assertThat(summary).matches("Engine kernels: Vector API \\((128|256|512)-bit float lanes\\), matrix products: naive.*");
        } else {
            assertThat(summary).startsWith("Engine kernels: scalar Java (start with --add-modules jdk.incubator.vector "
                    + "for the Vector API), matrix products: naive");
        }
    }
}
