package io.mlpservice;

import io.mlpservice.engine.warmup.EngineWarmup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of mlp-service: a REST service that trains and serves multi-layer perceptrons. It
 * starts with plain {@code java -jar}; the engine uses the Vector API when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and scalar Java otherwise, and logs which at start.
 * Packaged, it starts from the application context prepared by its build ({@link AheadOfTimeMode}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MlpServiceApplication {

    public static void main(String[] args) {
        // the engine's kernels are compiled once the context has started (mlp.engine.warmup)
        EngineWarmup.around(() -> {
            SpringApplication application = new SpringApplication(MlpServiceApplication.class);
            application.addListeners(new AheadOfTimeMode());
            application.run(args);
        });
    }
}
