package io.mlpservice.insight;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.warmup.EngineWarmup;
import io.mlpservice.model.ModelDeletedEvent;
import io.mlpservice.model.ModelVersion;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps, per model version, running statistics of the inputs it was asked to predict (see
 * {@link InputStatistics}), for drift reports. A version's statistics start empty with its first
 * prediction, so a new version that serves starts from zero; version numbers are never reused.
 * Per model the statistics of the latest {@code mlp.storage.keep-versions} versions that answered
 * are kept, and all of them go with the model. Held in memory only: a restart starts them afresh.
 */
@Component
public class DriftMonitor {

    /** The versions of one model that answered predictions, oldest first; replaced, never changed. */
    private static final class ModelInputs {
        volatile InputStatistics[] versions = new InputStatistics[0];
    }

    /** Made with the class, when the service starts, rather than on a version's first prediction. */
    private static final Comparator<InputStatistics> BY_VERSION = Comparator.comparingInt(InputStatistics::version);

    private final ConcurrentHashMap<String, ModelInputs> models = new ConcurrentHashMap<>();
    private final int keepVersions;

    DriftMonitor(MlpServiceProperties properties) {
        this.keepVersions = properties.storage().keepVersions();
    }

    /**
     * Counts the rows a version has just answered: O(width) a row, no allocation once the
     * version has statistics, and no lock shared by all callers.
     *
     * @param x (rows, width) row-major, as the client sent them (before standardisation)
     */
    public void observe(ModelVersion version, float[] x, int rows, int width) {
        InputStatistics statistics = find(version.modelId(), version.version());
        if (statistics == null) {
            statistics = start(version.modelId(), version.version(), width);
        }
        statistics.add(x, rows, width);
    }

    /** The statistics of a version, if it has answered any prediction since the service started. */
    Optional<InputStatistics.Snapshot> snapshot(String modelId, int version) {
        return Optional.ofNullable(find(modelId, version)).map(InputStatistics::snapshot);
    }

    private InputStatistics find(String modelId, int version) {
        ModelInputs inputs = models.get(modelId);
        if (inputs == null) {
            return null;
        }
        for (InputStatistics statistics : inputs.versions) {
            if (statistics.version() == version) {
                return statistics;
            }
        }
        return null;
    }

    // The first prediction of a version: rare, so a lock per model is no cost. No lambda here:
    // its class would be spun on the service's first prediction, a few tenths of a millisecond.
    private InputStatistics start(String modelId, int version, int width) {
        ModelInputs created = new ModelInputs();
        ModelInputs inputs = models.putIfAbsent(modelId, created);
        if (inputs == null) {
            inputs = created;
        }
        synchronized (inputs) {
            InputStatistics[] current = inputs.versions;
            for (InputStatistics statistics : current) {
                if (statistics.version() == version) {
                    return statistics;
                }
            }
            InputStatistics started = new InputStatistics(version, width);
            InputStatistics[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = started;
            Arrays.sort(next, BY_VERSION);
            if (next.length > keepVersions) {
                // the lowest version goes, unless it is the one just asked for
                int drop = next[0] == started ? 1 : 0;
                InputStatistics[] kept = new InputStatistics[next.length - 1];
                System.arraycopy(next, 0, kept, 0, drop);
                System.arraycopy(next, drop + 1, kept, drop, next.length - drop - 1);
                next = kept;
            }
            inputs.versions = next;
            return started;
        }
    }

    /**
     * Once the service has started, runs the statistics' code on made-up rows on a daemon thread,
     * so that the first prediction of the first version finds it loaded and compiled rather than
     * paying for that (about half a millisecond); skipped with {@code -Dmlp.engine.warmup=off},
     * like the engine's own warm-up.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (!EngineWarmup.off()) {
            Thread.ofPlatform().daemon().name("mlp-warmup-drift").start(InputStatistics::warmUp);
        }
    }

    @EventListener
    void onModelDeleted(ModelDeletedEvent event) {
        models.remove(event.modelId());
    }
}
