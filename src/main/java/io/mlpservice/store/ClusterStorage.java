package io.mlpservice.store;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage of one member of a cluster: tables and blobs in the maps that {@link ClusterMaps}
 * configures, logs and large blobs as files in the shared directory, and what the member knows of
 * the others. When a member leaves, the events it had not yet sent are lost with it, so every
 * table then reads its map again.
 */
final class ClusterStorage implements Cluster {

    private static final Logger log = LoggerFactory.getLogger(ClusterStorage.class);

    private final HazelcastInstance instance;
    private final StorageFiles files;
    private final String self;
    private final boolean alone;
    private final DirectoryLocks.Held lock;
    private final UUID membershipRegistration;
    private final List<Runnable> membershipListeners = new CopyOnWriteArrayList<>();
    private final List<ClusterTable<?>> tables = new CopyOnWriteArrayList<>();
    private final ExecutorService resyncs = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("mlp-cluster-resync").factory());

    private ClusterStorage(HazelcastInstance instance, Path directory, DirectoryLocks.Held lock, String self,
                           boolean alone) {
        this.instance = instance;
        this.files = new StorageFiles(directory);
        this.lock = lock;
        this.self = self;
        this.alone = alone;
        this.membershipRegistration = instance.getCluster().addMembershipListener(new Membership());
    }

    static ClusterStorage open(Path directory, HazelcastInstance instance) {
        DirectoryLocks.refuseIfHeld(directory, directory.resolve(Storage.LOCK));
        String self = address(instance.getCluster().getLocalMember());
        DirectoryLocks.Held lock = DirectoryLocks.take(directory, DirectoryLocks.memberLock(directory, self));
        boolean alone = instance.getCluster().getMembers().size() == 1;
        if (alone) {
            new StorageFiles(directory).removeTemporaryFiles();   // no other member is writing one now
        }
        log.info("Cluster {}: this member is {}; members {}", instance.getConfig().getClusterName(), self,
                members(instance));
        return new ClusterStorage(instance, directory, lock, self, alone);
    }

    StorageFiles files() {
        return files;
    }

    boolean alone() {
        return alone;
    }

    <T> Table<T> table(String name, Codec<T> codec) {
        ClusterTable<T> table = new ClusterTable<>(instance.getMap(ClusterMaps.name(true, name, codec)), codec);
        tables.add(table);
        return table;
    }

    <T> Blobs<T> blobs(String name, Codec<T> codec) {
        return new ClusterBlobs<>(instance.getMap(ClusterMaps.name(false, name, codec)), codec,
                files.root().resolve(name));
    }

    <T> AppendLog<T> log(String name, RecordCodec<T> codec) {
        return new FileLog<>(files, name, codec, true);
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public boolean isMember(String address) {
        for (Member member : instance.getCluster().getMembers()) {
            if (address(member).equals(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onMembershipChange(Runnable listener) {
        membershipListeners.add(listener);
    }

    @Override
    public <T> Channel<T> channel(String name, Codec<T> codec) {
        return new TopicChannel<>(instance.getReliableTopic(ClusterMaps.CHANNELS + name), codec,
                instance.getCluster().getLocalMember().getUuid());
    }

    void close() {
        resyncs.shutdownNow();
        try {
            instance.getCluster().removeMembershipListener(membershipRegistration);
        } catch (RuntimeException stopped) {
            log.debug("The member stopped before its storage: {}", stopped.toString());
        } finally {
            lock.close();
        }
    }

    static String address(Member member) {
        Address address = member.getAddress();
        return address.getHost() + ":" + address.getPort();
    }

    private static String members(HazelcastInstance instance) {
        return instance.getCluster().getMembers().stream().map(ClusterStorage::address)
                .collect(Collectors.joining(", "));
    }

    private final class Membership implements MembershipListener {

        @Override
        public void memberAdded(MembershipEvent event) {
            log.info("Cluster: member {} joined; members {}", address(event.getMember()), members(instance));
            tellListeners();
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            log.info("Cluster: member {} left; members {}", address(event.getMember()), members(instance));
            tellListeners();
            if (!resyncs.isShutdown()) {
                resyncs.execute(this::resync);
            }
        }

        private void tellListeners() {
            for (Runnable listener : membershipListeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    log.warn("A listener to the cluster's members failed: {}", e.toString());
                }
            }
        }

        private void resync() {
            try {
                tables.forEach(ClusterTable::resync);
            } catch (RuntimeException e) {
                if (instance.getLifecycleService().isRunning()) {
                    log.warn("Could not read the tables again after a member left: {}", e.toString());
                }
            }
        }
    }
}
