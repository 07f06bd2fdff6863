package io.mlpservice.web;

/**
 * The double nearest to a JSON number's text, for the common case of at most 15 significant
 * digits and a decimal exponent within ±22 (every feature value a client writes by hand or prints
 * with a float's precision): then the digits as a long and the power of ten are both exact
 * doubles, and one multiplication or division rounds once, correctly (Clinger's fast path,
 * "How to read floating point numbers accurately", 1990). The same bits as
 * {@link Double#parseDouble}, without going through a string or a general parser; anything else is
 * left to the general parser.
 */
final class DecimalText {

    /** What {@link #parse} answers when the text needs the general parser: never a JSON number's value. */
    static final double UNHANDLED = Double.NaN;

    /** Exact powers of ten: 10^22 is the largest that a double holds exactly. */
    private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    /** Digits that always fit below 2^53, the last integer a double holds with all the ones before it. */
    private static final int MAX_DIGITS = 15;

    private DecimalText() {
    }

    /**
     * The value of a valid JSON number ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}).
     *
     * @return the correctly rounded double, or {@link #UNHANDLED} (NaN) when the general parser is needed
     */
    static double parse(char[] text, int offset, int length) {
        int at = offset;
        int end = offset + length;
        boolean negative = at < end && text[at] == '-';
        if (negative) {
            at++;
        }
        long digits = 0;
        int significant = 0;
        int exponent = 0;
        boolean fraction = false;
        for (; at < end; at++) {
            char c = text[at];
            if (c == '.') {
                fraction = true;
                continue;
            }
            if (c < '0' || c > '9') {
                break;
            }
            if (digits == 0 && c == '0') {
                // a leading zero counts for nothing, except as a place after the point
                if (fraction) {
                    exponent--;
                }
                continue;
            }
            if (++significant > MAX_DIGITS) {
                return UNHANDLED;
            }
            digits = digits * 10 + (c - '0');
            if (fraction) {
                exponent--;
            }
        }
        if (at < end) {
            int written = 0;
            boolean negativeExponent = false;
            at++;
            if (at < end && (text[at] == '-' || text[at] == '+')) {
                negativeExponent = text[at] == '-';
                at++;
            }
            int places = 0;
            for (; at < end; at++) {
                if (++places > 4) {
                    return UNHANDLED;
                }
                written = written * 10 + (text[at] - '0');
            }
            exponent += negativeExponent ? -written : written;
        }
        if (digits == 0) {
            return negative ? -0.0 : 0.0;
        }
        double value;
        if (exponent >= 0 && exponent < POWERS.length) {
            value = digits * POWERS[exponent];
        } else if (exponent < 0 && -exponent < POWERS.length) {
            value = digits / POWERS[-exponent];
        } else {
            return UNHANDLED;
        }
        return negative ? -value : value;
    }
}
