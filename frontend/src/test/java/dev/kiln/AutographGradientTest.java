package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Gradients through converted control flow, checked against central differences of the eager method:
 * with a tape opened inside the traced function (the tape records the {@code cond}/{@code while} node and
 * its rule builds the backward graph) and with a tape around a call of the traced function (the graph is
 * replayed op by op).
 */
class AutographGradientTest {
    static Tensor piecewise(Tensor x) {
        Tensor y;
        if (Tf.greater(Tf.reduceSum(x), 0).bool()) {
            y = Tf.square(x).mul(3.0);
        } else {
            y = Tf.sin(x).add(x);
        }
        return Tf.reduceSum(y);
    }

    static Tensor power(Tensor x, Tensor n) {
        Tensor acc = Tf.onesLike(x);
        Tensor i = Tf.constant(0);
        while (Tf.less(i, n).bool()) {
            acc = acc.mul(x);
            i = i.add(1);
        }
        return Tf.reduceSum(acc);
    }

    /** A loop whose body reads a value from outside (a capture) and keeps a running state. */
    static Tensor damped(Tensor x, Tensor w) {
        Tensor h = x;
        for (Tensor i : Tf.range(3)) {
            h = Tf.tanh(h.mul(w)).add(x);
        }
        return Tf.reduceSum(h);
    }

