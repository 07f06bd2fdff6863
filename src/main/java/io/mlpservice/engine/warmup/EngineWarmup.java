package io.mlpservice.engine.warmup;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.Trainer;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.engine.train.TrainingListener;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains and predicts with a few small networks on generated data, so that the JIT has compiled
 * the engine's kernels before the first client's job or prediction arrives. Until the JIT's
 * optimising tier compiles it, Vector API code runs on fallbacks that allocate an object per
 * operation, tens of times slower than compiled code, and the first training epochs and the
 * first thousand or so predictions of a fresh JVM would pay for that.
 * <p>
 * The work covers each activation, full-batch and mini-batch training, SGD and Adam, the
 * product shapes of a small tabular network and of an image-sized one, and predictions of one
 * row and of many, on one thread. The system property {@value #PROPERTY} chooses when it runs
 * (see {@link #around(Runnable)}): after the application has started, on a daemon thread (the
 * default); before it starts (for a training run that records an ahead-of-time cache); or not
 * at all.
 */
public final class EngineWarmup {

    /** The system property that says when {@link #around(Runnable)} runs the warm-up. */
    public static final String PROPERTY = "mlp.engine.warmup";

    /** Fresh networks whose first one-row prediction the warm-up makes. */
    private static final int FRESH_NETWORKS = 400;

    private static final System.Logger LOG = System.getLogger(EngineWarmup.class.getName());

    private EngineWarmup() {
    }

    /**
     * Starts an application around the warm-up, as {@value #PROPERTY} says: {@code background}
     * (default) starts the application, then warms up on a daemon thread, so that neither slows
     * the other's start; {@code foreground} warms up first, then starts the application (a
     * training run for an ahead-of-time cache, which may stop the JVM as soon as the
     * application has started); {@code off} only starts the application.
     *
     * @param application starts the application and returns once it has started
     * @throws IllegalArgumentException for any other value of the property
     */
    public static void around(Runnable application) {
        String mode = mode();
        switch (mode) {
            case "background" -> {
                application.run();
                Thread.ofPlatform().daemon().name("mlp-warmup").start(EngineWarmup::run);
            }
            case "foreground" -> {
                run();
                application.run();
            }
            case "off" -> application.run();
            default -> throw new IllegalArgumentException(PROPERTY + " must be background, foreground or off, was '"
                    + mode + "'");
        }
    }

    /** Whether {@value #PROPERTY} is {@code off}: the service's other warm-ups follow it too. */
    public static boolean off() {
        return "off".equals(mode());
    }

    private static String mode() {
        return System.getProperty(PROPERTY, "background").strip().toLowerCase(Locale.ROOT);
    }

    /** Runs the whole warm-up on the calling thread. */
    public static void run() {
        long start = System.nanoTime();
        MatMul kernel = MatMuls.defaultKernel();
        Trainer trainer = new Trainer(kernel, 1);
        SplittableRandom random = new SplittableRandom(20261130);
        // an image-sized input and two ReLU layers: predictions of one row and of many, then Adam
        // on mini-batches
        NetworkSpec imageSpec = new NetworkSpec(784, List.of(256, 128), Activation.RELU, 10);
        Network image = Network.initialize(imageSpec, random.nextLong());
        float[] rows = features(random, 512, imageSpec.inputSize());
        float[] out = new float[512 * imageSpec.outputSize()];
        for (int i = 0; i < 2_000; i++) {
            image.predictProbabilities(rows, (i % 512) * imageSpec.inputSize(), 1, out, 0);
        }
        for (int i = 0; i < 20; i++) {
            image.predictProbabilities(rows, 0, 512, out, 0);
        }
        train(trainer, imageSpec, 2_048, 128, OptimizerSpec.adam(1e-3f), 2, random);
        firstPredictions(kernel, random);
        // tanh on a small tabular problem, then the tutorial's shape: full batch, a sigmoid layer,
        // plain gradient descent
        train(trainer, new NetworkSpec(32, List.of(100, 40), Activation.TANH, 5), 1_500, 64,
                OptimizerSpec.adam(1e-3f), 5, random);
        train(trainer, new NetworkSpec(24, List.of(48), Activation.SIGMOID, 3), 1_000, 1_000,
                OptimizerSpec.sgd(0.05f), 30, random);
        LOG.log(System.Logger.Level.INFO, "Engine warmed up in {0} ms ({1} kernel)",
                (System.nanoTime() - start) / 1_000_000, kernel.name());
    }

    // The first one-row prediction of a network lays its weights out for single rows: a loop
    // that runs once per model, so the JIT compiles it only once enough models have made one.
    // 400 hidden units take every block of the Vector API kernel (16 or 8 vectors, then single
    // ones) and 3 classes a partial vector; about 10,000 weights a network, a few milliseconds in all.
    private static void firstPredictions(MatMul kernel, SplittableRandom random) {
        NetworkSpec spec = new NetworkSpec(24, List.of(400), Activation.RELU, 3);
        float[] params = Network.initialize(spec, random.nextLong()).parameters();
        float[] row = features(random, 1, spec.inputSize());
        float[] out = new float[spec.outputSize()];
        Standardizer identity = Standardizer.identity(spec.inputSize());
        for (int i = 0; i < FRESH_NETWORKS; i++) {
            new Network(spec, params, identity, kernel).predictProbabilities(row, 0, 1, out, 0);
        }
    }

    private static Network train(Trainer trainer, NetworkSpec spec, int rows, int batch, OptimizerSpec optimizer,
                                 int epochs, SplittableRandom random) {
        float[] x = features(random, rows, spec.inputSize());
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(spec.outputSize());
        }
        TrainingConfig config = new TrainingConfig(epochs, batch, optimizer, 1e-4f, 0.0, null, true, true,
                random.nextLong());
        return trainer.train(Network.initialize(spec, random.nextLong()), new Dataset(x, labels, spec.inputSize()),
                config, TrainingListener.NONE).network();
    }

    private static float[] features(SplittableRandom random, int rows, int columns) {
        float[] x = new float[rows * columns];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }
}
