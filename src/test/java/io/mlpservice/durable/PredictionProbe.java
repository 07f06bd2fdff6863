package io.mlpservice.durable;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that asks each of several services in turn for the same prediction, as fast as they
 * answer, until stopped: it counts per service the answers that came back whole and equal to the
 * expected one, and the requests that failed (refused, an error status, or other bits).
 */
final class PredictionProbe {

    private final List<ServiceProcess> services;
    private final String path;
    private final String expected;
    private final Map<ServiceProcess, Queue<Long>> answers = new IdentityHashMap<>();
    private final Map<ServiceProcess, AtomicInteger> failures = new IdentityHashMap<>();
    private final Thread thread;
    private volatile boolean stopped;

    private PredictionProbe(List<ServiceProcess> services, String model, String expected) {
        this.services = List.copyOf(services);
        this.path = "/api/v1/models/" + model + "/predictions";
        this.expected = expected;
        for (ServiceProcess service : services) {
            answers.put(service, new ConcurrentLinkedQueue<>());
            failures.put(service, new AtomicInteger());
        }
        this.thread = Thread.ofPlatform().daemon().name("prediction-probe").unstarted(this::run);
    }

    static PredictionProbe start(List<ServiceProcess> services, String model, String expected) {
        PredictionProbe probe = new PredictionProbe(services, model, expected);
        probe.thread.start();
        return probe;
    }

    private void run() {
        while (!stopped) {
            for (ServiceProcess service : services) {
                long at = System.nanoTime();
                try {
                    ServiceProcess.Reply reply = service.send("POST", path, RestartIT.ROWS);
                    if (reply.status() == 200 && reply.raw().body().equals(expected)) {
                        answers.get(service).add(at);
                    } else {
                        failures.get(service).incrementAndGet();
                    }
                } catch (UncheckedIOException refused) {
                    failures.get(service).incrementAndGet();
                }
            }
        }
    }

    /** What each service answered, once the probe has stopped. */
    record Counts(Map<ServiceProcess, List<Long>> answers, Map<ServiceProcess, Integer> failures) {

        int answered(ServiceProcess service) {
            return answers.get(service).size();
        }

        /** Answers to requests sent after {@code nanoTime}. */
        long answeredAfter(ServiceProcess service, long nanoTime) {
            return answers.get(service).stream().filter(at -> at > nanoTime).count();
        }

        int failed(ServiceProcess service) {
            return failures.get(service);
        }
    }

    Counts stop() {
        stopped = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<ServiceProcess, List<Long>> answered = new IdentityHashMap<>();
        Map<ServiceProcess, Integer> failed = new IdentityHashMap<>();
        for (ServiceProcess service : services) {
            answered.put(service, new ArrayList<>(answers.get(service)));
            failed.put(service, failures.get(service).get());
        }
        return new Counts(answered, failed);
    }
}
