package dev.kiln.codegen.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * The float32 vector approximations against the reference, {@code (float) f((double) x)} as the
 * interpreter computes it, at every species: random bit patterns (the whole float range), random values
 * where the functions vary, and edge values (zeros, infinities, NaN, subnormals, the bounds each
 * function switches at and their neighbours). Bounds in ulp (distance in representable floats):
 * exp 1, sigmoid 3, tanh 5.
 */
class FloatVectorFunctionsTest {
    private static final List<VectorSpecies<Float>> SPECIES =
            List.of(FloatVector.SPECIES_128, FloatVector.SPECIES_256, FloatVector.SPECIES_512);

    @Test
    void expIsWithinOneUlp() {
        check("exp", FloatVectorFunctions::exp, Math::exp, 1, -110, 90);
    }

    @Test
    void tanhIsWithinFiveUlp() {
        check("tanh", FloatVectorFunctions::tanh, Math::tanh, 5, -12, 12);
    }

    @Test
    void sigmoidIsWithinThreeUlp() {
        check("sigmoid", FloatVectorFunctions::sigmoid, ScalarMath::sigmoid, 3, -110, 20);
    }

    @Test
    void specialValuesAreExact() {
        for (VectorSpecies<Float> s : SPECIES) {
            assertBits(Float.NaN, FloatVectorFunctions.exp(splat(s, Float.NaN)), "exp(NaN)");
            assertBits(Float.POSITIVE_INFINITY, FloatVectorFunctions.exp(splat(s, Float.POSITIVE_INFINITY)), "exp(inf)");
            assertBits(0f, FloatVectorFunctions.exp(splat(s, Float.NEGATIVE_INFINITY)), "exp(-inf)");
            assertBits(1f, FloatVectorFunctions.exp(splat(s, -0f)), "exp(-0)");
            assertBits(Float.POSITIVE_INFINITY, FloatVectorFunctions.exp(splat(s, 89f)), "exp(89)");
            assertBits(Float.MIN_VALUE, FloatVectorFunctions.exp(splat(s, -103.5f)), "exp(-103.5)");
            assertBits(Float.NaN, FloatVectorFunctions.tanh(splat(s, Float.NaN)), "tanh(NaN)");
            assertBits(1f, FloatVectorFunctions.tanh(splat(s, Float.POSITIVE_INFINITY)), "tanh(inf)");
            assertBits(-1f, FloatVectorFunctions.tanh(splat(s, Float.NEGATIVE_INFINITY)), "tanh(-inf)");
            assertBits(-0f, FloatVectorFunctions.tanh(splat(s, -0f)), "tanh(-0)");
            assertBits(0f, FloatVectorFunctions.tanh(splat(s, 0f)), "tanh(0)");
            assertBits(-Float.MIN_VALUE, FloatVectorFunctions.tanh(splat(s, -Float.MIN_VALUE)), "tanh(-min)");
            assertBits(1f, FloatVectorFunctions.tanh(splat(s, 10f)), "tanh(10)");
            assertBits(Float.NaN, FloatVectorFunctions.sigmoid(splat(s, Float.NaN)), "sigmoid(NaN)");
            assertBits(1f, FloatVectorFunctions.sigmoid(splat(s, Float.POSITIVE_INFINITY)), "sigmoid(inf)");
            assertBits(0f, FloatVectorFunctions.sigmoid(splat(s, Float.NEGATIVE_INFINITY)), "sigmoid(-inf)");
            assertBits(0.5f, FloatVectorFunctions.sigmoid(splat(s, -0f)), "sigmoid(-0)");
            assertBits(1f, FloatVectorFunctions.sigmoid(splat(s, 17f)), "sigmoid(17)");
        }
    }

    private static void check(String name, UnaryOperator<FloatVector> f, DoubleUnaryOperator reference, long bound,
            float lo, float hi) {
        float[] inputs = inputs(lo, hi);
        for (VectorSpecies<Float> s : SPECIES) {
            int n = s.length();
            float[] in = new float[n];
            float[] out = new float[n];
            for (int i = 0; i < inputs.length; i += n) {
                for (int l = 0; l < n; l++) {
                    in[l] = inputs[(i + l) % inputs.length];
                }
                f.apply(FloatVector.fromArray(s, in, 0)).intoArray(out, 0);
                for (int l = 0; l < n; l++) {
                    float expected = (float) reference.applyAsDouble(in[l]);
                    long ulps = ulps(expected, out[l]);
                    if (ulps > bound) {
                        fail(name + "(" + in[l] + ") at " + s + ": expected " + expected + " but was " + out[l] + ", "
                                + ulps + " ulp");
                    }
                }
            }
        }
    }

    /** Random bit patterns, random values in [lo, hi], and edge values with their neighbours. */
    private static float[] inputs(float lo, float hi) {
        Random rnd = new Random(17);
        List<Float> v = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            v.add(Float.intBitsToFloat(rnd.nextInt()));
            v.add(lo + (hi - lo) * rnd.nextFloat());
            v.add((float) rnd.nextGaussian());
            v.add((float) (rnd.nextGaussian() * 1e-3));
        }
        float[] edges = {0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1e-7f, 3e-4f, 4e-4f, 5e-4f, 0.5f, 1f, 2f, 5.9f,
            7.99881172180175781f, 8f, 9.01f, 10f, 16.6355324f, 17f, 18f, 87.3f, 88.72f, 88.723f, 88.8f, 100f, 103.9f,
            104f, 105f, 150f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN};
        for (float e : edges) {
            for (float x : new float[] {e, -e}) {
                v.add(x);
                v.add(Math.nextUp(x));
                v.add(Math.nextDown(x));
            }
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    /** Distance in representable floats; NaN only matches NaN, and 0.0 and -0.0 differ. */
    private static long ulps(float expected, float actual) {
        if (Float.isNaN(expected) || Float.isNaN(actual)) {
            return Float.isNaN(expected) && Float.isNaN(actual) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs(ordinal(expected) - ordinal(actual)) + (expected == 0 && actual == 0
                && Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(actual) ? Long.MAX_VALUE / 2 : 0);
    }

    /** Floats in order as integers, -0.0 and 0.0 both at 0. */
    private static long ordinal(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? -(long) (bits & 0x7fffffff) : bits;
    }

    private static FloatVector splat(VectorSpecies<Float> s, float x) {
        return FloatVector.broadcast(s, x);
    }

    /** The same float in every lane, bit for bit (any NaN for NaN). */
    private static void assertBits(float expected, FloatVector actual, String what) {
        for (int l = 0; l < actual.length(); l++) {
            float a = actual.lane(l);
            if (Float.isNaN(expected)) {
                assertTrue(Float.isNaN(a), what + " lane " + l + ": " + a);
            } else {
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(a), what + " lane " + l + ": " + a);
            }
        }
    }
}
