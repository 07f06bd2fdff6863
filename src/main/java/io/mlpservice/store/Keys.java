package io.mlpservice.store;

import java.util.regex.Pattern;

/**
 * Store keys are file names: one or two segments of letters, digits, dots, dashes and
 * underscores ({@code 4f7c1c2e-...}, {@code 4f7c1c2e-.../3}), never {@code .} or {@code ..}.
 */
final class Keys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127})?");

    private Keys() {
    }

    static boolean isValid(String key) {
        return KEY.matcher(key).matches();
    }

    static String check(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("'" + key + "' is not a valid store key");
        }
        return key;
    }
}
