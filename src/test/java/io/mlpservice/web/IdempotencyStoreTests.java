package io.mlpservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.store.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept answers: durable across a restart, per caller, and forgotten after 24 hours. */
class IdempotencyStoreTests {

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static IdempotencyStore.Answer answer(String slot, Instant at) {
        return new IdempotencyStore.Answer(slot, "f1", at, 201, "application/json", "/api/v1/models/1",
                "{\"id\":\"1\"}".getBytes());
    }

    @Test
    void anAnswerSurvivesARestartAndExpiresAfter24Hours(@TempDir Path dir) {
        Moving clock = new Moving();
        String slot = IdempotencyStore.slot("ci-trainer", "k1");
        try (Storage storage = Storage.open(dir)) {
            IdempotencyStore store = new IdempotencyStore(storage, clock);
            assertThat(store.claim(slot, "f1")).isNull();
            assertThat(store.claim(slot, "f2")).as("held while the first is answered").isEqualTo("f1");
            store.complete(slot, answer(slot, clock.instant()));
            assertThat(store.claim(slot, "f1")).as("free once answered").isNull();
            store.abandon(slot);
        }
        try (Storage storage = Storage.open(dir)) {
            IdempotencyStore store = new IdempotencyStore(storage, clock);
            clock.now = clock.now.plus(Duration.ofHours(23));
            assertThat(store.answer(slot)).hasValueSatisfying(a -> {
                assertThat(a.status()).isEqualTo(201);
                assertThat(a.location()).isEqualTo("/api/v1/models/1");
                assertThat(new String(a.body())).isEqualTo("{\"id\":\"1\"}");
            });
            clock.now = clock.now.plus(Duration.ofHours(1));
            assertThat(store.answer(slot)).isEmpty();
        }
    }

    @Test
    void slotsBelongToTheCallerAndExpiredAnswersArePurged() {
        Moving clock = new Moving();
        assertThat(IdempotencyStore.slot("ci-trainer", "k")).isNotEqualTo(IdempotencyStore.slot("ops-admin", "k"))
                .hasSize(64);
        IdempotencyStore store = new IdempotencyStore(Storage.inMemory(), clock);
        String old = IdempotencyStore.slot("a", "old");
        store.claim(old, "f1");
        store.complete(old, answer(old, clock.instant()));
        clock.now = clock.now.plus(Duration.ofHours(25));
        String fresh = IdempotencyStore.slot("a", "fresh");
        store.claim(fresh, "f1");
        store.complete(fresh, answer(fresh, clock.instant()));
        clock.now = clock.now.minus(Duration.ofHours(25));
        assertThat(store.answer(old)).as("purged, so not even a clock set back finds it").isEmpty();
        clock.now = clock.now.plus(Duration.ofHours(25));
        assertThat(store.answer(fresh)).isPresent();
    }
}
