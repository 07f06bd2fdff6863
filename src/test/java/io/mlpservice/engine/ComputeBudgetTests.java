package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Training and predictions share the cores: a prediction takes no helper while a job holds them all. */
class ComputeBudgetTests {

    @Test
    void aLargePredictionRunsOnItsCallerAloneWhileTrainingHoldsEveryCore() throws InterruptedException {
        int cores = ComputeBudget.cores();
        assertThat(ComputeBudget.tryAcquireUpTo(cores)).as("no job holds a core when the test starts").isEqualTo(cores);
        try {
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            int[] covered = new int[1];
            RowSplitter.run(4096, (from, to) -> {
                threads.add(Thread.currentThread());
                synchronized (covered) {
                    covered[0] += to - from;
                }
            });
            assertThat(threads).containsExactly(Thread.currentThread());
            assertThat(covered[0]).isEqualTo(4096);
            assertThat(ComputeBudget.tryAcquireUpTo(1)).isZero();
        } finally {
            ComputeBudget.releaseHelpers(cores);
        }
        // every permit is back: a prediction may have all the helpers again
        int taken = ComputeBudget.tryAcquireUpTo(cores);
        ComputeBudget.releaseHelpers(taken);
        assertThat(taken).isEqualTo(cores);
    }

    @Test
    void aJobAskingForMoreThreadsThanCoresTakesThemAll() throws InterruptedException {
        int free = ComputeBudget.tryAcquireUpTo(ComputeBudget.cores());
        ComputeBudget.releaseHelpers(free);
        assertThat(free).as("no job holds a core when the test starts").isEqualTo(ComputeBudget.cores());
        ComputeBudget.acquire(ComputeBudget.cores() + 3);
        assertThat(ComputeBudget.tryAcquireUpTo(1)).isZero();
        ComputeBudget.release(ComputeBudget.cores() + 3);
        int taken = ComputeBudget.tryAcquireUpTo(ComputeBudget.cores());
        ComputeBudget.releaseHelpers(taken);
        assertThat(taken).isEqualTo(ComputeBudget.cores());
    }
}
