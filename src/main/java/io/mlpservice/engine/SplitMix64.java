package io.mlpservice.engine;

/**
 * The SplitMix64 generator (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number
 * generators") with a state that can be read and set, so that a training run can save where its
 * stream stands and continue it later. It draws exactly the sequence of
 * {@code new java.util.SplittableRandom(seed)}: {@link #nextLong} is its {@code nextLong()} and
 * {@link #nextDouble} its {@code nextDouble()}; {@code SplittableRandom} hides its state, which is
 * why this class exists. The whole state is one {@code long}. Not thread-safe.
 */
public final class SplitMix64 {

    /** The odd increment of the stream: 2^64 divided by the golden ratio. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** 2^-53: turns the top 53 bits of a draw into a double in [0, 1). */
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

    /**
     * The stream at {@code state}. A seed is the state of a fresh stream, so
     * {@code new SplitMix64(seed)} draws what {@code new SplittableRandom(seed)} draws, and
     * {@code new SplitMix64(g.state())} continues {@code g}'s stream from where it was read.
     */
    public SplitMix64(long state) {
        this.state = state;
    }

    /** The whole state: a generator built from it continues the stream from here. */
    public long state() {
        return state;
    }

    /** A uniform 64-bit value (Stafford's mix13 of the advanced state, as {@code SplittableRandom}). */
    public long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1): the top 53 bits of {@link #nextLong} times 2^-53. */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }
}
