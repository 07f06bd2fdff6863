package io.mlpservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MlpServiceApplicationTests {

    @Test
    void startsWhenTheVectorApiModuleIsResolved() {
        // the build runs the tests with the engine's JVM options, as the service runs
        assertThat(MlpServiceApplication.missingModule(ModuleLayer.boot())).isEmpty();
    }

    @Test
    void saysInOneLineHowToStartWhenTheModuleIsMissing() {
        assertThat(MlpServiceApplication.missingModule(ModuleLayer.empty())).hasValue(
                "mlp-service needs the JDK's Vector API module; start it with java --add-modules "
                        + "jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar mlp-service.jar "
                        + "(./mvnw spring-boot:run and the container pass these options themselves)");
    }

    @Test
    void theOptionsNamedAreTheOnesThePomTheContainerAndTheReadmePass() throws IOException {
        assertThat(Files.readString(Path.of("pom.xml"))).contains(
                "<engine.jvm.args>" + MlpServiceApplication.JVM_OPTIONS + "</engine.jvm.args>");
        assertThat(Files.readString(Path.of("Dockerfile"))).contains(MlpServiceApplication.JVM_OPTIONS);
        assertThat(Files.readString(Path.of("README.md"))).contains(MlpServiceApplication.JVM_OPTIONS);
    }
}
