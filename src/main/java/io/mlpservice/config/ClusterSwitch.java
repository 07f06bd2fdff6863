package io.mlpservice.config;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps Spring Boot's Hazelcast auto-configurations out unless {@code mlp.cluster.enabled=true}.
 * Boot starts a Hazelcast member when it finds a {@code Config} bean, but also when it finds a
 * {@code hazelcast.xml} or {@code hazelcast.yaml} in the working directory or on the class path,
 * a {@code spring.hazelcast.config} property or a {@code hazelcast.config} system property (and a
 * client likewise); filtered out here, none of those can start anything while the cluster is off.
 */
class ClusterSwitch implements AutoConfigurationImportFilter, EnvironmentAware {

    static final String HAZELCAST_AUTO_CONFIGURATION = "org.springframework.boot.hazelcast.";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        boolean enabled = environment.getProperty("mlp.cluster.enabled", Boolean.class, false);
        boolean[] match = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            match[i] = enabled || candidates[i] == null || !candidates[i].startsWith(HAZELCAST_AUTO_CONFIGURATION);
        }
        return match;
    }
}
