package io.mlpservice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mlpservice.MlpServiceApplication;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With {@code mlp.cluster.enabled=false}, the default, nothing of Hazelcast starts: no member, no
 * thread, no port; not even when a Hazelcast configuration that Spring Boot would start on its
 * own lies around.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class ClusterOffTests {

    @Autowired
    private ApplicationContext context;

    @Test
    void theServiceRunsWithoutAnyHazelcastMember() {
        assertThat(context.getBeanNamesForType(HazelcastInstance.class)).isEmpty();
        assertThat(context.getBeanNamesForType(Config.class)).isEmpty();
        assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
    }

    @Test
    void aHazelcastConfigurationLyingAroundStartsNothingWhileTheClusterIsOff() {
        Set<Long> before = Thread.getAllStackTraces().keySet().stream().map(Thread::threadId).collect(Collectors.toSet());
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(MlpServiceApplication.class).run(
                "--spring.hazelcast.config=classpath:cluster/stray-hazelcast.yaml", "--server.port=0",
                "--mlp.storage.dir=", "--mlp.security.enabled=false", "--spring.main.banner-mode=off")) {
            assertThat(service.getBeanNamesForType(HazelcastInstance.class)).isEmpty();
            assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t.threadId()))
                    .map(Thread::getName)).as("threads started with the service").noneMatch(name -> name.startsWith("hz."));
        }
    }
}
