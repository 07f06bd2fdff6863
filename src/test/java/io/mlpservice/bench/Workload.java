package io.mlpservice.bench;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.NetworkSpec;
import java.util.List;

/**
 * The three workloads of WORKLOADS.md (sections 3 to 7): sizes, training settings, and the
 * checksums every implementation must reproduce before it is timed. Float checks are written as
 * Java prints them (shortest round trip), exactly as in WORKLOADS.md.
 */
enum Workload {

    W1(10_000, 20, 4, List.of(64), Activation.SIGMOID, 1000, 10_000,
            new int[] {2759, 2733, 2275, 2233},
            new int[] {1, 1, 0, 3, 1, 0, 1, 1, 2, 3},
            "0.52615356", "-0.2636593", "0.61475915", -212.6449702332,
            new String[] {"0.12196668", "0.060278926", "-0.03596752"},
            new String[] {"0.22042446", "-0.1615089", "-0.16200364"},
            "-0.16237053",
            null, null,
            1.1996, 0.005),

    W2(60_000, 784, 10, List.of(256, 128), Activation.RELU, 2, 128,
            new int[] {5839, 6862, 5392, 7084, 4714, 5380, 6268, 6380, 6535, 5546},
            new int[] {8, 8, 7, 1, 8, 1, 1, 6, 6, 7},
            "-0.58032155", "-0.009133645", "0.64779896", -2448.443359907,
            new String[] {"0.034662843", "0.017131226", "-0.010221944"},
            new String[] {"0.0908714", "-0.10824056", "0.0842498"},
            "0.07726268",
            new int[] {32694, 12237, 1483, 35764, 34704},
            new int[] {40117, 29936, 8173, 8961, 8642},
            0.7178, 0.02),

    W3(20_000, 1024, 10, List.of(1024, 1024), Activation.RELU, 2, 256,
            new int[] {2275, 1780, 1963, 2154, 1722, 2163, 1622, 1900, 2030, 2391},
            new int[] {7, 3, 5, 8, 1, 4, 5, 1, 3, 2},
            "-0.6128559", "-0.17861435", "0.9920871", -1856.828416525,
            new String[] {"0.024701077", "0.012207878", "-0.007284256"},
            new String[] {"-0.054074954", "0.032078706", "-0.007346397"},
            "0.010301698",
            new int[] {12237, 1483, 1481, 17973, 704},
            new int[] {12694, 15764, 14704, 15750, 6787},
            0.3171, 0.02);

    /** Stream seeds of section 2: data, initial weights, epoch order. */
    static final long DATA_SEED = 42;
    static final long INIT_SEED = 43;
    static final long ORDER_SEED = 44;
    /** Width of the teacher network that labels the data (section 3). */
    static final int TEACHER_HIDDEN = 64;

    final int rows;
    final int features;
    final int classes;
    final List<Integer> hidden;
    final Activation activation;
    final int epochs;
    final int batchSize;
    final int[] labelCounts;
    final int[] firstLabels;
    final String x00;
    final String x01;
    final String xLast;
    final double xSum;
    final String[] w1Row0;
    final String[] w2Row0;
    final String wLastLast;
    final int[] orderEpoch1;
    final int[] orderEpoch2;
    final double referenceLoss;
    final double lossTolerance;

    Workload(int rows, int features, int classes, List<Integer> hidden, Activation activation,
             int epochs, int batchSize, int[] labelCounts, int[] firstLabels,
             String x00, String x01, String xLast, double xSum,
             String[] w1Row0, String[] w2Row0, String wLastLast,
             int[] orderEpoch1, int[] orderEpoch2, double referenceLoss, double lossTolerance) {
        this.rows = rows;
        this.features = features;
        this.classes = classes;
        this.hidden = hidden;
        this.activation = activation;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.labelCounts = labelCounts;
        this.firstLabels = firstLabels;
        this.x00 = x00;
        this.x01 = x01;
        this.xLast = xLast;
        this.xSum = xSum;
        this.w1Row0 = w1Row0;
        this.w2Row0 = w2Row0;
        this.wLastLast = wLastLast;
        this.orderEpoch1 = orderEpoch1;
        this.orderEpoch2 = orderEpoch2;
        this.referenceLoss = referenceLoss;
        this.lossTolerance = lossTolerance;
    }

    NetworkSpec spec() {
        return new NetworkSpec(features, hidden, activation, classes);
    }

    /** Weights and biases of the model (W1 1,604; W2 235,146; W3 2,109,450). */
    long parameters() {
        return spec().parameterCount();
    }

    /** Section 7b: whether a final loss shows the same work as the numpy reference. */
    boolean lossWithinTolerance(double loss) {
        return Math.abs(loss - referenceLoss) <= lossTolerance;
    }
}
