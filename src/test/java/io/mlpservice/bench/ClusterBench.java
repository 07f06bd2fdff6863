package io.mlpservice.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the shared registry of a cluster costs and what its failover takes, on the packaged
 * service: prediction requests a second through a single process, through one member of a
 * three-member cluster and spread over the three; the latency of a prediction whose weights a
 * member holds in memory against one whose weights it reads from the shared map; and the time
 * from a member's {@code kill -9} to another member taking its job over and training again. Not a
 * test: {@code bench/cluster.sh} runs it and it prints one JSON line per figure.
 *
 * <pre>
 *   java -cp target/test-classes io.mlpservice.bench.ClusterBench [seconds per throughput run] [clients]
 * </pre>
 */
public final class ClusterBench {

    private static final String IRIS_MODEL = "{\"inputSize\": 4, \"hiddenLayers\": [16, 8], \"classes\": "
            + "[\"setosa\", \"versicolor\", \"virginica\"], \"seed\": 42}";
    private static final String IRIS_ROWS = "{\"inputs\": [[5.1, 3.5, 1.4, 0.2], [6.0, 2.7, 5.1, 1.6], [6.7, 3.0, 5.2, 2.3]]}";
    /**
     * Weights of a 784-256-128-10 model and its standardisation, 0.95 MB, and their single-row
     * layout, about as much again: a bound of 2.4 MB holds one.
     */
    private static final String ONE_W2_MODEL = "2400KB";
    private static final int LATENCY_REQUESTS = 400;
    private static final int ROUNDS = 3;
    private static final String W2_CASE = "784-256-128-10 model, 1 row";

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        List<Double> singles = new ArrayList<>();
        List<Double> ones = new ArrayList<>();
        List<Double> spreads = new ArrayList<>();
        String irisJob = Files.readString(Path.of("examples/iris-training-job.json"));

        try (BenchMember single = BenchMember.start(Files.createTempDirectory("mlp-bench-single"), "single")) {
            String model = trainIris(List.of(single), irisJob);
            throughput(List.of(single), model, 2 * seconds, clients);                // the JIT's warm-up
            for (int round = 0; round < ROUNDS; round++) {
                singles.add(print("single process", throughput(List.of(single), model, seconds, clients)));
            }
            latency(single, List.of(model), IRIS_ROWS, "iris model, 3 rows", "single process");
        }

