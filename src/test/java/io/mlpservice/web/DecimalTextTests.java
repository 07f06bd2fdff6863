package io.mlpservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast reading of JSON numbers gives the bits of {@link Double#parseDouble}, or hands the text on. */
class DecimalTextTests {

    private static final long SEED = 20261130L;

    private static double parse(String text) {
        return DecimalText.parse(text.toCharArray(), 0, text.length());
    }

    @Test
    void readsWhatClientsWriteToTheBitsOfTheGeneralParser() {
        for (String text : new String[] {"0", "-0", "0.0", "-0.0", "5.1", "3.5", "1.4", "0.2", "0.123", "-7.25",
            "100", "1e3", "1E-3", "2.5e+10", "0.000001234", "123456789012345", "9.999999999999999", "1e22",
            "1e-22", "0.1", "0.30000000000000004", "4.9e-5", "65504", "3.4028234e38"}) {
            double fast = parse(text);
            if (!Double.isNaN(fast)) {
                assertThat(Double.doubleToRawLongBits(fast)).as(text)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
            }
        }
        assertThat(Double.doubleToRawLongBits(parse("-0.0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(parse("5.1")).isEqualTo(5.1);
    }

    @Test
    void handsOnWhatItCannotReadExactly() {
        for (String text : new String[] {"1234567890123456", "1e23", "1e-23", "1e999", "2.2250738585072014e-308",
            "0.12345678901234567", "1e99999"}) {
            assertThat(parse(text)).as(text).isNaN();
        }
    }

    /** Random numbers in every form JSON allows, seeded: each read fast is bit for bit the general parser's. */
    @Test
    void agreesWithTheGeneralParserOnRandomNumbers() {
        SplittableRandom random = new SplittableRandom(SEED);
        int handled = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            if (random.nextBoolean()) {
                text.append('-');
            }
            int whole = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(12);
            text.append(whole == 0 ? "0" : Integer.toString(1 + random.nextInt(9)));
            for (int d = 1; d < whole; d++) {
                text.append(random.nextInt(10));
            }
            if (random.nextBoolean()) {
                text.append('.');
                int places = 1 + random.nextInt(12);
                for (int d = 0; d < places; d++) {
                    text.append(random.nextInt(10));
                }
            }
            if (random.nextInt(3) == 0) {
                text.append(random.nextBoolean() ? 'e' : 'E');
                int sign = random.nextInt(3);
                text.append(sign == 0 ? "" : sign == 1 ? "+" : "-");
                text.append(random.nextInt(30));
            }
            String number = text.toString();
            double fast = parse(number);
            if (!Double.isNaN(fast)) {
                handled++;
                assertThat(Double.doubleToRawLongBits(fast)).as("seed %d: %s", SEED, number)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(number)));
            }
        }
        assertThat(handled).as("most numbers take the fast path").isGreaterThan(100_000);
    }
}
