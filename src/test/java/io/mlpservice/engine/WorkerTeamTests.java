package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerTeamTests {

    @Test
    void everyMemberRunsEachTaskOnceAndTheCallerWaitsForAll() {
        try (WorkerTeam team = new WorkerTeam(3, "test")) {
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            for (int round = 0; round < 1000; round++) {
                team.run(runs::incrementAndGet);
                for (int member = 0; member < 3; member++) {
                    assertThat(runs.get(member)).isEqualTo(round + 1);
                }
            }
        }
    }

    @Test
    void aMembersExceptionReachesTheCallerAndTheTeamKeepsWorking() {
        try (WorkerTeam team = new WorkerTeam(2, "test")) {
            assertThatThrownBy(() -> team.run(member -> {
                if (member == 1) {
                    throw new IllegalStateException("member 1 failed");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("member 1 failed");
            int[] seen = new int[2];
            team.run(member -> seen[member] = member + 10);
            assertThat(seen).containsExactly(10, 11);
        }
    }

    @Test
    void aTeamOfOneRunsOnTheCaller() {
        try (WorkerTeam team = new WorkerTeam(1, "test")) {
            Thread[] ran = new Thread[1];
            team.run(member -> ran[0] = Thread.currentThread());
            assertThat(ran[0]).isSameAs(Thread.currentThread());
        }
        assertThatThrownBy(() -> new WorkerTeam(0, "test")).hasMessageContaining("at least 1 member");
    }
}