        Path shared = Files.createTempDirectory("mlp-bench-cluster");
        List<Integer> ports = IntStream.range(0, 3).mapToObj(i -> BenchMember.freePort()).toList();
        String members = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        List<BenchMember> cluster = ports.parallelStream().map(port -> BenchMember.start(shared, "127.0.0.1:" + port,
                "--mlp.cluster.enabled=true", "--mlp.cluster.port=" + port, "--mlp.cluster.members=" + members,
                "--mlp.cluster.network-interface=127.0.0.1", "--mlp.registry.max-resident-bytes=" + ONE_W2_MODEL,
                "--mlp.training.threads-per-job=1", "--mlp.storage.checkpoint-interval=200ms")).toList();
        try {
            String iris = trainIris(cluster, irisJob);
            throughput(cluster, iris, 2 * seconds, clients);                         // the JIT's warm-up
            for (int round = 0; round < ROUNDS; round++) {        // interleaved: the machine's load drifts
                ones.add(print("one member of three", throughput(List.of(cluster.get(round % 3)), iris, seconds,
                        clients)));
                spreads.add(print("spread over three", throughput(cluster, iris, seconds, clients)));
            }
            System.out.printf(Locale.ROOT, "{\"bench\": \"cluster\", \"case\": \"throughput, iris model, 3 rows, "
                    + "median of %d\", \"single_process\": %.0f, \"one_member_of_three\": %.0f, "
                    + "\"spread_over_three\": %.0f}%n", ROUNDS, median(singles), median(ones), median(spreads));

            for (BenchMember member : cluster) {
                latency(member, List.of(iris), IRIS_ROWS, "iris model, 3 rows", "cluster member " + member.address);
            }
            BenchMember asked = cluster.get(2);
            String w2a = trainW2(cluster, 1);
            String w2b = trainW2(cluster, 2);
            String row = w2Row();
            latency(asked, List.of(w2a), row, W2_CASE, "weights held by the member");
            latency(asked, List.of(w2a, w2b), row, W2_CASE, "weights read from the shared map");

            failover(cluster, irisJob);
        } finally {
            cluster.forEach(BenchMember::close);
        }
    }

    /** Trains the iris model through the first member; whichever member runs the job says when it ended. */
    private static String trainIris(List<BenchMember> members, String irisJob) throws InterruptedException {
        BenchMember member = members.get(0);
        String model = BenchMember.id(member.send("POST", "/api/v1/models", IRIS_MODEL));
        String job = BenchMember.id(member.send("POST", "/api/v1/models/" + model + "/training-jobs", irisJob));
        firstLine(members, "Training job " + job + " succeeded");
        return model;
    }

    /** A 784-256-128-10 model trained one epoch on two rows: weights of the size that matters, quickly. */
    private static String trainW2(List<BenchMember> members, int seed) throws InterruptedException {
        BenchMember member = members.get(0);
        String model = BenchMember.id(member.send("POST", "/api/v1/models",
                "{\"inputSize\": 784, \"hiddenLayers\": [256, 128], \"outputSize\": 10, \"seed\": " + seed + "}"));
        String rows = "[" + w2Values(new SplittableRandom(seed)) + "," + w2Values(new SplittableRandom(seed + 1)) + "]";
        String job = BenchMember.id(member.send("POST", "/api/v1/models/" + model + "/training-jobs",
                "{\"features\": " + rows + ", \"labels\": [0, 1], \"epochs\": 1}"));
        firstLine(members, "Training job " + job + " succeeded");
        return model;
    }

    private static String w2Values(SplittableRandom random) {
        return IntStream.range(0, 784).mapToObj(i -> String.format(Locale.ROOT, "%.3f", random.nextDouble()))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String w2Row() {
        return "{\"inputs\": [" + w2Values(new SplittableRandom(9)) + "]}";
    }

    /** Requests a second from {@code clients} threads, each sending one request after another to its member. */
    private static double throughput(List<BenchMember> targets, String model, int seconds, int clients)
            throws InterruptedException {
        String path = "/api/v1/models/" + model + "/predictions";
        for (BenchMember target : targets) {
            for (int i = 0; i < 200; i++) {
                target.send("POST", path, IRIS_ROWS);                // warm-up
            }
        }
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            BenchMember target = targets.get(c % targets.size());
            HttpRequest request = target.request("POST", path, IRIS_ROWS);
            HttpClient http = HttpClient.newHttpClient();
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    try {
                        boolean ok = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        (ok ? answered : failed).incrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failed.get() > 0) {
            System.err.println(failed.get() + " requests failed");
        }
        return answered.get() / (double) seconds;
    }

    /** Median and 90th percentile of one request at a time, asking for the models in turn. */
    private static void latency(BenchMember member, List<String> models, String row, String what, String mode) {
        long[] micros = new long[LATENCY_REQUESTS];
        for (int i = -100; i < LATENCY_REQUESTS; i++) {
            String model = models.get(Math.floorMod(i, models.size()));
            long start = System.nanoTime();
            member.send("POST", "/api/v1/models/" + model + "/predictions", row);
            if (i >= 0) {
                micros[i] = (System.nanoTime() - start) / 1_000;
            }
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "{\"bench\": \"cluster\", \"case\": \"prediction latency, %s\", \"mode\": \"%s\", "
                        + "\"median_us\": %d, \"p90_us\": %d, \"requests\": %d}%n", what, mode,
                micros[micros.length / 2], micros[micros.length * 9 / 10], LATENCY_REQUESTS);
    }

    /** Kills the member that runs a long job and times the others' takeover and the training's resumption. */
    private static void failover(List<BenchMember> cluster, String irisJob) throws InterruptedException {
        String model = BenchMember.id(cluster.get(0).send("POST", "/api/v1/models", IRIS_MODEL));
        String body = irisJob.replaceFirst("\"epochs\": \\d+", "\"epochs\": 1000000")
                .replaceFirst(",\\s*\"earlyStopping\": \\{[^}]*}", "");
        String job = BenchMember.id(cluster.get(0).send("POST", "/api/v1/models/" + model + "/training-jobs", body));
        BenchMember runner = null;
        while (runner == null) {
            Thread.sleep(20);                                  // a client following its job
            runner = cluster.stream().filter(m -> m.logged(line -> line.contains("Training job " + job + " started")))
                    .findFirst().orElse(null);
        }
        runner.awaitLog(line -> line.contains("Training job " + job + " checkpointed after epoch"));
        long killed = System.nanoTime();
        runner.kill();
        BenchMember killedMember = runner;
        List<BenchMember> survivors = cluster.stream().filter(m -> m != killedMember).toList();
        long takenOver = firstLine(survivors, "Training job " + job + " taken over by") - killed;
        long training = firstLine(survivors, "Training job " + job + " continues after epoch") - killed;
        System.out.printf(Locale.ROOT, "{\"bench\": \"cluster\", \"case\": \"failover after kill -9 of the member "
                + "running a job\", \"taken_over_ms\": %d, \"training_again_ms\": %d}%n", takenOver / 1_000_000,
                training / 1_000_000);
        survivors.get(0).send("POST", "/api/v1/training-jobs/" + job + "/cancel", null);
    }

    /** When the first of the members logs a line that contains {@code text}, by this JVM's clock. */
    private static long firstLine(List<BenchMember> members, String text) throws InterruptedException {
        while (members.stream().noneMatch(m -> m.logged(line -> line.contains(text)))) {
            Thread.sleep(2);
        }
        return System.nanoTime();
    }

    private static double print(String mode, double perSecond) {
        System.out.printf(Locale.ROOT, "{\"bench\": \"cluster\", \"case\": \"throughput, iris model, 3 rows\", "
                + "\"mode\": \"%s\", \"requests_per_s\": %.0f}%n", mode, perSecond);
        return perSecond;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
