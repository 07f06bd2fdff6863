package io.mlpservice.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlpservice.security.SecurityConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebMvcTest} slice needs of the application's own configuration to behave as
 * the service does: its properties, strict JSON reading, the request-size limit, the engine kernel,
 * the storage (in memory for tests), the security filter chain and a registry for the services' meters.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(MlpServiceProperties.class)
@Import({JacksonConfiguration.class, WebConfiguration.class, EngineConfiguration.class, StorageConfiguration.class,
        SecurityConfiguration.class})
public class WebSliceConfiguration {

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
