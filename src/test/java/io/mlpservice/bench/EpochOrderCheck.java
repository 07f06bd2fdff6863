package io.mlpservice.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Checks the epoch order of WORKLOADS.md section 6 (the first five rows of epochs 1 and 2) against
 * the order the engine's trainer really draws. The trainer keeps its order generator
 * package-private, so it is reached by reflection; when it cannot be (renamed, moved), the
 * spec's own order is checked instead and the JSON line says which one was.
 */
final class EpochOrderCheck {

    private static final String ENGINE_CLASS = "io.mlpservice.engine.train.EpochOrder";

    private EpochOrderCheck() {
    }

    /**
     * @return {@code "engine"} when the trainer's own generator was checked, {@code "spec"} when
     *         only this harness' rendering of section 6 could be
     * @throws CheckFailure when the checked order differs from WORKLOADS.md
     */
    static String check(Workload w) {
        int[][] firstFive;
        String checked;
        try {
            Class<?> type = Class.forName(ENGINE_CLASS);
            Constructor<?> constructor = type.getDeclaredConstructor(int.class, SplittableRandom.class);
            constructor.setAccessible(true);
            Method next = type.getDeclaredMethod("next");
            next.setAccessible(true);
            Object order = constructor.newInstance(w.rows, new SplittableRandom(Workload.ORDER_SEED));
            firstFive = new int[][] {
                    Arrays.copyOf((int[]) next.invoke(order), 5), Arrays.copyOf((int[]) next.invoke(order), 5)};
            checked = "engine";
        } catch (ReflectiveOperationException | RuntimeException e) {
            SplittableRandom random = new SplittableRandom(Workload.ORDER_SEED);
            firstFive = new int[][] {
                    Arrays.copyOf(specOrder(w.rows, random), 5), Arrays.copyOf(specOrder(w.rows, random), 5)};
            checked = "spec";
        }
        CheckFailure.Collector checks = new CheckFailure.Collector(w + " epoch order (" + checked + ")");
        checks.equal("first rows of epoch 1", firstFive[0], w.orderEpoch1);
        checks.equal("first rows of epoch 2", firstFive[1], w.orderEpoch2);
        checks.throwIfAny();
        return checked;
    }

    /** Section 6 as written: n keys {@code next() >>> 11}, rows sorted by (key, index). */
    static int[] specOrder(int n, SplittableRandom random) {
        long[] keyed = new long[n];
        Integer[] rows = new Integer[n];
        for (int i = 0; i < n; i++) {
            keyed[i] = random.nextLong() >>> 11;
            rows[i] = i;
        }
        Arrays.sort(rows, (p, q) -> keyed[p] != keyed[q] ? Long.compare(keyed[p], keyed[q]) : Integer.compare(p, q));
        return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
    }
}
