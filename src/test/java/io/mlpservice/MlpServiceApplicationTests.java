package io.mlpservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * How the service is started: plainly, or with the options that give the engine the Vector API,
 * alike wherever the repository writes them down.
 */
class MlpServiceApplicationTests {

    /** The options that give the engine the Vector API and OpenBLAS without a warning. */
    private static final String FAST_OPTIONS = "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED";

    @Test
    void theOptionsRecommendedAreTheOnesThePomTheContainerAndTheReadmePass() throws IOException {
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<engine.jvm.args>" + FAST_OPTIONS + "</engine.jvm.args>");
        assertThat(Files.readString(Path.of("Dockerfile"))).contains(FAST_OPTIONS);
        assertThat(Files.readString(Path.of("README.md"))).contains("java " + FAST_OPTIONS + " -jar target/mlp-service.jar");
    }

    @Test
    void theReadmeStartsThePackagedJarWithNoOptionAtAll() throws IOException {
        assertThat(Files.readString(Path.of("README.md"))).contains("\njava -jar target/mlp-service.jar\n");
    }
}
