package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Matching a presented key against the configured hashes, and what the matched key grants. */
class ApiKeyAuthenticationProviderTests {

    private final ApiKeyAuthenticationProvider provider = new ApiKeyAuthenticationProvider(List.of(
            ApiKeyAuthenticationProvider.entry(new MlpSecurityProperties.ApiKey("dash", Role.PREDICTOR,
                    TestKeys.PREDICTOR_SHA256)),
            ApiKeyAuthenticationProvider.entry(new MlpSecurityProperties.ApiKey("ops", Role.ADMIN,
                    TestKeys.ADMIN_SHA256.toUpperCase()))));

    private static List<String> authorities(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void aConfiguredKeyBecomesItsNameAndRoleAndTheKeyItselfIsNotKept() {
        Authentication verified = provider.authenticate(ApiKeyAuthentication.unchecked(TestKeys.PREDICTOR));
        assertThat(verified.isAuthenticated()).isTrue();
        assertThat(verified.getName()).isEqualTo("dash");
        assertThat(verified.getCredentials()).isNull();
        assertThat(verified).hasToString("API key 'dash' (predictor)");
        assertThat(authorities(verified)).containsExactly("ROLE_PREDICTOR");
    }

    @Test
    void aRoleGrantsTheRolesBelowIt() {
        Authentication admin = provider.authenticate(ApiKeyAuthentication.unchecked(TestKeys.ADMIN));
        assertThat(admin.getName()).as("hex digits in either case").isEqualTo("ops");
        assertThat(authorities(admin)).containsExactly("ROLE_PREDICTOR", "ROLE_TRAINER", "ROLE_ADMIN");
    }

    @Test
    void anUnknownOrEmptyKeyIsRefused() {
        assertThatThrownBy(() -> provider.authenticate(ApiKeyAuthentication.unchecked(TestKeys.UNKNOWN)))
                .isInstanceOf(BadCredentialsException.class).hasMessage("unknown API key");
        assertThatThrownBy(() -> provider.authenticate(ApiKeyAuthentication.unchecked(TestKeys.PREDICTOR + " ")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(ApiKeyAuthentication.unchecked("")))
                .isInstanceOf(BadCredentialsException.class).hasMessage("no API key");
        assertThat(ApiKeyAuthentication.unchecked(TestKeys.PREDICTOR)).hasToString("unchecked API key");
    }

    @Test
    void withoutConfiguredKeysNothingMatches() {
        assertThatThrownBy(() -> new ApiKeyAuthenticationProvider(List.of())
                .authenticate(ApiKeyAuthentication.unchecked(TestKeys.ADMIN))).isInstanceOf(BadCredentialsException.class);
    }
}
