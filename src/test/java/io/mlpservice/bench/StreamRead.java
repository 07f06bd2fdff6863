package io.mlpservice.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * How long one core takes to read a buffer of floats that fits its cache, start to end, with as
 * many loads in flight as it takes: sixteen SIMD vectors summed into sixteen registers per step.
 * A one-row prediction reads each weight once, so this is the floor under its latency.
 */
final class StreamRead {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private StreamRead() {
    }

    /** Median nanoseconds of 10,000 reads of {@code floats} floats, after 2,000 that warm up. */
    static double medianNanos(long floats) {
        float[] buffer = new float[Math.toIntExact(floats)];
        java.util.Arrays.fill(buffer, 1f);
        float sink = 0;
        for (int i = 0; i < 2_000; i++) {
            sink += read(buffer);
        }
        long[] nanos = new long[10_000];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            sink += read(buffer);
            nanos[i] = System.nanoTime() - t0;
        }
        if (sink == 42f) {
            System.err.println();       // keeps the sums alive
        }
        return MlpBench.median(nanos);
    }

    private static float read(float[] a) {
        int l = SPECIES.length();
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        FloatVector s8 = s0, s9 = s0, s10 = s0, s11 = s0, s12 = s0, s13 = s0, s14 = s0, s15 = s0;
        int i = 0;
        for (; i + 16 * l <= a.length; i += 16 * l) {
            s0 = s0.add(FloatVector.fromArray(SPECIES, a, i));
            s1 = s1.add(FloatVector.fromArray(SPECIES, a, i + l));
            s2 = s2.add(FloatVector.fromArray(SPECIES, a, i + 2 * l));
            s3 = s3.add(FloatVector.fromArray(SPECIES, a, i + 3 * l));
            s4 = s4.add(FloatVector.fromArray(SPECIES, a, i + 4 * l));
            s5 = s5.add(FloatVector.fromArray(SPECIES, a, i + 5 * l));
            s6 = s6.add(FloatVector.fromArray(SPECIES, a, i + 6 * l));
            s7 = s7.add(FloatVector.fromArray(SPECIES, a, i + 7 * l));
            s8 = s8.add(FloatVector.fromArray(SPECIES, a, i + 8 * l));
            s9 = s9.add(FloatVector.fromArray(SPECIES, a, i + 9 * l));
            s10 = s10.add(FloatVector.fromArray(SPECIES, a, i + 10 * l));
            s11 = s11.add(FloatVector.fromArray(SPECIES, a, i + 11 * l));
            s12 = s12.add(FloatVector.fromArray(SPECIES, a, i + 12 * l));
            s13 = s13.add(FloatVector.fromArray(SPECIES, a, i + 13 * l));
            s14 = s14.add(FloatVector.fromArray(SPECIES, a, i + 14 * l));
            s15 = s15.add(FloatVector.fromArray(SPECIES, a, i + 15 * l));
        }
        float rest = 0;
        for (; i < a.length; i++) {
            rest += a[i];
        }
        return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).add(s8).add(s9).add(s10).add(s11)
                .add(s12).add(s13).add(s14).add(s15).reduceLanes(jdk.incubator.vector.VectorOperators.ADD) + rest;
    }
}
