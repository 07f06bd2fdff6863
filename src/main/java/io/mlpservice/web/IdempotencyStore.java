package io.mlpservice.web;

import io.mlpservice.store.JsonCodec;
import io.mlpservice.store.Storage;
import io.mlpservice.store.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers given to requests that carried an {@code Idempotency-Key}, kept durably for
 * {@link #RETENTION} in the {@code idempotency-keys} table, by a digest of the caller and the key
 * (so that two API keys never share one, and no key appears in a file name). Requests being
 * answered are held in memory only: after a crash the same key simply runs again, as it had
 * never been answered.
 */
public final class IdempotencyStore {

    /** How long an answer is given again for the same key. */
    public static final Duration RETENTION = Duration.ofHours(24);

    /**
     * A stored answer.
     *
     * @param slot        the store key: {@link #slot} of the caller and the key
     * @param fingerprint a digest of the request's method, path, query, content type and body
     * @param location    the answer's {@code Location} header, or null
     */
    public record Answer(String slot, String fingerprint, Instant createdAt, int status, String contentType, String location,
                         byte[] body) {
    }

    private final Table<Answer> answers;
    private final Map<String, String> inFlight = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant lastPurge = Instant.MIN;

    public IdempotencyStore(Storage storage, Clock clock) {
        this.answers = storage.table("idempotency-keys", new JsonCodec<>("idempotency-key", 1, Answer.class));
        this.clock = clock;
    }

    /** The store key of a caller's Idempotency-Key: hex SHA-256 of both. */
    static String slot(String caller, String key) {
        return hex(sha256().digest((caller + "\n" + key).getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** The answer stored for the slot within the retention, if any. */
    Optional<Answer> answer(String slot) {
        return answers.get(slot).filter(a -> a.createdAt().plus(RETENTION).isAfter(clock.instant()));
    }

    /**
     * Claims the slot for a request being answered.
     *
     * @return null when claimed; otherwise the fingerprint of the request that holds it
     */
    String claim(String slot, String fingerprint) {
        return inFlight.putIfAbsent(slot, fingerprint);
    }

    /**
     * Stores the answer of a claimed slot (replacing an expired one) and frees the claim.
     * Synchronized with the purge, so that it never removes an answer stored meanwhile.
     */
    void complete(String slot, Answer answer) {
        try {
            synchronized (this) {
                answers.remove(slot);
                answers.insert(slot, answer);
                purgeHourly();
            }
        } finally {
            inFlight.remove(slot);
        }
    }

    /** Frees a claimed slot without an answer: the same key may be sent again and run. */
    void abandon(String slot) {
        inFlight.remove(slot);
    }

    Instant now() {
        return clock.instant();
    }

    /** Removes the expired answers, at most once an hour, so that the table stays the size of a day's keys. */
    private void purgeHourly() {
        Instant now = clock.instant();
        if (lastPurge.plus(Duration.ofHours(1)).isAfter(now)) {
            return;
        }
        lastPurge = now;
        Instant oldest = now.minus(RETENTION);
        answers.values().stream().filter(a -> !a.createdAt().isAfter(oldest))
                .forEach(expired -> answers.remove(expired.slot()));
    }
}
