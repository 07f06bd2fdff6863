package io.mlpservice.config;

import com.hazelcast.core.HazelcastInstance;
import io.mlpservice.store.Storage;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The storage every feature keeps its state in: the directory {@code mlp.storage.dir}, held by
 * this process alone, or memory only when the property is empty; in cluster mode, the maps of the
 * Hazelcast member, written through to that directory, which every member shares. The start-up
 * log says which.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean(destroyMethod = "close")
    Storage storage(MlpServiceProperties properties, ObjectProvider<HazelcastInstance> cluster) {
        String dir = properties.storage().dir().strip();
        HazelcastInstance member = cluster.getIfAvailable();
        if (member != null && !dir.isEmpty()) {   // the cluster's member (ClusterConfiguration refuses an empty dir)
            Path directory = Path.of(dir).toAbsolutePath();
            Storage storage = Storage.shared(directory, member);
            log.info("Storage: {}, shared by the members of the cluster {}", directory,
                    member.getConfig().getClusterName());
            return storage;
        }
        if (dir.isEmpty()) {
            log.info("Storage: memory only (mlp.storage.dir is empty); models, jobs and loss histories end with the process");
            return Storage.inMemory();
        }
        Path directory = Path.of(dir).toAbsolutePath();
        Storage storage = Storage.open(directory);
        log.info("Storage: {}", directory);
        return storage;
    }
}
