package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.DType;
import dev.kiln.ir.Shape;
import dev.kiln.ir.text.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same Java code run eagerly and traced gives the same values, for a broad set of ops on random
 * inputs: traced for the exact input shapes, traced with every dimension unknown, and (for
 * floating ops) the gradient computed by a tape inside the trace against the eager gradient.
 */
class TracedEagerAgreementTest {
    private static final Random RANDOM = new Random(20240611);

    /**
     * @param differentiable whether the gradient is compared too (with the dimensions known and unknown)
     * @param staticShapes the forward op itself needs known dimensions (unstack infers its output count from
     *     the shape, as in TensorFlow); every gradient rule works with unknown dimensions
     */
    record Case(String name, List<Tensor> inputs, Function<List<Tensor>, Object> body, boolean differentiable,
            boolean staticShapes) {
        Case(String name, List<Tensor> inputs, Function<List<Tensor>, Object> body, boolean differentiable) {
            this(name, inputs, body, differentiable, false);
        }

        Case staticForward() {
            return new Case(name, inputs, body, differentiable, true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Tensor randn(int... dims) {
        Shape s = Shape.of(dims);
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) RANDOM.nextGaussian();
        }
        return Tf.constant(v, s, DType.FLOAT32);
    }

    private static Tensor positive(int... dims) {
        return Tf.abs(randn(dims)).add(0.5);
    }

    private static Tensor ints(int bound, int... dims) {
        Shape s = Shape.of(dims);
        int[] v = new int[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = RANDOM.nextInt(bound);
        }
        return Tf.constant(v, s, DType.INT32);
    }

    private static Case unary(String name, Function<Tensor, Tensor> f, Tensor x, boolean differentiable) {
        return new Case(name, List.of(x), xs -> f.apply(xs.get(0)), differentiable);
    }

    private static Case binary(String name, java.util.function.BiFunction<Tensor, Tensor, Tensor> f, Tensor x, Tensor y,
            boolean differentiable) {
        return new Case(name, List.of(x, y), xs -> f.apply(xs.get(0), xs.get(1)), differentiable);
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(unary("neg", Tf::neg, randn(3, 4), true));
        c.add(unary("abs", Tf::abs, randn(3, 4), true));
        c.add(unary("square", Tf::square, randn(3, 4), true));
        c.add(unary("sqrt", Tf::sqrt, positive(3, 4), true));
        c.add(unary("rsqrt", Tf::rsqrt, positive(3, 4), true));
        c.add(unary("exp", Tf::exp, randn(3, 4), true));
        c.add(unary("log", Tf::log, positive(3, 4), true));
        c.add(unary("log1p", Tf::log1p, positive(3, 4), true));
        c.add(unary("sin", Tf::sin, randn(3, 4), true));
        c.add(unary("cos", Tf::cos, randn(3, 4), true));
        c.add(unary("tanh", Tf::tanh, randn(3, 4), true));
        c.add(unary("sigmoid", Tf::sigmoid, randn(3, 4), true));
        c.add(unary("relu", Tf::relu, randn(3, 4), true));
        c.add(unary("relu6", Tf::relu6, randn(3, 4).mul(4), true));
        c.add(unary("elu", Tf::elu, randn(3, 4), true));
        c.add(unary("selu", Tf::selu, randn(3, 4), true));
        c.add(unary("softplus", Tf::softplus, randn(3, 4), true));
        c.add(unary("leakyRelu", x -> Tf.leakyRelu(x, 0.1), randn(3, 4), true));
        c.add(unary("erf", Tf::erf, randn(3, 4), true));
        c.add(unary("reciprocal", Tf::reciprocal, positive(3, 4), true));
        c.add(unary("floor", Tf::floor, randn(3, 4).mul(3), false));
        c.add(unary("round", Tf::round, randn(3, 4).mul(3), false));
        c.add(unary("sign", Tf::sign, randn(3, 4), false));
        c.add(unary("isFinite", Tf::isFinite, randn(3, 4), false));
        c.add(unary("cast", x -> Tf.cast(x.mul(10), DType.INT32), randn(3, 4), false));
        c.add(unary("identity", Tf::identity, randn(3, 4), true));
        c.add(unary("stopGradient", x -> Tf.stopGradient(x).mul(x), randn(3, 4), true));

        c.add(binary("add", Tf::add, randn(3, 4), randn(4), true));
        c.add(binary("sub", Tf::sub, randn(3, 1), randn(1, 4), true));
        c.add(binary("mul", Tf::mul, randn(2, 3, 4), randn(3, 4), true));
        c.add(binary("div", Tf::div, randn(3, 4), positive(3, 4), true));
        c.add(binary("pow", Tf::pow, positive(3, 4), randn(3, 4), true));
        c.add(binary("maximum", Tf::maximum, randn(3, 4), randn(3, 4), true));
        c.add(binary("minimum", Tf::minimum, randn(3, 4), randn(4), true));
        c.add(binary("squaredDifference", Tf::squaredDifference, randn(3, 4), randn(3, 4), true));
        c.add(binary("intAdd", Tf::add, ints(100, 3, 4), ints(100, 4), false));
        c.add(binary("floordiv", Tf::floordiv, ints(100, 3, 4), ints(9, 3, 4).add(1), false));
        c.add(binary("mod", Tf::mod, ints(100, 3, 4), ints(9, 3, 4).add(1), false));
        c.add(binary("less", Tf::less, randn(3, 4), randn(3, 4), false));
        c.add(binary("equal", Tf::equal, ints(3, 3, 4), ints(3, 3, 4), false));
        c.add(new Case("where", List.of(randn(3, 4), randn(3, 4)),
                xs -> Tf.where(Tf.greater(xs.get(0), xs.get(1)), xs.get(0), xs.get(1).mul(2)), true));
        c.add(new Case("clipByValue", List.of(randn(3, 4)), xs -> Tf.clipByValue(xs.get(0), -0.5f, 0.5f), true));
        c.add(new Case("addN", List.of(randn(3, 4), randn(3, 4), randn(3, 4)), Tf::addN, true));

        c.add(unary("reduceSum", Tf::reduceSum, randn(3, 4), true));
        c.add(unary("reduceSumAxis", x -> Tf.reduceSum(x, 1), randn(3, 4), true));
        c.add(unary("reduceSumKeep", x -> Tf.reduceSum(x, new int[] {0, 2}, true), randn(2, 3, 4), true));
        c.add(unary("reduceMean", x -> Tf.reduceMean(x, 0), randn(3, 4), true));
        c.add(unary("reduceMax", x -> Tf.reduceMax(x, -1), randn(3, 4), true));
        c.add(unary("reduceMin", Tf::reduceMin, randn(3, 4), true));
        c.add(unary("reduceProd", x -> Tf.reduceProd(x, 1), randn(3, 4), true));
        c.add(unary("argmax", x -> Tf.argmax(x, 1), randn(3, 4), false));
        c.add(unary("argmin", Tf::argmin, randn(3, 4), false));

        c.add(binary("matmul", Tf::matmul, randn(3, 4), randn(4, 5), true));
        c.add(binary("matmulTransposed", (a, b) -> Tf.matmul(a, b, true, true), randn(4, 3), randn(5, 4), true));
        c.add(binary("batchMatmul", Tf::matmul, randn(2, 3, 4), randn(2, 4, 2), true));
        c.add(unary("transpose", Tf::transpose, randn(2, 3, 4), true));
        c.add(unary("transposePerm", x -> Tf.transpose(x, 1, 0, 2), randn(2, 3, 4), true));
        c.add(unary("reshape", x -> Tf.reshape(x, 4, -1), randn(2, 3, 4), true));
        c.add(unary("expandDims", x -> Tf.expandDims(x, 1), randn(3, 4), true));
        c.add(unary("squeeze", Tf::squeeze, randn(3, 1, 4), true));
        c.add(new Case("concat", List.of(randn(2, 3), randn(4, 3)), xs -> Tf.concat(xs, 0), true));
        c.add(new Case("stack", List.of(randn(2, 3), randn(2, 3)), xs -> Tf.stack(xs, 1), true));
        c.add(new Case("unstack", List.of(randn(3, 2)), xs -> Tf.unstack(xs.get(0), 1), true).staticForward());
        c.add(new Case("split", List.of(randn(4, 6)), xs -> Tf.split(xs.get(0), 3, 1), true));
        c.add(unary("slicePython", x -> x.slice(Index.all(), Index.range(1, null)), randn(3, 4), true));
        c.add(unary("sliceBeginSize", x -> Tf.slice(x, new int[] {1, 0}, new int[] {2, -1}), randn(3, 4), true));
        c.add(new Case("gather", List.of(randn(5, 3), ints(5, 4)), xs -> Tf.gather(xs.get(0), xs.get(1)), true));
        c.add(unary("tile", x -> Tf.tile(x, 2, 3), randn(2, 2), true));
        c.add(unary("pad", x -> Tf.pad(x, new int[][] {{1, 0}, {0, 2}}), randn(2, 3), true));
        c.add(unary("broadcastTo", x -> Tf.broadcastTo(x, 3, 4), randn(4), true));
        c.add(unary("oneHot", x -> Tf.oneHot(x, 6), ints(6, 5), false));
        c.add(unary("shapeOf", x -> Tf.cast(Tf.shape(x), DType.FLOAT32).mul(Tf.reduceSum(x)), randn(3, 4), true));

        c.add(unary("softmax", Tf::softmax, randn(3, 5), true));
        c.add(unary("logSoftmax", Tf::logSoftmax, randn(3, 5), true));
        c.add(binary("biasAdd", Tf::biasAdd, randn(3, 4), randn(4), true));
        c.add(new Case("softmaxCrossEntropy", List.of(Tf.softmax(randn(3, 5)), randn(3, 5)),
                xs -> Tf.softmaxCrossEntropyWithLogits(xs.get(0), xs.get(1)), true));
        c.add(new Case("sparseSoftmaxCrossEntropy", List.of(randn(4, 5), ints(5, 4)),
                xs -> Tf.sparseSoftmaxCrossEntropyWithLogits(xs.get(1), xs.get(0)), true));
        c.add(new Case("conv2d", List.of(randn(2, 6, 6, 3), randn(3, 3, 3, 4)),
                xs -> Tf.conv2d(xs.get(0), xs.get(1), new int[] {1, 1}, "SAME"), true));
        c.add(new Case("conv2dValidStrided", List.of(randn(1, 7, 7, 2), randn(3, 3, 2, 3)),
                xs -> Tf.conv2d(xs.get(0), xs.get(1), new int[] {2, 2}, "VALID"), true));
        c.add(unary("maxPool", x -> Tf.maxPool2d(x, new int[] {2, 2}, new int[] {2, 2}, "VALID"), randn(1, 4, 4, 2), true));
        c.add(unary("avgPool", x -> Tf.avgPool2d(x, new int[] {2, 2}, new int[] {1, 1}, "SAME"), randn(1, 4, 4, 2), true));

        // Gradient rules that need dimensions, which they read at run time when the trace leaves them unknown.
        c.add(unary("squeezeAxis", x -> Tf.squeeze(x, 1), randn(3, 1, 4), true));
        c.add(unary("expandDimsLast", x -> Tf.expandDims(x, -1), randn(3, 4), true));
        c.add(new Case("concatLastAxis", List.of(randn(2, 1), randn(2, 3), randn(2, 2)), xs -> Tf.concat(xs, -1), true));
        c.add(unary("tileRank3", x -> Tf.tile(x, 1, 3, 2), randn(2, 1, 3), true));
        c.add(new Case("gatherNd", List.of(randn(5, 3), ints(5, 4, 1)), xs -> Tf.gatherNd(xs.get(0), xs.get(1)), true));
        c.add(new Case("tensorScatterNdUpdate", List.of(randn(5, 3), Tf.constant(new int[][] {{4}, {0}}), randn(2, 3)),
                xs -> Tf.tensorScatterNdUpdate(xs.get(0), xs.get(1), xs.get(2)), true));
        c.add(new Case("fillWithComputedShape", List.of(randn(2, 3)), xs -> Tf.fill(Tf.shape(xs.get(0)), 1.5f), false));
        c.add(new Case("gatherAxis1", List.of(randn(3, 5), ints(5, 2, 2)), xs -> Tf.gather(xs.get(0), xs.get(1), 1), true));
        c.add(new Case("splitSizes", List.of(randn(2, 6)), xs -> Tf.split(xs.get(0), new int[] {1, -1, 2}, 1), true));
        c.add(unary("padRank3", x -> Tf.pad(x, new int[][] {{0, 0}, {1, 1}, {0, 2}}), randn(2, 3, 2), true));
        c.add(unary("reduceMeanKeepNegative", x -> Tf.reduceMean(x, new int[] {-1, 0}, true), randn(2, 3, 4), true));
        c.add(unary("reduceMeanAll", Tf::reduceMean, randn(2, 3), true));
        c.add(unary("reduceMaxKeep", x -> Tf.reduceMax(x, new int[] {1}, true), randn(2, 3, 4), true));
        c.add(unary("reduceProdAll", Tf::reduceProd, randn(2, 3), true));
        c.add(binary("broadcastBatchMatmul", Tf::matmul, randn(2, 3, 4), randn(4, 2), true));
        c.add(binary("broadcastBatchMatmulBoth", Tf::matmul, randn(2, 1, 3, 4), randn(3, 4, 2), true));
        c.add(binary("biasAddRank4", Tf::biasAdd, randn(2, 3, 3, 4), randn(4), true));
        c.add(new Case("sparseSoftmaxCrossEntropyRank3", List.of(randn(2, 3, 5), ints(5, 2, 3)),
                xs -> Tf.sparseSoftmaxCrossEntropyWithLogits(xs.get(1), xs.get(0)), true));
        c.add(unary("maxPoolSame", x -> Tf.maxPool2d(x, new int[] {3, 3}, new int[] {2, 2}, "SAME"), randn(2, 5, 5, 2),
                true));
        c.add(unary("avgPoolValidStrided", x -> Tf.avgPool2d(x, new int[] {2, 2}, new int[] {2, 2}, "VALID"),
                randn(2, 4, 6, 1), true));
        // squeeze of unknown dimensions has unknown rank: reductions, stack and concat then work on unknown ranks.
        c.add(unary("reduceOfUnknownRank", x -> Tf.reduceMean(Tf.squeeze(x), -1), randn(3, 1, 4), true));
        c.add(unary("reduceMixedAxesOfUnknownRank", x -> Tf.reduceSum(Tf.squeeze(x), new int[] {0, -1}, false),
                randn(3, 1, 4, 1, 5), true));
        c.add(unary("reduceMaxOfUnknownRank", x -> Tf.reduceMax(Tf.squeeze(x), new int[] {-2}, false),
                randn(3, 1, 4), true));
        c.add(new Case("stackOfUnknownRank", List.of(randn(3, 1, 4), randn(3, 1, 4)),
                xs -> Tf.stack(List.of(Tf.squeeze(xs.get(0)), Tf.squeeze(xs.get(1))), -1), true));
        c.add(new Case("concatOfUnknownRank", List.of(randn(3, 1, 4), randn(3, 1, 2)),
                xs -> Tf.concat(List.of(Tf.squeeze(xs.get(0)), Tf.squeeze(xs.get(1))), -1), true));

        c.add(new Case("mlpLayer", List.of(randn(4, 3), randn(3, 5), randn(5)),
                xs -> Tf.relu(Tf.matmul(xs.get(0), xs.get(1)).add(xs.get(2))), true));
        c.add(new Case("composite", List.of(randn(8), randn(8)),
                xs -> Tf.tanh(xs.get(0).mul(xs.get(1)).add(1)).mul(Tf.sigmoid(xs.get(0))).add(Tf.square(xs.get(0))), true));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tracedEqualsEager(Case c) {
        Object eager = c.body().apply(c.inputs());
        PolymorphicFunction f = Kiln.function((List<Tensor> xs) -> c.body().apply(xs));
        assertSame(c.name() + " traced", eager, f.callStructured(c.inputs()));
        Verifier.check(f.concreteFunctions().get(0).graph());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tracedWithUnknownDimensionsEqualsEager(Case c) {
        if (c.staticShapes()) {
            return;
        }
        Object eager = c.body().apply(c.inputs());
        PolymorphicFunction f = Kiln.function((List<Tensor> xs) -> c.body().apply(xs));
        List<TensorSpec> specs = c.inputs().stream()
                .map(t -> TensorSpec.of(t.dtype(), Shape.unknown(t.rank()))).toList();
        ConcreteFunction general = f.concreteFunction(specs);
        Verifier.check(general.graph());
        assertSame(c.name() + " traced with unknown dimensions", eager, f.callStructured(c.inputs()));
        assertEquals(1, f.traceCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientInsideATraceEqualsEagerGradient(Case c) {
        if (!c.differentiable()) {
            return;
        }
        Function<List<Tensor>, Object> grads = xs -> {
            try (GradientTape tape = new GradientTape()) {
                tape.watch(xs);
                List<Tensor> outs = new ArrayList<>();
                Object y = c.body().apply(xs);
                if (y instanceof Tensor t) {
                    outs.add(Tf.reduceSum(t.mul(t)));
                } else {
                    for (Object o : (List<?>) y) {
                        outs.add(Tf.reduceSum(Tf.square(o)));
                    }
                }
                List<Tensor> g = tape.gradient(outs, xs, null, UnconnectedGradients.ZERO);
                return g;
            }
        };
        Object eager = grads.apply(c.inputs());
        PolymorphicFunction f = Kiln.function((List<Tensor> xs) -> grads.apply(xs));
        assertSame(c.name() + " gradient traced", eager, f.callStructured(c.inputs()));
        if (c.staticShapes()) {
            return;
        }
        List<TensorSpec> specs = c.inputs().stream().map(t -> TensorSpec.of(t.dtype(), Shape.unknown(t.rank()))).toList();
        PolymorphicFunction g = Kiln.function((List<Tensor> xs) -> grads.apply(xs));
        g.concreteFunction(specs);
        assertSame(c.name() + " gradient traced with unknown dimensions", eager, g.callStructured(c.inputs()));
    }

    private static void assertSame(String what, Object expected, Object actual) {
        if (expected == null) {
            assertNull(actual, what);
            return;
        }
        if (expected instanceof List<?> l) {
            List<?> a = (List<?>) actual;
            assertEquals(l.size(), a.size(), what);
            for (int i = 0; i < l.size(); i++) {
                assertSame(what + "[" + i + "]", l.get(i), a.get(i));
            }
            return;
        }
        Tensor e = (Tensor) expected;
        Tensor a = (Tensor) actual;
        assertEquals(e.dtype(), a.dtype(), what);
        assertEquals(e.shape(), a.shape(), what);
        assertTrue(e.dtype().isFloating() ? a.allClose(e, 1e-5, 1e-6) : a.valueEquals(e),
                what + ": expected " + e + " but was " + a);
    }
}
