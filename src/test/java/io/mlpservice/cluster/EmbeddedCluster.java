package io.mlpservice.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mlpservice.store.ClusterMaps;
import io.mlpservice.store.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Hazelcast members in this JVM, on loopback, configured as the service configures its own (the
 * storage maps written through to one shared directory, TCP join, a short heartbeat timeout), each
 * with the storage a service would open on it. A cluster of its own name, so that tests running
 * side by side never meet.
 */
public final class EmbeddedCluster implements AutoCloseable {

    /** Seconds without a heartbeat before the others declare a member dead. */
    public static final int HEARTBEAT_TIMEOUT_SECONDS = 5;

    private final List<HazelcastInstance> instances;
    private final List<Storage> storages;

    private EmbeddedCluster(List<HazelcastInstance> instances, List<Storage> storages) {
        this.instances = instances;
        this.storages = storages;
    }

    /** Starts {@code size} members together on {@code directory} and opens their storages once they form a cluster. */
    public static EmbeddedCluster start(Path directory, int size) {
        String name = "test-" + UUID.randomUUID();
        List<Integer> ports = IntStream.range(0, size).mapToObj(i -> freePort()).toList();
        List<String> members = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        List<CompletableFuture<HazelcastInstance>> starting = ports.stream()
                .map(port -> CompletableFuture.supplyAsync(() -> Hazelcast.newHazelcastInstance(
                        config(name, port, members, directory))))
                .toList();
        List<HazelcastInstance> instances = starting.stream().map(CompletableFuture::join).toList();
        List<Storage> storages = new ArrayList<>();
        for (HazelcastInstance instance : instances) {
            storages.add(Storage.shared(directory, instance));
        }
        return new EmbeddedCluster(instances, storages);
    }

    static Config config(String name, int port, List<String> members, Path directory) {
        Config config = new Config().setClusterName(name);
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false).getInterfaces().setEnabled(true)
                .addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).setMembers(members);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(HEARTBEAT_TIMEOUT_SECONDS));
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        ClusterMaps.configure(config, directory);
        return config;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Storage storage(int member) {
        return storages.get(member);
    }

    public HazelcastInstance instance(int member) {
        return instances.get(member);
    }

    /** The member dies at once, as with {@code kill -9}: no goodbye to the others, its lock file released. */
    public void kill(int member) {
        storages.get(member).close();
        instances.get(member).getLifecycleService().terminate();
    }

    /** Stops the members that still run, as the service stops them: storage first, then a graceful leave. */
    @Override
    public void close() {
        for (int i = 0; i < instances.size(); i++) {
            if (instances.get(i).getLifecycleService().isRunning()) {
                storages.get(i).close();
                instances.get(i).shutdown();
            }
        }
    }
}
