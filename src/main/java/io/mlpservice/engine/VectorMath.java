package io.mlpservice.engine;

import static io.mlpservice.engine.ScalarMath.ERF_A1;
import static io.mlpservice.engine.ScalarMath.ERF_A2;
import static io.mlpservice.engine.ScalarMath.ERF_A3;
import static io.mlpservice.engine.ScalarMath.ERF_A4;
import static io.mlpservice.engine.ScalarMath.ERF_A5;
import static io.mlpservice.engine.ScalarMath.ERF_P;
import static io.mlpservice.engine.ScalarMath.LN2_HI;
import static io.mlpservice.engine.ScalarMath.LN2_LO;
import static io.mlpservice.engine.ScalarMath.LOG2E;
import static io.mlpservice.engine.ScalarMath.MAX_ARG;
import static io.mlpservice.engine.ScalarMath.MIN_ARG;
import static io.mlpservice.engine.ScalarMath.ROUNDER;
import static io.mlpservice.engine.ScalarMath.ROUNDER_BITS;
import static io.mlpservice.engine.ScalarMath.TANH_SMALL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, tanh, the sigmoid and erf on SIMD vectors, lane by lane, and the activations built on them, for the Vector API kernel (loaded
 * only when the JVM has the {@code jdk.incubator.vector} module, see {@link Kernels}). The Vector
 * API's own {@code EXP} and {@code TANH} give different bits depending on whether the JIT has
 * compiled the caller yet (a vendor math library once compiled, {@link Math#exp} per lane before),
 * which would make training irreproducible within one JVM; these are built from additions,
 * multiplications, fused multiply-adds and bit operations only, the operations of
 * {@link ScalarMath} in the same order, so that each lane has the bits of the scalar twin.
 */
final class VectorMath {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);

    private VectorMath() {
    }

    private static FloatVector v(float value) {
        return FloatVector.broadcast(SPECIES, value);
    }

    /** {@link ScalarMath#exp} lane by lane. */
    static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(MIN_ARG).min(MAX_ARG);       // NaN stays NaN through max and min
        FloatVector t = clamped.fma(LOG2E, ROUNDER);                // n in the low mantissa bits of t
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(v(-LN2_HI), clamped);
        r = n.fma(v(-LN2_LO), r);
        FloatVector r2 = r.mul(r);
        FloatVector p = r.fma(1.9875691500E-4f, 1.3981999507E-3f)
                .fma(r, v(8.3334519073E-3f))
                .fma(r, v(4.1665795894E-2f))
                .fma(r, v(1.6666665459E-1f))
                .fma(r, v(5.0000001201E-1f));
        p = p.fma(r2, r).add(1f);
        IntVector whole = t.reinterpretAsInts().sub(ROUNDER_BITS);
        IntVector half = whole.lanewise(VectorOperators.ASHR, 1);
        FloatVector result = p.mul(half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                .mul(whole.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
        return result.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, MAX_ARG))
                .blend(0f, x.compare(VectorOperators.LT, MIN_ARG));
    }

    /** {@link ScalarMath#tanh} lane by lane. */
    static FloatVector tanh(FloatVector x) {
        FloatVector z = x.mul(x);
        FloatVector small = z.fma(-5.70498872745E-3f, 2.06390887954E-2f)
                .fma(z, v(-5.37397155531E-2f))
                .fma(z, v(1.33314422036E-1f))
                .fma(z, v(-3.33332819422E-1f))
                .mul(z).fma(x, x);
        FloatVector magnitude = x.abs();
        FloatVector large = v(1f).sub(v(2f).div(exp(magnitude.add(magnitude)).add(1f)));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        return large.blend(small, magnitude.compare(VectorOperators.LT, TANH_SMALL));
    }

    /** {@link ScalarMath#sigmoid} lane by lane. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector one = v(1f);
        return one.div(exp(x.neg()).add(one));
    }

    /** {@link ScalarMath#erf} lane by lane. */
    static FloatVector erf(FloatVector x) {
        FloatVector magnitude = x.abs();
        FloatVector t = v(1f).div(magnitude.fma(v(ERF_P), v(1f)));
        FloatVector poly = t.fma(ERF_A5, ERF_A4)
                .fma(t, v(ERF_A3))
                .fma(t, v(ERF_A2))
                .fma(t, v(ERF_A1))
                .mul(t);
        FloatVector y = v(1f).sub(poly.mul(exp(magnitude.mul(magnitude).neg())));
        return y.blend(y.neg(), x.compare(VectorOperators.LT, 0f));
    }

    /**
     * The activation of each lane: the bits of {@link Activation#apply(float)} on each. Chosen by a
     * {@code switch} in a static method rather than by a method per constant: a call site then binds
     * statically and the JIT always inlines it, whereas a virtual call seen with several constants
     * would box every vector argument.
     */
    static FloatVector activate(Activation f, FloatVector z) {
        return switch (f) {
            case SIGMOID -> sigmoid(z);
            case RELU -> z.max(0f);
            case TANH -> tanh(z);
            case IDENTITY -> z;
            case LEAKY_RELU -> z.blend(z.mul(Activation.LEAKY_SLOPE), z.compare(VectorOperators.LT, 0f));
            case ELU -> z.blend(exp(z.min(0f)).sub(1f), z.compare(VectorOperators.LE, 0f));
            case GELU -> z.mul(0.5f).mul(erf(z.mul(Activation.INV_SQRT2)).add(1f));
        };
    }

    /** The upstream gradient times the derivative: the bits of {@link Activation#backward(float, float)}. */
    static FloatVector derivative(Activation f, FloatVector d, FloatVector a) {
        return switch (f) {
            case SIGMOID -> d.mul(a.mul(ONE.sub(a)));
            case RELU -> d.blend(0f, a.compare(VectorOperators.LE, 0f));  // keep d where the unit was active
            case TANH -> d.mul(ONE.sub(a.mul(a)));
            case IDENTITY -> d;
            case LEAKY_RELU -> d.blend(d.mul(Activation.LEAKY_SLOPE), a.compare(VectorOperators.LE, 0f));
            case ELU -> d.blend(d.mul(a.add(1f)), a.compare(VectorOperators.LE, 0f));
            case GELU -> {
                // Φ(z) + z φ(z), with φ(z) = e^(-z²/2) / √(2π)
                FloatVector density = exp(a.mul(a).mul(-0.5f)).mul(Activation.INV_SQRT_2PI);
                FloatVector cdf = erf(a.mul(Activation.INV_SQRT2)).add(1f).mul(0.5f);
                yield d.mul(a.fma(density, cdf));
            }
        };
    }
}
