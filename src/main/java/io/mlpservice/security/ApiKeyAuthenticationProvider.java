package io.mlpservice.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Checks a presented API key against the configured ones. Only SHA-256 digests are held; the
 * presented key is hashed and compared with every configured digest in constant time
 * ({@link MessageDigest#isEqual}), all of them each time, so that neither the answer's timing nor
 * which key matched tells anything about the keys.
 */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    /** A configured key: its name, role and the 32 bytes of its SHA-256. */
    record Entry(String name, Role role, byte[] digest) {
    }

    private final List<Entry> keys;

    ApiKeyAuthenticationProvider(List<Entry> keys) {
        this.keys = List.copyOf(keys);
    }

    /** A configured key, its hex digest parsed. */
    static Entry entry(MlpSecurityProperties.ApiKey key) {
        return new Entry(key.name(), key.role(), HexFormat.of().parseHex(key.sha256()));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        if (!(credentials instanceof String presented) || presented.isEmpty()) {
            throw new BadCredentialsException("no API key");
        }
        byte[] digest = sha256(presented);
        Entry match = null;
        for (Entry key : keys) {
            // no early exit: the time taken does not depend on which key, if any, matched
            if (MessageDigest.isEqual(key.digest(), digest) && match == null) {
                match = key;
            }
        }
        if (match == null) {
            throw new BadCredentialsException("unknown API key");
        }
        return ApiKeyAuthentication.verified(match.name(), match.role());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }

    /** The SHA-256 of a key's UTF-8 bytes, as configured in {@code mlp.security.api-keys[i].sha256}. */
    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
