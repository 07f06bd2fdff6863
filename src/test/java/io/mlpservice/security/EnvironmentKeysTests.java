package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variables that the README and docker-compose.yml give bind to the keys and origins. */
class EnvironmentKeysTests {

    @Test
    void keysAndOriginsBindFromTheEnvironmentVariableNamesTheReadmeGives() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "MLP_SECURITY_API_KEYS_0_NAME", "operator",
                        "MLP_SECURITY_API_KEYS_0_ROLE", "admin",
                        "MLP_SECURITY_API_KEYS_0_SHA256", TestKeys.ADMIN_SHA256,
                        "MLP_SECURITY_API_KEYS_1_NAME", "dashboard",
                        "MLP_SECURITY_API_KEYS_1_ROLE", "predictor",
                        "MLP_SECURITY_API_KEYS_1_SHA256", TestKeys.PREDICTOR_SHA256,
                        "MLP_SECURITY_CORS_ALLOWED_ORIGINS", "https://a.example,https://b.example")));
        ConfigurationPropertySources.attach(environment);

        MlpSecurityProperties properties = Binder.get(environment)
                .bindOrCreate("mlp.security", MlpSecurityProperties.class);

        assertThat(properties.enabled()).isTrue();
        assertThat(properties.apiKeys()).containsExactly(
                new MlpSecurityProperties.ApiKey("operator", Role.ADMIN, TestKeys.ADMIN_SHA256),
                new MlpSecurityProperties.ApiKey("dashboard", Role.PREDICTOR, TestKeys.PREDICTOR_SHA256));
        assertThat(properties.cors().allowedOrigins()).containsExactly("https://a.example", "https://b.example");
    }
}
