package io.mlpservice.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.engine.train.TrainingListener;
import io.mlpservice.engine.train.TrainingResult;
import io.mlpservice.engine.train.TrainingState;
import io.mlpservice.store.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

/**
 * The training state a version keeps for a warm start, on the durable store: written beside its
 * weights as {@code training-states/<model>/<n>.training-state}, read back bit for bit after the
 * storage is closed and opened again (as after a restart), absent for an imported version, and
 * deleted with its version and with its model.
 */
class TrainingStateStorageTests {

    private static final NetworkSpec SPEC = new NetworkSpec(3, List.of(8), Activation.TANH, 2);
    private static final MatMul KERNEL = MatMuls.defaultKernel();

    @TempDir
    Path dir;

    private MlpServiceProperties properties() {
        MockEnvironment environment = new MockEnvironment().withProperty("mlp.storage.dir", dir.toString());
        return Binder.get(environment).bindOrCreate("mlp", MlpServiceProperties.class);
    }

    /** A short Adam run: its end state has both moments, a step count and an epoch order's state. */
    private static TrainingResult trained() {
        SplittableRandom random = new SplittableRandom(4);
        float[] x = new float[40 * 3];
        int[] y = new int[40];
        for (int r = 0; r < 40; r++) {
            for (int j = 0; j < 3; j++) {
                x[r * 3 + j] = (float) random.nextGaussian() + (r % 2) * 2;
            }
            y[r] = r % 2;
        }
        TrainingConfig config = new TrainingConfig(7, 8, OptimizerSpec.adam(0.01f), 1e-4f, 0.25, null, true, true, 3);
        return new io.mlpservice.engine.train.Trainer(KERNEL, 1)
                .train(Network.initialize(SPEC, 2), new Dataset(x, y, 3), config, new TrainingListener() { });
    }

    private static LossPoint metrics(String job) {
        return new LossPoint(job, 7, 0.2, 0.9, 0.3, 0.85, null, null, 1.0, 0.01);
    }

    private static String id(ModelRegistry registry) {
        ModelRecord model = ModelRecord.created("m1", "states", SPEC, List.of("a", "b"), 2, Instant.EPOCH);
        registry.add(model);
        return model.id();
    }

    @Test
    void aVersionsTrainingStateSurvivesARestartBitForBit() throws Exception {
        TrainingResult result = trained();
        TrainingState saved = result.endState();
        try (Storage storage = Storage.open(dir)) {
            ModelRegistry registry = new ModelRegistry(storage, KERNEL, properties());
            String model = id(registry);
            registry.claim(model, "job-1");
            registry.publish(model, "job-1", result.network(), saved, metrics("job-1"), Instant.EPOCH);
        }
        Path file = dir.resolve("training-states/m1/1.training-state");
        assertThat(new String(Files.readAllBytes(file), 0, 32, StandardCharsets.ISO_8859_1))
                .startsWith("mlp-service training-state 1 ");

        try (Storage storage = Storage.open(dir)) {
            TrainingState read = new ModelRegistry(storage, KERNEL, properties()).trainingState("m1", 1).orElseThrow();

            assertThat(read.epochsCompleted()).isEqualTo(7);
            assertThat(read.step()).isEqualTo(saved.step()).isEqualTo(7L * 4);
            assertThat(read.orderState()).isEqualTo(saved.orderState());
            assertThat(read.optimizer().kind()).isEqualTo(OptimizerSpec.Kind.ADAM);
            for (int b = 0; b < 2; b++) {
                assertThat(read.optimizer().buffer(b)).as("moment %d", b).containsExactly(saved.optimizer().buffer(b));
            }
            assertThat(read.last()).isEqualTo(saved.last());
        }
    }

    @Test
    void anImportedVersionHasNoTrainingState() {
        try (Storage storage = Storage.open(dir)) {
            ModelRegistry registry = new ModelRegistry(storage, KERNEL, properties());
            String model = id(registry);
            registry.publish(model, null, Network.initialize(SPEC, 5), metrics(null), Instant.EPOCH);

            assertThat(registry.trainingState(model, 1)).isEmpty();
            assertThat(dir.resolve("training-states/m1/1.training-state")).doesNotExist();
        }
    }

    @Test
    void theStateIsDeletedWithItsVersionAndWithItsModel() {
        TrainingResult result = trained();
        try (Storage storage = Storage.open(dir)) {
            ModelRegistry registry = new ModelRegistry(storage, KERNEL, properties());
            String model = id(registry);
            for (String job : List.of("job-1", "job-2")) {
                registry.claim(model, job);
                registry.publish(model, job, result.network(), result.endState(), metrics(job), Instant.EPOCH);
            }
            assertThat(dir.resolve("training-states/m1/1.training-state")).exists();

            registry.deleteVersion(model, 1);

            assertThat(dir.resolve("training-states/m1/1.training-state")).doesNotExist();
            assertThatThrownBy(() -> registry.trainingState(model, 1)).isInstanceOf(VersionNotFoundException.class);
            assertThat(registry.trainingState(model, 2)).isPresent();

            registry.remove(model);

            assertThat(dir.resolve("training-states/m1/2.training-state")).doesNotExist();
        }
    }
}
