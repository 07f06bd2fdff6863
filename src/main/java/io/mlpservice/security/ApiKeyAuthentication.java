package io.mlpservice.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An API key on its way through Spring Security. Before authentication it carries the key as the
 * client sent it and nothing else; once {@link ApiKeyAuthenticationProvider} has matched it, the
 * key is gone and only the configured name and role remain, so that nothing downstream (a log line,
 * an error) can show it.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final String name;
    private final Role role;
    private transient String presentedKey;

    private ApiKeyAuthentication(String presentedKey) {
        super(List.of());
        this.name = "";
        this.role = null;
        this.presentedKey = presentedKey;
    }

    private ApiKeyAuthentication(String name, Role role) {
        super(role.authorities());
        this.name = name;
        this.role = role;
        setAuthenticated(true);
    }

    /** A key as sent, not yet checked. */
    static ApiKeyAuthentication unchecked(String presentedKey) {
        return new ApiKeyAuthentication(presentedKey);
    }

    /** A key that matched the configured key of this name and role. */
    static ApiKeyAuthentication verified(String name, Role role) {
        return new ApiKeyAuthentication(name, role);
    }

    /** The configured name of the key (empty before authentication). */
    @Override
    public String getName() {
        return name;
    }

    /** The key's role, or null before authentication. */
    Role role() {
        return role;
    }

    @Override
    public Object getPrincipal() {
        return name;
    }

    /** The key as sent, until it has been checked; never afterwards. */
    @Override
    public Object getCredentials() {
        return presentedKey;
    }

    @Override
    public void eraseCredentials() {
        presentedKey = null;
    }

    @Override
    public String toString() {
        return isAuthenticated() ? "API key '" + name + "' (" + role.label() + ")" : "unchecked API key";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeyAuthentication that && that.name.equals(name) && that.role == role
                && that.isAuthenticated() == isAuthenticated();
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
