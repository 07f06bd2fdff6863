package io.mlpservice.training;

import io.mlpservice.engine.Task;
import io.mlpservice.error.Violations;
import io.mlpservice.model.LossPoint;
import io.mlpservice.model.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A model's loss history: the points of its jobs in order of submission, each job's in epoch
 * order, read a page at a time from the jobs' logs, so that a long history is never read whole.
 */
@Service
public class LossHistoryService {

    /** Points a page when the client does not say. */
    static final int DEFAULT_LIMIT = 1000;
    /** The most points a page. */
    static final int MAX_LIMIT = 10_000;

    private final TrainingStore store;
    private final ModelRegistry models;

    LossHistoryService(TrainingStore store, ModelRegistry models) {
        this.store = store;
        this.models = models;
    }

    /** Some points of a history, where they start in it, and how many it holds in all. */
    public record Page(String modelId, long total, long from, List<LossPoint> points) {
    }

    /**
     * The points {@code [from, from + limit)} of the model's history, or of one of its jobs.
     *
     * @param from  position of the first point, counted from 0; null for 0
     * @param limit most points; null for {@value #DEFAULT_LIMIT}
     */
    public Page page(String modelId, String jobId, Long from, Integer limit) {
        Task task = models.get(modelId).spec().task();
        Violations violations = new Violations();
        if (from != null && from < 0) {
            violations.add("from", "from " + from + " must be 0 or more: it counts points from the first");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            violations.add("limit", "limit " + limit + " must be between 1 and " + MAX_LIMIT);
        }
        violations.throwIfAny();
        List<String> jobs = store.all().stream()
                .filter(j -> j.modelId().equals(modelId))
                .filter(j -> jobId == null || j.id().equals(jobId))
                .map(JobRecord::id)
                .toList();
        long start = from == null ? 0 : from;
        int wanted = limit == null ? DEFAULT_LIMIT : limit;
        long total = 0;
        List<LossPoint> points = new ArrayList<>();
        for (String job : jobs) {
            long count = store.history.count(job);
            long skip = Math.max(0, start - total);
            if (skip < count && points.size() < wanted) {
                store.history.read(job, skip, wanted - points.size()).forEach(p -> points.add(p.forTask(task)));
            }
            total += count;
        }
        return new Page(modelId, total, start, points);
    }
}
