package io.mlpservice.store;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.ReliableTopicConfig;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.topic.TopicOverloadPolicy;
import java.nio.file.Path;

/**
 * The Hazelcast maps and channels a cluster's storage uses, configured before the member starts.
 * <ul>
 *   <li>{@code mlp.table.<folder>.<kind>.<version>}: the records of a {@link Table} (models,
 *       versions, jobs), one synchronous backup, written through to their files by the member that
 *       owns each key and all loaded from the files when the cluster first opens the map;</li>
 *   <li>{@code mlp.blob.<folder>.<kind>.<version>}: {@link Blobs} (weights, checkpoints), likewise
 *       written through, but read from their files only when asked for, and evicted least recently
 *       used beyond a quarter of a member's heap (they stay in their files);</li>
 *   <li>{@code mlp.channel.<name>}: reliable topics of {@value #CHANNEL_CAPACITY} messages.</li>
 * </ul>
 */
public final class ClusterMaps {

    static final String TABLES = "mlp.table.";
    static final String BLOBS = "mlp.blob.";
    static final String CHANNELS = "mlp.channel.";
    static final int CHANNEL_CAPACITY = 10_000;
    /** Percent of each member's heap the blob maps' values may take before the least recently used leave memory. */
    static final int BLOB_HEAP_PERCENT = 25;

    private ClusterMaps() {
    }

    /**
     * Adds the maps and channels to {@code config}, written through to files under {@code directory}.
     *
     * @throws StorageLockedException when a single process holds the directory
     */
    public static void configure(Config config, Path directory) {
        DirectoryLocks.refuseIfHeld(directory, directory.resolve(Storage.LOCK));
        MapConfig tables = map(TABLES + "*", directory, MapStoreConfig.InitialLoadMode.EAGER);
        MapConfig blobs = map(BLOBS + "*", directory, MapStoreConfig.InitialLoadMode.LAZY);
        blobs.getEvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                .setMaxSizePolicy(MaxSizePolicy.USED_HEAP_PERCENTAGE).setSize(BLOB_HEAP_PERCENT);
        config.addMapConfig(tables).addMapConfig(blobs);
        config.addRingBufferConfig(new RingbufferConfig("_hz_rb_" + CHANNELS + "*").setCapacity(CHANNEL_CAPACITY)
                .setBackupCount(1));
        config.addReliableTopicConfig(new ReliableTopicConfig(CHANNELS + "*")
                .setTopicOverloadPolicy(TopicOverloadPolicy.DISCARD_OLDEST));
    }

    private static MapConfig map(String pattern, Path directory, MapStoreConfig.InitialLoadMode load) {
        MapConfig map = new MapConfig(pattern).setBackupCount(1).setAsyncBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.BINARY);
        map.getMapStoreConfig().setEnabled(true).setFactoryImplementation(FileMapStore.factory(directory))
                .setWriteDelaySeconds(0).setInitialLoadMode(load);
        return map;
    }

    /** What a map's name says: its folder in the storage directory, the kind and format version of its files. */
    record Name(boolean table, String folder, String kind, int version) {
    }

    static String name(boolean table, String folder, Codec<?> codec) {
        return (table ? TABLES : BLOBS) + folder + "." + codec.kind() + "." + codec.version();
    }

    static Name parse(String mapName) {
        boolean table = mapName.startsWith(TABLES);
        if (!table && !mapName.startsWith(BLOBS)) {
            throw new IllegalArgumentException("map " + mapName + " is not a storage map");
        }
        String rest = mapName.substring(table ? TABLES.length() : BLOBS.length());
        int lastDot = rest.lastIndexOf('.');
        int kindDot = rest.lastIndexOf('.', lastDot - 1);
        if (kindDot <= 0) {
            throw new IllegalArgumentException("map " + mapName + " names no folder, kind and version");
        }
        return new Name(table, rest.substring(0, kindDot), rest.substring(kindDot + 1, lastDot),
                Integer.parseInt(rest.substring(lastDot + 1)));
    }
}
