package io.mlpservice.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What an API key may do. Each role includes the ones before it: a {@link #PREDICTOR} reads
 * everything under the API and asks for predictions; a {@link #TRAINER} also creates models,
 * submits and cancels jobs and changes the serving version; an {@link #ADMIN} also deletes and
 * reads the metrics.
 */
public enum Role {

    PREDICTOR,
    TRAINER,
    ADMIN;

    /** The name used in properties, logs and problem details: {@code predictor}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and every role it includes, as Spring Security authorities ({@code ROLE_TRAINER}). */
    List<GrantedAuthority> authorities() {
        return Arrays.stream(values()).filter(role -> role.ordinal() <= ordinal())
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
    }
}
