package io.mlpservice.config;

import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.linalg.MatMuls;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's matrix-product kernel, shared by every training job and prediction. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    MatMul matMul(MlpServiceProperties properties) {
        return MatMuls.defaultKernel();
    }
}
