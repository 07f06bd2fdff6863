package io.mlpservice.engine.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the warm-up runs relative to the application's start, as {@code mlp.engine.warmup} says,
 * and that the warm-up itself gets through every kernel it exercises.
 */
class EngineWarmupTests {

    /** The warm-up's log lines, as they come: it logs one when it has finished. */
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(EngineWarmup.class.getName()).addHandler(handler);
    }

    @AfterEach
    void clearProperty() {
        Logger.getLogger(EngineWarmup.class.getName()).removeHandler(handler);
        System.clearProperty(EngineWarmup.PROPERTY);
    }

    private boolean warmedUp() {
        return logged.stream().anyMatch(m -> m.startsWith("Engine warmed up"));
    }

    private static Optional<Thread> warmupThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("mlp-warmup")).findFirst();
    }

    @Test
    void backgroundStartsTheApplicationFirstThenWarmsUpOnADaemonThread() throws InterruptedException {
        List<String> events = new ArrayList<>();
        EngineWarmup.around(() -> events.add("application started; warm-up thread running: "
                + warmupThread().isPresent() + ", warmed up: " + warmedUp()));
        Thread warmup = warmupThread().orElseThrow();
        assertThat(events).containsExactly("application started; warm-up thread running: false, warmed up: false");
        assertThat(warmup.isDaemon()).as("a daemon: it never keeps the JVM alive").isTrue();
        warmup.join();
        assertThat(warmedUp()).isTrue();
    }

    @Test
    void foregroundWarmsUpBeforeTheApplicationStarts() {
        System.setProperty(EngineWarmup.PROPERTY, "Foreground");
        List<String> events = new ArrayList<>();
        EngineWarmup.around(() -> events.add("application started; warmed up: " + warmedUp()));
        assertThat(events).containsExactly("application started; warmed up: true");
        assertThat(warmupThread()).as("it ran on the caller").isEmpty();
    }

    @Test
    void offOnlyStartsTheApplication() {
        System.setProperty(EngineWarmup.PROPERTY, "off");
        List<String> events = new ArrayList<>();
        EngineWarmup.around(() -> events.add("application started"));
        assertThat(events).containsExactly("application started");
        assertThat(warmupThread()).isEmpty();
        assertThat(warmedUp()).isFalse();
    }

    @Test
    void saysOffOnlyWhenThePropertyIsOffInAnyCase() {
        assertThat(EngineWarmup.off()).as("unset: background").isFalse();
        System.setProperty(EngineWarmup.PROPERTY, "foreground");
        assertThat(EngineWarmup.off()).isFalse();
        System.setProperty(EngineWarmup.PROPERTY, " Off ");
        assertThat(EngineWarmup.off()).isTrue();
    }

    @Test
    void refusesAnUnknownModeBeforeStartingAnything() {
        System.setProperty(EngineWarmup.PROPERTY, "later");
        List<String> events = new ArrayList<>();
        assertThatIllegalArgumentException().isThrownBy(() -> EngineWarmup.around(() -> events.add("started")))
                .withMessage("mlp.engine.warmup must be background, foreground or off, was 'later'");
        assertThat(events).isEmpty();
    }
}
