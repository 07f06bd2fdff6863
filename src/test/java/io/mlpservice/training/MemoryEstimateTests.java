package io.mlpservice.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.EarlyStopping;
import io.mlpservice.engine.train.TrainingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The estimate of a job's peak memory against the count done by hand from its documented terms. */
class MemoryEstimateTests {

    /** 4 features, hidden layers of 16 and 8, 3 classes: 80 + 136 + 27 = 243 parameters. */
    private static final NetworkSpec SPEC = new NetworkSpec(4, List.of(16, 8), Activation.RELU, 3);

    @Test
    void countsEveryBufferOfAnAdamRunWithEarlyStoppingAndASplit() {
        TrainingConfig config = new TrainingConfig(100, 32, OptimizerSpec.adam(0.001f), 0.0001f, 0.2,
                new EarlyStopping(10, 0.0001), true, true, 7);
        // rows 2·150·5 = 1500; epoch order 2·120 = 240; parameters 243·(4 + 2 + 4) = 2430;
        // one worker (32 rows a batch): 243 + 32·(4 + 1 + 24 + 3 + 2·16) = 2291; 6461 floats
        assertThat(MemoryEstimate.bytes(SPEC, config, 120, 30, 32, 2)).isEqualTo(6461L * 4);
    }

    @Test
    void countsEveryBufferOfAPlainSgdRunOnFourThreads() {
        TrainingConfig config = new TrainingConfig(100, 256, OptimizerSpec.sgd(0.01f), 0f, 0, null, false, false, 7);
        // rows 1000·5 = 5000, no copy, no order; parameters 243·4 = 972;
        // four workers of 64 rows: 4·(243 + 64·64) = 17356; 23328 floats
        assertThat(MemoryEstimate.bytes(SPEC, config, 1000, 0, 256, 4)).isEqualTo(23328L * 4);
    }

    @Test
    void growsWithTheRowsAndTheOptimizersState() {
        TrainingConfig sgd = new TrainingConfig(10, 32, OptimizerSpec.sgd(0.01f), 0f, 0, null, true, true, 7);
        TrainingConfig adam = new TrainingConfig(10, 32, OptimizerSpec.adam(0.01f), 0f, 0, null, true, true, 7);
        long small = MemoryEstimate.bytes(SPEC, sgd, 100, 0, 32, 1);
        assertThat(MemoryEstimate.bytes(SPEC, sgd, 200, 0, 32, 1) - small).isEqualTo(4L * (2 * 100 * 5 + 2 * 100));
        assertThat(MemoryEstimate.bytes(SPEC, adam, 100, 0, 32, 1) - small).isEqualTo(4L * 243 * 4);
    }
}
