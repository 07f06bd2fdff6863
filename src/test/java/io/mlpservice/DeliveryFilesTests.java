package io.mlpservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container and CI files promise what the README says: no Docker engine runs in the build,
 * so these read the files and check what an image built from them would do.
 */
class DeliveryFilesTests {

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(Path.of(file)).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static List<String> finalStage(List<String> dockerfile) {
        int lastFrom = 0;
        for (int i = 0; i < dockerfile.size(); i++) {
            if (dockerfile.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        return dockerfile.subList(lastFrom, dockerfile.size());
    }

    @Test
    void dockerfileBuildsOnJdk25AndRunsOnJre25WithPinnedTags() throws IOException {
        List<String> froms = lines("Dockerfile").stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).startsWith("FROM eclipse-temurin:25-jdk").endsWith(" AS build");
        assertThat(froms.get(1)).startsWith("FROM eclipse-temurin:25-jre");
        assertThat(froms).noneMatch(from -> from.contains(":latest"));
    }

    @Test
    void imageRunsAsNonRootUserWithHealthCheckOnThePublishedPort() throws IOException {
        List<String> stage = finalStage(lines("Dockerfile"));
        assertThat(stage).anyMatch(l -> l.matches("USER (?!root\\b|0\\b)\\S+"));
        assertThat(stage).contains("EXPOSE 8080");
        assertThat(String.join("\n", stage)).containsPattern("HEALTHCHECK[^\\n]*\\\\?\\n?.*localhost:8080/actuator/health");
        assertThat(String.join(" ", stage)).contains("-XX:MaxRAMPercentage=", "--add-modules jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheServiceWithPortHealthCheckRestartAndEnvironment() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("mlp-service");
        assertThat((List<String>) service.get("ports")).contains("8080:8080");
        assertThat(service.get("restart")).isEqualTo("unless-stopped");
        assertThat(service.get("healthcheck").toString()).contains("/actuator/health");
        assertThat((Map<String, Object>) service.get("environment")).containsKeys("MLP_TRAINING_WORKERS",
                "MLP_LIMITS_MAX_REQUEST_SIZE");
    }

    @Test
    void ciRunsExactlyTheReadmeTestCommand() throws IOException {
        List<String> ci = lines(".ci/run");
        assertThat(ci.getLast()).isEqualTo("./mvnw -B verify");
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("./mvnw -B verify", "./mvnw spring-boot:run");
        assertThat(Arrays.asList(Path.of("mvnw").toFile().canExecute(), Path.of(".ci/run").toFile().canExecute()))
                .containsOnly(true);
    }
}
