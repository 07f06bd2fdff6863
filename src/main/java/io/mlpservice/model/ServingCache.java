package io.mlpservice.model;

import io.mlpservice.engine.Network;
import io.mlpservice.store.Blobs;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The serving weights held in memory, each with its copy laid out for one-row predictions, within
 * a bound in bytes that counts both: when a new entry would pass it, the least recently used
 * entries are dropped (they are read back from disk on their next use). An entry larger than the
 * whole bound is used once and not kept.
 */
final class ServingCache {

    private final long maxBytes;
    private final LinkedHashMap<String, Network> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    ServingCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The cached network for {@code key}, or the store's, which is then cached. The store is read
     * outside the cache's lock, so that a slow read delays no other model. No lambda on this path:
     * it runs on a model's first prediction, where spinning a lambda's class costs more than the
     * prediction.
     */
    Optional<Network> get(String key, Blobs<Network> store) {
        synchronized (this) {
            Network cached = entries.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<Network> loaded = store.get(key);
        if (loaded.isPresent()) {
            put(key, loaded.get());
        }
        return loaded;
    }

    /**
     * Keeps {@code network} for {@code key}, laid out for single rows first (outside the lock), so
     * that a kept model's first one-row prediction finds its layout made and the bound counts it.
     */
    void put(String key, Network network) {
        if (WeightsCodec.residentBytes(network.spec()) <= maxBytes) {
            network.layOutForSingleRows();
        }
        keep(key, network);
    }

    private synchronized void keep(String key, Network network) {
        long size = WeightsCodec.residentBytes(network);
        Network previous = entries.remove(key);
        if (previous != null) {
            bytes -= WeightsCodec.residentBytes(previous);
        }
        if (size > maxBytes) {
            return;
        }
        Iterator<Map.Entry<String, Network>> eldest = entries.entrySet().iterator();
        while (bytes + size > maxBytes && eldest.hasNext()) {
            bytes -= WeightsCodec.residentBytes(eldest.next().getValue());
            eldest.remove();
        }
        entries.put(key, network);
        bytes += size;
    }

    synchronized void evict(String key) {
        Network removed = entries.remove(key);
        if (removed != null) {
            bytes -= WeightsCodec.residentBytes(removed);
        }
    }

    /** Drops every entry of the model. */
    synchronized void evictModel(String modelId) {
        entries.entrySet().removeIf(e -> {
            boolean match = e.getKey().startsWith(modelId + "/");
            if (match) {
                bytes -= WeightsCodec.residentBytes(e.getValue());
            }
            return match;
        });
    }

    synchronized long bytes() {
        return bytes;
    }
}
