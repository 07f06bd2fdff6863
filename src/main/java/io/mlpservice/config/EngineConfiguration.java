package io.mlpservice.config;

import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.linalg.MatMuls;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's matrix-product kernel, shared by every training job and prediction:
 * {@code mlp.engine.kernel} (auto by default: OpenBLAS when the machine has it, else the Vector
 * API kernel). The choice is logged at start.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    MatMul matMul(MlpServiceProperties properties) {
        return MatMuls.named(properties.engine().kernel());
    }
}
