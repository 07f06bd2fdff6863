package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class SharedChunksTests {

    @Test
    void everyChunkOfEveryJobRunsExactlyOnceWhoeverRunsIt() {
        SharedChunks shared = new SharedChunks(1, "test");
        for (int job = 0; job < 5_000; job++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(4);
            assertThat(shared.tryRun(4, runs::incrementAndGet)).isTrue();
            for (int c = 0; c < 4; c++) {
                assertThat(runs.get(c)).as("job %d chunk %d", job, c).isEqualTo(1);
            }
        }
    }

    @Test
    void aChunksExceptionReachesTheCaller() {
        SharedChunks shared = new SharedChunks(1, "test");
        assertThatThrownBy(() -> shared.tryRun(3, c -> {
            if (c == 2) {
                throw new IllegalStateException("chunk 2 failed");
            }
        })).hasMessage("chunk 2 failed");
        assertThat(shared.tryRun(2, c -> { })).isTrue();
    }

    @Test
    void aSecondCallerIsTurnedAwayWhileAJobRunsAndDoesItsWorkAlone() throws InterruptedException {
        SharedChunks shared = new SharedChunks(1, "test");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> shared.tryRun(1, c -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        inside.await();
        AtomicBoolean ran = new AtomicBoolean();
        assertThat(shared.tryRun(1, c -> ran.set(true))).isFalse();
        assertThat(ran).isFalse();
        release.countDown();
        first.join();
    }
}
