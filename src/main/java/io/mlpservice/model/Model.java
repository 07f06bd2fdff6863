package io.mlpservice.model;

import io.mlpservice.engine.NetworkSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model in the registry: its fixed architecture and classes, the trained weights that serve
 * predictions, the job that may be training it, and the loss history of all its jobs.
 * <p>
 * Thread-safety: the trained weights are an immutable {@link TrainedState} behind a volatile
 * reference; the active job and the history are guarded by this object's lock.
 */
public final class Model {

    private final String id;
    private final String name;
    private final NetworkSpec spec;
    private final List<String> classes;
    private final long seed;
    private final Instant createdAt;
    private volatile TrainedState trained;
    private String activeJobId;
    private final List<LossPoint> history = new ArrayList<>();

    public Model(String id, String name, NetworkSpec spec, List<String> classes, long seed, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.spec = Objects.requireNonNull(spec);
        this.classes = List.copyOf(classes);
        this.seed = seed;
        this.createdAt = Objects.requireNonNull(createdAt);
        if (this.classes.size() != spec.outputSize()) {
            throw new IllegalArgumentException(classes.size() + " classes for " + spec.outputSize() + " outputs");
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public List<String> classes() {
        return classes;
    }

    /** Seeds the initial weights of every training job of this model. */
    public long seed() {
        return seed;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The weights that serve predictions, if a job has succeeded. */
    public Optional<TrainedState> trained() {
        return Optional.ofNullable(trained);
    }

    public synchronized ModelStatus status() {
        if (activeJobId != null) {
            return ModelStatus.TRAINING;
        }
        return trained != null ? ModelStatus.TRAINED : ModelStatus.UNTRAINED;
    }

    /** The queued or running job, or null. */
    public synchronized String activeJobId() {
        return activeJobId;
    }

    /**
     * Claims the model for a training job.
     *
     * @throws ModelBusyException when another job holds it
     */
    public synchronized void startTraining(String jobId) {
        if (activeJobId != null) {
            throw new ModelBusyException(id, activeJobId);
        }
        activeJobId = jobId;
    }

    /**
     * Ends the job's claim. With a result the new weights replace the old ones in the same step,
     * so that whoever sees the model free also sees its new weights; without one (failed or
     * cancelled) the old weights stay.
     */
    public synchronized void finishTraining(String jobId, TrainedState result) {
        if (!jobId.equals(activeJobId)) {
            return;
        }
        if (result != null) {
            trained = result;
        }
        activeJobId = null;
    }

    public synchronized void recordEpoch(LossPoint point) {
        history.add(point);
    }

    /**
     * Part of the loss history in order: the points {@code [from, from + limit)} of all jobs, or
     * of one job when {@code jobId} is not null. {@code from} past the end gives no points.
     */
    public synchronized HistoryPage lossHistory(String jobId, int from, int limit) {
        List<LossPoint> selected = jobId == null ? history
                : history.stream().filter(p -> p.jobId().equals(jobId)).toList();
        int total = selected.size();
        int start = Math.min(from, total);
        int end = (int) Math.min((long) start + limit, total);
        return new HistoryPage(total, List.copyOf(selected.subList(start, end)));
    }

    /** Some points of a loss history, and how many it holds in all. */
    public record HistoryPage(int total, List<LossPoint> points) {
    }
}
