package io.mlpservice.training;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The training workers: a fixed number of platform threads that take jobs from the queue and run
 * them. At start it takes back the jobs a previous process left: the running ones first (they
 * continue from their checkpoint), then the waiting ones, each group in order of submission. At
 * stop, before the web server stops, it refuses new jobs and has the running ones save their state
 * and stop, so that the next start continues them.
 * <p>
 * In a cluster the workers of every member claim jobs from the shared table (see
 * {@link ClusterJobQueue}); at start a member gives up the jobs that name its own address (an
 * earlier process at this address was killed), at stop it hands its running jobs over to the
 * others after their last checkpoint, and a cancellation asked for through any member reaches
 * the job through the table.
 * <p>
 * One thread budget: {@code workers × threadsPerJob} compute threads, by default one worker whose
 * job spreads its mini-batches over every core ({@code mlp.training.workers} is per member).
 */
@Component
class TrainingWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrainingWorkers.class);

    /** A running job stops within one mini-batch; this bounds the wait for a pathological one. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(25);

    private final TrainingStore store;
    private final ModelRegistry registry;
    private final JobQueue queue;
    private final JobRunner runner;
    private final int workerCount;
    private final int threadsPerJob;
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean draining;
    private volatile boolean started;

    TrainingWorkers(TrainingStore store, ModelRegistry registry, JobQueue queue, JobRunner runner,
                    MlpServiceProperties properties) {
        this.store = store;
        this.registry = registry;
        this.queue = queue;
        this.runner = runner;
        this.workerCount = properties.training().workers();
        this.threadsPerJob = threadsPerJob(properties);
        store.jobs.onChange(this::jobChanged);
    }

    /** Threads a job's mini-batches are split over: {@code mlp.training.threads-per-job}, or the cores shared by the workers. */
    static int threadsPerJob(MlpServiceProperties properties) {
        MlpServiceProperties.Training training = properties.training();
        int cores = Runtime.getRuntime().availableProcessors();
        return training.threadsPerJob() > 0 ? training.threadsPerJob() : Math.max(1, cores / training.workers());
    }

    /** A job this member runs was changed elsewhere: cancelled or deleted through another member, or taken over. */
    private void jobChanged(String jobId) {
        RunningJob handle = running.get(jobId);
        if (handle == null) {
            return;
        }
        Optional<JobRecord> job = store.jobs.get(jobId);
        if (job.isEmpty() || job.get().cancelRequested()) {
            handle.cancel = true;
        } else if (store.cluster != null && !handle.suspend && job.get().member() != null
                && !job.get().member().equals(store.self())) {
            log.warn("Training job {} was taken over by {}; this member stops it", jobId, job.get().member());
            handle.lost = true;
        }
    }

    /** Threads a job's mini-batches are split over when it starts. */
    int threadsPerJob() {
        return threadsPerJob;
    }

    /** Whether the service is stopping and takes no new jobs. */
    boolean draining() {
        return draining;
    }

    /** Asks a running job to stop and end as CANCELLED; false when no worker runs it. */
    boolean cancelRunning(String jobId) {
        RunningJob job = running.get(jobId);
        if (job != null) {
            job.cancel = true;
        }
        return job != null;
    }

    @Override
    public void start() {
        if (store.cluster == null) {
            recover();
        } else {
            recoverInCluster();
        }
        for (int i = 1; i <= workerCount; i++) {
            Thread thread = Thread.ofPlatform().name("mlp-training-" + i).unstarted(this::work);
            threads.add(thread);
            thread.start();
        }
        log.info("Training: {} worker{}, {} thread{} a job ({} cores)", workerCount, workerCount == 1 ? "" : "s",
                threadsPerJob, threadsPerJob == 1 ? "" : "s", Runtime.getRuntime().availableProcessors());
        started = true;
    }

    private void work() {
        while (!draining) {
            String jobId;
            try {
                jobId = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (jobId == null || draining) {
                return;                       // a job taken now stays stored as it is, for the next start
            }
            RunningJob job = new RunningJob(jobId);
            running.put(jobId, job);
            try {
                runner.run(job, threadsPerJob);
            } finally {
                running.remove(jobId);
            }
        }
    }

    /**
     * Takes back what a previous process left: claims that name no live job are released, jobs of
     * deleted models removed, and the rest queued again.
     */
    private void recover() {
        releaseStaleClaims();
        List<JobRecord> resumed = new ArrayList<>();
        List<JobRecord> waiting = new ArrayList<>();
        for (JobRecord job : store.all()) {
            if (job.status().isFinal()) {
                continue;
            }
            if (registry.find(job.modelId()).isEmpty()) {
                store.delete(job.id());
                continue;
            }
            if (job.status() == JobStatus.RUNNING) {
                TrainingStore.ResumePoint from = store.resumePoint(job.id(),
                        registry.get(job.modelId()).spec().task());
                // by(null): a job a cluster member ran, found by a single process, is this process's now
                store.transition(job.id(), j -> from.resume(j).by(null)).ifPresent(resumed::add);
            } else {
                waiting.add(job);
            }
        }
        resumed.forEach(job -> queue.restore(job.id(), job.dataBytes()));
        waiting.forEach(job -> queue.restore(job.id(), job.dataBytes()));
        if (!resumed.isEmpty() || !waiting.isEmpty()) {
            log.info("Training: {} interrupted job{} resumed, {} waiting job{} queued again", resumed.size(),
                    resumed.size() == 1 ? "" : "s", waiting.size(), waiting.size() == 1 ? "" : "s");
        }
    }

    private void releaseStaleClaims() {
        for (ModelRecord model : List.copyOf(registry.all())) {
            String claimant = model.activeJobId();
            if (claimant != null && store.jobs.get(claimant).filter(j -> !j.status().isFinal()).isEmpty()) {
                registry.release(model.id(), claimant);
            }
        }
    }

    /**
     * The first member of a cluster tidies what the previous run left, as a single process does;
     * every member gives up the jobs that name its address, which a killed process at this
     * address ran: any member may claim them now. Waiting jobs wait in the table.
     */
    private void recoverInCluster() {
        if (store.exclusive) {
            releaseStaleClaims();
            for (JobRecord job : store.all()) {
                if (!job.status().isFinal() && registry.find(job.modelId()).isEmpty()) {
                    store.delete(job.id());
                }
            }
        }
        String self = store.self();
        int released = 0;
        for (JobRecord job : store.all()) {
            if (job.status() == JobStatus.RUNNING && self.equals(job.member())) {
                store.transition(job.id(), j -> j.status() == JobStatus.RUNNING && self.equals(j.member()) ? j.by(null) : j);
                released++;
            }
        }
        if (released > 0) {
            log.info("Training: {} job{} that an earlier process at {} ran may be taken over", released,
                    released == 1 ? "" : "s", self);
        }
    }

    @Override
    public void stop() {
        // The running jobs are told first: whoever sees draining() true knows they stop at their next mini-batch.
        running.values().forEach(job -> job.suspend = true);
        draining = true;
        queue.close();
        running.values().forEach(job -> job.suspend = true);     // a job taken in the meantime
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Stops first, while the web server still answers: submissions then get 503. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /**
     * Not paused with its context (as the test framework pauses a cached context it does not use):
     * a stop drains the workers for good, and the next start of this process would find them
     * refusing jobs. Only a shutdown stops them.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
