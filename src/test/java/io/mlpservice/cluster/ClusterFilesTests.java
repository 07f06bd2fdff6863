package io.mlpservice.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import io.mlpservice.store.Blobs;
import io.mlpservice.store.ClusterMaps;
import io.mlpservice.store.Codec;
import io.mlpservice.store.JsonCodec;
import io.mlpservice.store.Storage;
import io.mlpservice.store.StorageLockedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster keeps its records in the files a single process keeps: a single process started on a
 * cluster's directory finds everything, and a cluster started on a single process's directory
 * too; but the two never use one directory at the same time.
 */
class ClusterFilesTests {

    record Item(String name, int count) {
    }

    private static final Codec<Item> ITEMS = new JsonCodec<>("item", 1, Item.class);

    @TempDir
    Path dir;

    @Test
    void aSingleProcessFindsWhatAClusterStoredAndTheReverse() {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(dir, 2)) {
            cluster.storage(0).table("items", ITEMS).insert("a", new Item("apple", 1));
            cluster.storage(1).table("items", ITEMS).insert("b", new Item("bean", 2));
            cluster.storage(1).blobs("checkpoints", ITEMS).put("job-1", new Item("state", 40));
        }
        try (Storage single = Storage.open(dir)) {
            assertThat(single.table("items", ITEMS).values())
                    .containsExactlyInAnyOrder(new Item("apple", 1), new Item("bean", 2));
            assertThat(single.blobs("checkpoints", ITEMS).get("job-1")).contains(new Item("state", 40));
            single.table("items", ITEMS).insert("c", new Item("cherry", 3));
        }
        try (EmbeddedCluster cluster = EmbeddedCluster.start(dir, 2)) {
            assertThat(cluster.storage(1).table("items", ITEMS).values())
                    .containsExactlyInAnyOrder(new Item("apple", 1), new Item("bean", 2), new Item("cherry", 3));
            Blobs<Item> checkpoints = cluster.storage(0).blobs("checkpoints", ITEMS);
            assertThat(checkpoints.get("job-1")).contains(new Item("state", 40));
        }
    }

    @Test
    void aSingleProcessAndAClusterNeverShareTheDirectory() {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(dir, 1)) {
            String member = cluster.storage(0).cluster().orElseThrow().self();
            assertThatThrownBy(() -> Storage.open(dir)).isInstanceOf(StorageLockedException.class)
                    .hasMessage("the storage directory " + dir.toAbsolutePath() + " is in use by another mlp-service "
                            + "process (pid " + ProcessHandle.current().pid() + "), which holds "
                            + dir.resolve(".lock-" + member.replace(':', '-')).toAbsolutePath());
        }
        try (Storage single = Storage.open(dir)) {
            assertThatThrownBy(() -> ClusterMaps.configure(new Config(), dir)).isInstanceOf(StorageLockedException.class)
                    .hasMessageEndingWith("which holds " + dir.resolve(Storage.LOCK).toAbsolutePath());
        }
    }
}
