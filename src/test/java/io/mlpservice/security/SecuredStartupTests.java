package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlpservice.MlpServiceApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole starts of the service as an operator does them: the first secured start without keys
 * makes the admin key and the next one keeps it; security off opens the API with one warning; a
 * malformed key hash stops the start.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecuredStartupTests {

    private static ConfigurableApplicationContext start(String... arguments) {
        String[] all = new String[arguments.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return new SpringApplicationBuilder(MlpServiceApplication.class).run(all);
    }

    private static HttpClientSupport client(ConfigurableApplicationContext context) {
        return new HttpClientSupport(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void theFirstStartWithoutKeysMakesAnAdminKeyThatTheNextStartKeeps(@TempDir Path dir, CapturedOutput output)
            throws IOException {
        Path file = dir.resolve("admin-key");
        String key;
        try (var context = start("--mlp.security.enabled=true", "--mlp.storage.dir=" + dir)) {
            key = Files.readString(file).strip();
            HttpClientSupport client = client(context);
            assertThat(client.send("GET", "/api/v1/models", null, null).statusCode()).isEqualTo(401);
            assertThat(client.send("GET", "/api/v1/models", key, null).statusCode()).isEqualTo(200);
            assertThat(client.send("DELETE", "/api/v1/models/6b1f6f8e-0000-4000-8000-000000000000", key, null)
                    .statusCode()).as("the admin role may delete").isEqualTo(404);
            assertThat(client.send(client.request("/api/v1/models", key).header("Origin", "https://elsewhere.example"))
                    .statusCode()).as("no origin listed: CORS closed").isEqualTo(403);
        }
        assertThat(output.getOut()).contains("generated an admin key into " + file.toAbsolutePath());

        try (var context = start("--mlp.security.enabled=true", "--mlp.storage.dir=" + dir)) {
            assertThat(client(context).send("GET", "/api/v1/models", key, null).statusCode()).isEqualTo(200);
        }
        assertThat(output.getOut()).contains("the admin key is the one in " + file.toAbsolutePath())
                .doesNotContain(key);
    }

    @Test
    void securityOffOpensTheApiWithOneWarningAndMakesNoKey(@TempDir Path dir, CapturedOutput output) {
        try (var context = start("--mlp.security.enabled=false", "--mlp.storage.dir=" + dir)) {
            assertThat(client(context).send("GET", "/api/v1/models", null, null).statusCode()).isEqualTo(200);
            assertThat(client(context).send("DELETE", "/api/v1/models/6b1f6f8e-0000-4000-8000-000000000000", null,
                    null).statusCode()).isEqualTo(404);
        }
        assertThat(output.getOut().lines().filter(line -> line.contains(" WARN ")
                && line.contains("mlp.security.enabled=false: every endpoint is open to anyone who reaches the port")))
                .hasSize(1);
        assertThat(dir.resolve("admin-key")).doesNotExist();
    }

    @Test
    void aMalformedKeyHashStopsTheStartNamingTheProperty(@TempDir Path dir) {
        assertThatThrownBy(() -> start("--mlp.security.enabled=true", "--mlp.storage.dir=" + dir,
                "--mlp.security.api-keys[0].name=ci", "--mlp.security.api-keys[0].role=trainer",
                "--mlp.security.api-keys[0].sha256=not-a-hash").close())
                .hasStackTraceContaining("mlp.security.apiKeys[0].sha256")
                .hasStackTraceContaining("must be the 64 hex digits of a SHA-256");
        assertThat(dir.resolve("admin-key")).doesNotExist();
    }
}
