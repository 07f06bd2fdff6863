package io.mlpservice.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.model.ModelDeletedEvent;
import io.mlpservice.model.ModelVersion;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Statistics per model version: separate, started afresh by a new version, bounded, gone with the model. */
class DriftMonitorTests {

    private final DriftMonitor monitor = new DriftMonitor(properties(3));

    private static MlpServiceProperties properties(int keepVersions) {
        var source = new MapConfigurationPropertySource(Map.of("mlp.storage.keep-versions", keepVersions));
        return new Binder(source).bindOrCreate("mlp", MlpServiceProperties.class);
    }

    private static ModelVersion version(String model, int number) {
        return new ModelVersion(model, number, "job", Instant.EPOCH, null);
    }

    @Test
    void eachVersionKeepsItsOwnRowsAndANewVersionStartsFromNone() {
        monitor.observe(version("m", 1), new float[] {1, 2, 3, 4}, 2, 2);
        assertThat(monitor.snapshot("m", 1)).get().extracting(InputStatistics.Snapshot::rows).isEqualTo(2L);
        assertThat(monitor.snapshot("m", 2)).isEmpty();
        monitor.observe(version("m", 2), new float[] {10, 20}, 1, 2);
        assertThat(monitor.snapshot("m", 2).orElseThrow().means()).containsExactly(10, 20);
        assertThat(monitor.snapshot("m", 1).orElseThrow().means()).containsExactly(2, 3);
        assertThat(monitor.snapshot("other", 1)).isEmpty();
    }

    @Test
    void keepsTheLatestVersionsThatAnsweredUpToKeepVersions() {
        for (int v = 1; v <= 4; v++) {
            monitor.observe(version("m", v), new float[] {v}, 1, 1);
        }
        assertThat(monitor.snapshot("m", 1)).isEmpty();
        assertThat(monitor.snapshot("m", 2)).isPresent();
        assertThat(monitor.snapshot("m", 4)).isPresent();
        // an old version asked again starts afresh, and the lowest other one makes room
        monitor.observe(version("m", 1), new float[] {7}, 1, 1);
        assertThat(monitor.snapshot("m", 1).orElseThrow().rows()).isEqualTo(1);
        assertThat(monitor.snapshot("m", 2)).isEmpty();
    }

    @Test
    void aDeletedModelsStatisticsGoWithIt() {
        monitor.observe(version("m", 1), new float[] {1}, 1, 1);
        monitor.onModelDeleted(new ModelDeletedEvent("m"));
        assertThat(monitor.snapshot("m", 1)).isEmpty();
    }
}