    Tensor piecewiseGradient(Tensor x) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y;
            if (Tf.greater(Tf.reduceSum(x), 0).bool()) {
                y = Tf.square(x).mul(3.0);
            } else {
                y = Tf.sin(x).add(x);
            }
            return tape.gradient(Tf.reduceSum(y), x);
        }
    }

    Tensor powerGradient(Tensor x, Tensor n) {
        GradientTape tape = new GradientTape();
        tape.watch(x);
        Tensor acc = Tf.onesLike(x);
        Tensor i = Tf.constant(0);
        while (Tf.less(i, n).bool()) {
            acc = acc.mul(x);
            i = i.add(1);
        }
        return tape.gradient(Tf.reduceSum(acc), x);
    }

    List<Tensor> dampedGradient(Tensor x, Tensor w) {
        GradientTape tape = new GradientTape();
        tape.watch(x);
        tape.watch(w);
        Tensor h = x;
        for (Tensor i : Tf.range(3)) {
            h = Tf.tanh(h.mul(w)).add(x);
        }
        return tape.gradient(Tf.reduceSum(h), List.of(x, w));
    }

    private final Variable w = Tf.variable(new double[] {0.5});

    Tensor piecewiseSecondDerivative(Tensor x) {
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor dy;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                Tensor y;
                if (Tf.greater(Tf.reduceSum(x), 0).bool()) {
                    y = Tf.square(x).mul(3.0).mul(x);
                } else {
                    y = Tf.sin(x).add(x);
                }
                dy = inner.gradient(Tf.reduceSum(y), x);
            }
            return outer.gradient(dy, x);
        }
    }

    Tensor variableGradient(Tensor x, Tensor n) {
        GradientTape tape = new GradientTape();
        Tensor h = x;
        for (Tensor i : Tf.range(n)) {
            h = Tf.sin(h.mul(w));
        }
        return tape.gradient(Tf.reduceSum(h), w);
    }

    private static double numeric(java.util.function.Function<Tensor, Tensor> f, double x) {
        DoubleUnaryOperator g = v -> f.apply(Tf.constant(new double[] {v})).doubleValue();
        return Numerics.approximateDerivative(g, x, 1e-4);
    }

    @Test
    void condGradientFromATapeInsideTheTrace() {
        PolymorphicFunction f = Kiln.function(this::piecewiseGradient);
        for (double x : new double[] {-1.3, 0.7}) {
            double expected = numeric(AutographGradientTest::piecewise, x);
            assertEquals(expected, f.call(Tf.constant(new double[] {x})).toDoubleArray()[0], 1e-6, "x=" + x);
        }
        assertEquals(1, f.traceCount());
        assertTrue(AutographConformanceTest.count(f.concreteFunctions().get(0).graph(), "cond") >= 2,
                "a forward and a backward cond");
    }

    @Test
    void condGradientThroughATracedFunction() {
        PolymorphicFunction f = Kiln.function(AutographGradientTest::piecewise);
        for (double x : new double[] {-1.3, 0.7}) {
            Tensor t = Tf.constant(new double[] {x});
            Tensor g;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(t);
                g = tape.gradient(f.call(t), t);
            }
            assertEquals(numeric(AutographGradientTest::piecewise, x), g.toDoubleArray()[0], 1e-6, "x=" + x);
        }
        assertEquals(1, f.traceCount());
    }

    @Test
    void whileGradientFromATapeInsideTheTrace() {
        PolymorphicFunction f = Kiln.function(this::powerGradient);
        for (int n : new int[] {0, 1, 3}) {
            for (double x : new double[] {-0.8, 1.5}) {
                Tensor tn = Tf.constant(n);
                double expected = numeric(v -> power(v, tn), x);
                assertEquals(expected, f.call(Tf.constant(new double[] {x}), tn).toDoubleArray()[0], 1e-5,
                        "n=" + n + " x=" + x);
            }
        }
        assertEquals(1, f.traceCount());
    }

    @Test
    void whileGradientStacksTheForwardStatesOnce() {
        PolymorphicFunction f = Kiln.function(this::powerGradient);
        Tensor n = Tf.constant(40);
        assertEquals(40 * Math.pow(1.01, 39), f.call(Tf.constant(new double[] {1.01}), n).toDoubleArray()[0], 1e-9);
        dev.kiln.ir.Graph g = f.concreteFunctions().get(0).graph();
        List<dev.kiln.ir.Node> whiles = g.body().allNodes().stream().filter(x -> x.op().name().equals("while")).toList();
        List<dev.kiln.ir.Node> backward = whiles.stream().filter(w -> w.regions().get(1).allNodes().stream()
                .anyMatch(x -> x.op().name().equals("gather"))).toList();
        assertEquals(1, backward.size(), g.toText());
        // Linear in the trip count: the backward loop reads each iteration's state from the stacks the forward
        // states were written to, instead of looping from the start again for every step.
        assertTrue(backward.get(0).regions().get(1).allNodes().stream().noneMatch(x -> x.op().name().equals("while")),
                g.toText());
        assertTrue(g.body().allNodes().stream().anyMatch(x -> x.op().name().equals("tensor_scatter_update")), g.toText());
    }

    Tensor gradientThroughAStatefulLoop(Tensor x, Variable counter) {
        GradientTape tape = new GradientTape();
        tape.watch(x);
        Tensor acc = x;
        for (Tensor i : Tf.range(3)) {
            counter.assignAdd(1f);
            acc = acc.mul(x);
        }
        return tape.gradient(Tf.reduceSum(acc), x);
    }

    Tensor gradientThroughARandomLoop(Tensor x) {
        GradientTape tape = new GradientTape();
        tape.watch(x);
        Tensor acc = x;
        for (Tensor i : Tf.range(3)) {
            acc = acc.mul(Tf.randomUniform(dev.kiln.ir.Shape.of(1), 0, 1, 7));
        }
        return tape.gradient(Tf.reduceSum(acc), x);
    }

    @Test
    void whileGradientRefusesBodiesItCannotReplay() {
        // The rule recomputes the iterations' states by replaying the body: a second run of an assignment or a
        // random draw would give other values, so it refuses instead of answering wrongly.
        Variable counter = Tf.variable(0f);
        UnsupportedOperationException state = org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedOperationException.class,
                () -> Kiln.function(this::gradientThroughAStatefulLoop).call(Tf.constant(new float[] {2}), counter));
        assertTrue(state.getMessage().startsWith("gradients through a loop that changes state (assign_add)"),
                state.getMessage());
        UnsupportedOperationException random = org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedOperationException.class,
                () -> Kiln.function(this::gradientThroughARandomLoop).call(Tf.constant(new float[] {2})));
        assertTrue(random.getMessage().startsWith("gradients through a loop that draws random numbers"),
                random.getMessage());
    }

    @Test
    void whileGradientThroughATracedFunction() {
        PolymorphicFunction f = Kiln.function(AutographGradientTest::power);
        for (int n : new int[] {0, 1, 3}) {
            Tensor t = Tf.constant(new double[] {1.5});
            Tensor tn = Tf.constant(n);
            Tensor g;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(t);
                g = tape.gradient(f.call(t, tn), t);
            }
            double expected = n == 0 ? 0 : n * Math.pow(1.5, n - 1);
            assertEquals(expected, g == null ? 0 : g.toDoubleArray()[0], 1e-9, "n=" + n);
        }
    }

    Tensor powerSecondDerivative(Tensor x, Tensor n) {
        GradientTape outer = new GradientTape();
        outer.watch(x);
        GradientTape inner = new GradientTape();
        inner.watch(x);
        Tensor acc = Tf.onesLike(x);
        Tensor i = Tf.constant(0);
        while (Tf.less(i, n).bool()) {
            acc = acc.mul(x);
            i = i.add(1);
        }
        Tensor dy = inner.gradient(Tf.reduceSum(acc), x);
        return outer.gradient(dy, x);
    }

    @Test
    void secondDerivativeThroughAWhileLoop() {
        PolymorphicFunction f = Kiln.function(this::powerSecondDerivative);
        for (int n : new int[] {1, 2, 3}) {
            double expected = n * (n - 1) * Math.pow(1.5, n - 2);
            assertEquals(expected, f.call(Tf.constant(new double[] {1.5}), Tf.constant(n)).toDoubleArray()[0], 1e-9,
                    "n=" + n);
        }
    }

    @Test
    void secondDerivativeThroughACond() {
        PolymorphicFunction f = Kiln.function(this::piecewiseSecondDerivative);
        assertEquals(18 * 0.7, f.call(Tf.constant(new double[] {0.7})).toDoubleArray()[0], 1e-9);
        assertEquals(-Math.sin(-1.3), f.call(Tf.constant(new double[] {-1.3})).toDoubleArray()[0], 1e-9);
    }

    @Test
    void gradientOfAVariableTheLoopReads() {
        PolymorphicFunction f = Kiln.function(this::variableGradient);
        double x = 1.2;
        for (int n : new int[] {1, 4}) {
            DoubleUnaryOperator loss = v -> {
                double h = x;
                for (int i = 0; i < n; i++) {
                    h = Math.sin(h * v);
                }
                return h;
            };
            assertEquals(Numerics.approximateDerivative(loss, 0.5, 1e-5),
                    f.call(Tf.constant(new double[] {x}), Tf.constant(n)).toDoubleArray()[0], 1e-7, "n=" + n);
        }
    }

    @Test
    void gradientsOfLoopStateAndOfValuesTheLoopOnlyReads() {
        PolymorphicFunction f = Kiln.function(this::dampedGradient);
        double x = 0.3;
        double w = -0.7;
        List<Tensor> g = f.callList(Tf.constant(new double[] {x}), Tf.constant(new double[] {w}));
        Tensor tw = Tf.constant(new double[] {w});
        Tensor tx = Tf.constant(new double[] {x});
        assertEquals(numeric(v -> damped(v, tw), x), g.get(0).toDoubleArray()[0], 1e-6);
        assertEquals(numeric(v -> damped(tx, v), w), g.get(1).toDoubleArray()[0], 1e-6);
    }
}
