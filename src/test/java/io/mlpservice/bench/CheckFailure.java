package io.mlpservice.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the mismatches between what this run generated and the checksums of WORKLOADS.md. A
 * run with any mismatch is not the specified workload, so it stops before anything is timed.
 */
final class CheckFailure extends RuntimeException {

    CheckFailure(String message) {
        super(message);
    }

    /** Gathers every mismatch of one check group so that the message names them all at once. */
    static final class Collector {
        private final String subject;
        private final List<String> mismatches = new ArrayList<>();

        Collector(String subject) {
            this.subject = subject;
        }

        /** A float32 value against its shortest-round-trip text in WORKLOADS.md: bit-exact. */
        void floatExact(String what, float actual, String expected) {
            if (Float.floatToIntBits(actual) != Float.floatToIntBits(Float.parseFloat(expected))) {
                mismatches.add(what + " is " + actual + ", WORKLOADS.md says " + expected);
            }
        }

        void close(String what, double actual, double expected, double tolerance) {
            if (!(Math.abs(actual - expected) <= tolerance)) {
                mismatches.add(what + " is " + actual + ", WORKLOADS.md says " + expected
                        + " (tolerance " + tolerance + ")");
            }
        }

        void equal(String what, int[] actual, int[] expected) {
            if (!java.util.Arrays.equals(actual, expected)) {
                mismatches.add(what + " are " + java.util.Arrays.toString(actual)
                        + ", WORKLOADS.md says " + java.util.Arrays.toString(expected));
            }
        }

        /** @throws CheckFailure naming every mismatch, when there is one */
        void throwIfAny() {
            if (!mismatches.isEmpty()) {
                throw new CheckFailure(subject + " does not match WORKLOADS.md:\n  - "
                        + String.join("\n  - ", mismatches));
            }
        }
    }
}
