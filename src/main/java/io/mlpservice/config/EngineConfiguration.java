package io.mlpservice.config;

import io.mlpservice.engine.Kernels;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.linalg.MatMuls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's matrix-product kernel, shared by every training job and prediction:
 * {@code mlp.engine.kernel} (auto by default: OpenBLAS when the machine has it, else the pure-Java
 * kernel). One line at start names it with the element-wise kernel: the Vector API when the JVM
 * has its module, else scalar Java with the option that would give the Vector API.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean
    MatMul matMul(MlpServiceProperties properties) {
        MatMul kernel = MatMuls.named(properties.engine().kernel());
        LOG.info(Kernels.summary(kernel));
        return kernel;
    }
}
