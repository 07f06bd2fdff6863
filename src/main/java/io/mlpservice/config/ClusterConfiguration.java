package io.mlpservice.config;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.spi.properties.ClusterProperty;
import io.mlpservice.store.ClusterMaps;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Hazelcast member of the cluster mode, as the {@code Config} bean from which Spring Boot's
 * auto-configuration starts it (only with {@code mlp.cluster.enabled=true}; see {@link ClusterSwitch}).
 * TCP-IP join with the listed members, multicast and auto-detection off, exactly one port, the
 * heartbeat timeout of {@code mlp.cluster.heartbeat-timeout}, no shutdown hook of its own (the
 * service stops it after its training workers have handed their jobs over), and the storage maps
 * of {@link ClusterMaps}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("mlp.cluster.enabled")
class ClusterConfiguration {

    /** Hazelcast's own default: a heartbeat every 5 seconds for its 60-second timeout. */
    private static final int HEARTBEATS_PER_TIMEOUT = 12;
    private static final int MAX_HEARTBEAT_INTERVAL_SECONDS = 5;
    private static final int GRACEFUL_SHUTDOWN_SECONDS = 20;

    @Bean
    Config hazelcastConfig(ClusterProperties cluster, MlpServiceProperties properties) {
        String dir = properties.storage().dir().strip();
        if (dir.isEmpty()) {
            throw new ClusterSetupException("mlp.cluster.enabled=true needs a storage directory that every member "
                    + "mounts, and mlp.storage.dir is empty", "Set mlp.storage.dir to a directory on a shared volume.");
        }
        checkPortFree(cluster.port());
        Config config = new Config();
        config.setClusterName(cluster.name());
        NetworkConfig network = config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(false)
                .setPortCount(1);
        if (cluster.networkInterface() != null && !cluster.networkInterface().isBlank()) {
            network.getInterfaces().setEnabled(true).addInterface(cluster.networkInterface().strip());
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
        long timeout = Math.max(1, cluster.heartbeatTimeout().toSeconds());
        long interval = Math.clamp(timeout / HEARTBEATS_PER_TIMEOUT, 1, MAX_HEARTBEAT_INTERVAL_SECONDS);
        config.setProperty(ClusterProperty.MAX_NO_HEARTBEAT_SECONDS.getName(), Long.toString(timeout));
        config.setProperty(ClusterProperty.HEARTBEAT_INTERVAL_SECONDS.getName(), Long.toString(interval));
        config.setProperty(ClusterProperty.SHUTDOWNHOOK_ENABLED.getName(), "false");
        config.setProperty(ClusterProperty.GRACEFUL_SHUTDOWN_MAX_WAIT.getName(),
                Integer.toString(GRACEFUL_SHUTDOWN_SECONDS));
        config.setProperty(ClusterProperty.PHONE_HOME_ENABLED.getName(), "false");
        config.getJetConfig().setEnabled(false);
        ClusterMaps.configure(config, Path.of(dir).toAbsolutePath());
        return config;
    }

    /** Hazelcast would fail on a taken port with a page of stack traces: checked first, said in one line. */
    private static void checkPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new ClusterSetupException("mlp.cluster.port " + port + " is in use by another process (" + e.getMessage()
                    + ")", "Stop that process, or give this member another mlp.cluster.port and list it in "
                    + "mlp.cluster.members of every member.");
        }
    }
}
