package io.mlpservice.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the API, bound from {@code mlp.security.*} (or {@code MLP_SECURITY_*} environment
 * variables): whether keys are asked at all, the accepted API keys as SHA-256 hashes (never the
 * keys themselves) with the role of each, and the browser origins allowed to call across origins.
 *
 * @param enabled false opens every endpoint to anyone who reaches the port (logged as a warning)
 * @param apiKeys the accepted keys; several at once let a key be replaced without downtime. When
 *                none is configured, an admin key is generated at start (see the README)
 * @param cors    cross-origin access from browsers; closed unless origins are listed
 */
@ConfigurationProperties("mlp.security")
@Validated
public record MlpSecurityProperties(
        @DefaultValue("true") boolean enabled,
        @Valid @DefaultValue List<ApiKey> apiKeys,
        @Valid @DefaultValue Cors cors) {

    /**
     * One accepted API key.
     *
     * @param name   a label for people and logs (the key itself is never logged)
     * @param role   what the key may do: {@code predictor}, {@code trainer} or {@code admin}
     * @param sha256 the hex SHA-256 of the key, 64 characters:
     *               {@code printf %s "$KEY" | sha256sum | cut -d' ' -f1}
     */
    public record ApiKey(
            @NotBlank String name,
            @NotNull Role role,
            @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the 64 hex digits of a SHA-256")
            String sha256) {
    }

    /**
     * Cross-origin resource sharing.
     *
     * @param allowedOrigins origins such as {@code https://dashboard.example.com} whose pages may
     *                       call the API; empty refuses every cross-origin request with 403
     */
    public record Cors(@DefaultValue List<@NotBlank String> allowedOrigins) {
    }
}
