package io.mlpservice;

import io.mlpservice.engine.warmup.EngineWarmup;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of mlp-service: a REST service that trains and serves multi-layer perceptrons. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MlpServiceApplication {

    /** What the engine needs from the JVM's command line, as the README, the pom and the Dockerfile pass it. */
    static final String JVM_OPTIONS = "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED";

    public static void main(String[] args) {
        Optional<String> problem = missingModule(ModuleLayer.boot());
        if (problem.isPresent()) {
            System.err.println(problem.get());
            System.exit(2);
        }
        // the engine's kernels are compiled once the context has started (mlp.engine.warmup)
        EngineWarmup.around(() -> SpringApplication.run(MlpServiceApplication.class, args));
    }

    /**
     * The engine computes with the JDK's Vector API, an incubator module that the JVM resolves
     * only when asked: without it the service could not build its engine. Says so in one line
     * instead of a stack trace.
     */
    static Optional<String> missingModule(ModuleLayer layer) {
        if (layer.findModule("jdk.incubator.vector").isPresent()) {
            return Optional.empty();
        }
        return Optional.of("mlp-service needs the JDK's Vector API module; start it with "
                + "java " + JVM_OPTIONS + " -jar mlp-service.jar "
                + "(./mvnw spring-boot:run and the container pass these options themselves)");
    }
}
