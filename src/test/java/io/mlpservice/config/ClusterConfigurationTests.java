package io.mlpservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

/**
 * The cluster member as configured from {@code mlp.cluster.*}: exactly the port asked for, the
 * members listed and nothing else, the heartbeat timeout; and the start-ups it refuses, in one line.
 */
class ClusterConfigurationTests {

    private static final String[] CANDIDATES = {
        "org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration",
        "org.springframework.boot.hazelcast.autoconfigure.health.HazelcastHealthContributorAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        null};

    @TempDir
    Path dir;

    private static boolean[] switchWith(String enabled) {
        ClusterSwitch filter = new ClusterSwitch();
        MockEnvironment environment = new MockEnvironment();
        if (enabled != null) {
            environment.setProperty("mlp.cluster.enabled", enabled);
        }
        filter.setEnvironment(environment);
        return filter.match(CANDIDATES, null);
    }

    @Test
    void springBootsHazelcastAutoConfigurationsAreLeftOutUnlessTheClusterIsEnabled() {
        assertThat(switchWith(null)).containsExactly(false, false, true, true);
        assertThat(switchWith("false")).containsExactly(false, false, true, true);
        assertThat(switchWith("true")).containsExactly(true, true, true, true);
    }

    private MlpServiceProperties storageIn(String storageDir) {
        MockEnvironment environment = new MockEnvironment().withProperty("mlp.storage.dir", storageDir);
        return Binder.get(environment).bindOrCreate("mlp", MlpServiceProperties.class);
    }

    private static ClusterProperties cluster(int port) {
        return new ClusterProperties(true, "ours", List.of("10.0.0.1:5701", "10.0.0.2:5701"), port,
                Duration.ofSeconds(6), "127.0.0.1");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theMemberListensOnExactlyItsPortAndJoinsOnlyTheListedMembers() throws IOException {
        int port = freePort();
        Config config = new ClusterConfiguration().hazelcastConfig(cluster(port), storageIn(dir.toString()));
        assertThat(config.getClusterName()).isEqualTo("ours");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(port);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("6");
        assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
        assertThat(config.getProperty("hazelcast.shutdownhook.enabled")).isEqualTo("false");
        assertThat(config.getMapConfigs()).containsKeys("mlp.table.*", "mlp.blob.*");
    }

    @Test
    void aTakenPortIsAStartUpErrorInOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> new ClusterConfiguration().hazelcastConfig(cluster(port), storageIn(dir.toString())))
                    .isInstanceOfSatisfying(ClusterSetupException.class, e -> {
                        FailureAnalysis analysis = new ClusterSetupFailureAnalyzer().analyze(e);
                        assertThat(analysis.getDescription()).startsWith("mlp.cluster.port " + port
                                + " is in use by another process").doesNotContain("\n");
                        assertThat(analysis.getAction()).isEqualTo("Stop that process, or give this member another "
                                + "mlp.cluster.port and list it in mlp.cluster.members of every member.");
                    });
        }
    }

    @Test
    void aClusterNeedsAStorageDirectory() {
        assertThatThrownBy(() -> new ClusterConfiguration().hazelcastConfig(cluster(5701), storageIn("")))
                .isInstanceOf(ClusterSetupException.class)
                .hasMessage("mlp.cluster.enabled=true needs a storage directory that every member mounts, and "
                        + "mlp.storage.dir is empty");
    }

    @Test
    void theDefaultsAreHazelcastsOwn() {
        ClusterProperties defaults = Binder.get(new StandardEnvironment()).bindOrCreate("mlp.cluster",
                ClusterProperties.class);
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.name()).isEqualTo("mlp-service");
        assertThat(defaults.port()).isEqualTo(5701);
        assertThat(defaults.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.members()).isEmpty();
    }
}
