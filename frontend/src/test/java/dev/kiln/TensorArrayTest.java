package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.DType;
import dev.kiln.ir.Shape;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link TensorArray} eagerly, in traced functions (compiled and interpreted), and under gradient tapes. */
class TensorArrayTest {

    private static String error(Runnable call) {
        return assertThrows(InvalidArgumentException.class, call::run).getMessage();
    }

    // ---------------------------------------------------------------- eager

    @Test
    void writesReadsAndStacksEagerly() {
        TensorArray ta = new TensorArray(DType.FLOAT32, 3);
        ta = ta.write(0, Tf.constant(new float[] {1, 2}));
        ta = ta.write(2, Tf.constant(new float[] {5, 6}));
        ta = ta.write(Tf.constant(1), Tf.constant(new float[] {3, 4}));
        assertEquals(DType.FLOAT32, ta.dtype());
        assertEquals(Shape.of(2), ta.elementShape());
        assertEquals(3, ta.size().intValue());
        assertArrayEquals(new float[] {3, 4}, ta.read(1).toFloatArray());
        assertArrayEquals(new float[] {5, 6}, ta.read(Tf.constant(2L)).toFloatArray());
        Tensor stacked = ta.stack();
        assertEquals(Shape.of(3, 2), stacked.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, stacked.toFloatArray());
    }

    @Test
    void writeReturnsANewArrayAndLeavesThisOne() {
        TensorArray empty = new TensorArray(DType.INT32, 2, Shape.of());
        TensorArray one = empty.write(1, 7);
        assertNotSame(empty, one);
        assertArrayEquals(new int[] {0, 0}, empty.stack().toIntArray());
        assertArrayEquals(new int[] {0, 7}, one.stack().toIntArray());
        TensorArray two = one.write(1, 8);
        assertArrayEquals(new int[] {0, 7}, one.stack().toIntArray());
        assertArrayEquals(new int[] {0, 8}, two.stack().toIntArray());
    }

    @Test
    void unwrittenElementsAreZerosOfTheKnownShape() {
        TensorArray ta = new TensorArray(DType.FLOAT64, 3).write(1, Tf.constant(new double[] {1, 2}));
        assertArrayEquals(new double[] {0, 0, 1, 2, 0, 0}, ta.stack().toDoubleArray());
        TensorArray declared = new TensorArray(DType.FLOAT32, 2, Shape.of(2, 1));
        assertEquals(Shape.of(2, 1), declared.read(0).shape());
        assertEquals(Shape.of(2, 2, 1), declared.stack().shape());
        assertEquals(Shape.of(0), new TensorArray(DType.FLOAT32, 0).stack().shape());
    }

    @Test
    void javaValuesTakeTheArraysDType() {
        TensorArray ta = new TensorArray(DType.FLOAT32, 2).write(0, 1).write(1, 2.5);
        assertEquals(DType.FLOAT32, ta.stack().dtype());
        assertArrayEquals(new float[] {1, 2.5f}, ta.stack().toFloatArray());
    }

    @Test
    void unstackReplacesTheFirstElements() {
        Tensor rows = Tf.constant(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        TensorArray all = new TensorArray(DType.FLOAT32, 3).unstack(rows);
        assertTrue(all.stack().valueEquals(rows));
        assertArrayEquals(new float[] {3, 4}, all.read(1).toFloatArray());
        TensorArray some = new TensorArray(DType.FLOAT32, 3).write(2, new float[] {9, 9}).unstack(
                Tf.constant(new float[][] {{1, 2}}));
        assertArrayEquals(new float[] {1, 2, 0, 0, 9, 9}, some.stack().toFloatArray());
    }

    @Test
    void badInputIsTensorFlowsError() {
        TensorArray ta = new TensorArray(DType.FLOAT32, 3);
        assertEquals("TensorArray dtype is float32 but Op is trying to write dtype int32",
                error(() -> ta.write(0, Tf.constant(new int[] {1}))));
        TensorArray vector = ta.write(0, Tf.constant(new float[] {1, 2, 3}));
        assertEquals("Incompatible shape for value ((2,)), expected ((3,))",
                error(() -> vector.write(1, Tf.constant(new float[] {1, 2}))));
        assertEquals("Incompatible shape for value ((2, 3)), expected ((3,))",
                error(() -> vector.unstack(Tf.zeros(Shape.of(1, 2, 3)))));
        assertEquals("Tried to write to index 3 but array is not resizeable and size is: 3", error(() -> ta.write(3, 1f)));
        assertEquals("Writing to negative indices (index -1) is not allowed.", error(() -> ta.write(-1, 1f)));
        assertEquals("Tried to read from index 5 but array size is: 3", error(() -> vector.read(5)));
        assertEquals("Reading from negative indices (index -2) is not allowed.", error(() -> vector.read(-2)));
        assertEquals("TensorArray index must be scalar, but had shape: [2]", error(() -> ta.write(new int[] {0, 1}, 1f)));
        assertEquals("Cannot unstack 4 tensors into a TensorArray of static size 3", error(() -> ta.unstack(Tf.zeros(Shape.of(4)))));
        assertEquals("TensorArray size must be an int32 scalar, got a int64 tensor of shape ()",
                error(() -> new TensorArray(DType.FLOAT32, Tf.constant(3L))));
        assertEquals("TensorArray size must be non-negative, got -1", error(() -> new TensorArray(DType.FLOAT32, -1)));
        assertEquals("Tried to stack elements of an empty list with non-fully-defined element_shape: <unknown>",
                error(ta::stack));
        assertTrue(error(() -> ta.read(0)).startsWith("Could not read from TensorArray index 0 because it has not yet been"
                + " written to"));
    }

    // ---------------------------------------------------------------- traced

    /** The running sums of x (any float dtype, any length) collected in a TensorArray. */
    Tensor cumsum(Tensor x) {
        Tensor n = Tf.shape(x).slice(Index.at(0));
        TensorArray ta = new TensorArray(x.dtype(), n);
        Tensor s = Tf.zeros(Shape.scalar(), x.dtype());
        for (Tensor i : Tf.range(n)) {
            s = s.add(Tf.gather(x, i));
            ta = ta.write(i, s);
        }
        return ta.stack();
    }

    /** x is [time, batch, features]: the running sum over time, with an element shape the loop learns. */
    Tensor runningStates(Tensor x, Tensor initial) {
        TensorArray states = new TensorArray(x.dtype(), x.shape().dim(0));
        Tensor state = initial;
        for (Tensor i : Tf.range(x.shape().dim(0))) {
            state = Tf.tanh(Tf.gather(x, i).add(state));
            states = states.write(i, state);
        }
        return states.stack();
    }

    private static List<Tensor> both(Function<FunctionOptions, PolymorphicFunction> make, Object... args) {
        Tensor compiled = make.apply(FunctionOptions.defaults()).call(args);
        Tensor interpreted = make.apply(FunctionOptions.defaults().withCompile(false)).call(args);
        return List.of(compiled, interpreted);
    }

    @Test
    void aSymbolicSizeFromAnInputOfUnknownLength() {
        PolymorphicFunction f = Kiln.function(this::cumsum).withInputSignature(TensorSpec.of(DType.FLOAT32, Shape.of(-1)));
        assertArrayEquals(new float[] {1, 3, 6}, f.call(Tf.constant(new float[] {1, 2, 3})).toFloatArray());
        assertArrayEquals(new float[] {2, 2, 5, 4, 9}, f.call(Tf.constant(new float[] {2, 0, 3, -1, 5})).toFloatArray());
        assertEquals(Shape.of(0), f.call(Tf.zeros(Shape.of(0))).shape());
        assertEquals(1, f.traceCount());
    }

    @Test
    void compiledAndInterpretedTracesAgreeWithEager() {
        Tensor x = Tf.randomNormal(Shape.of(7), 0, 1, 3);
        for (Tensor r : both(o -> Kiln.function(this::cumsum).withOptions(o), x)) {
            assertTrue(cumsum(x).allClose(r, 1e-6, 1e-6), r::toString);
        }
        Tensor seq = Tf.randomNormal(Shape.of(4, 2, 3), 0, 1, 5);
        Tensor init = Tf.randomNormal(Shape.of(2, 3), 0, 1, 6);
        TensorSpec seqSpec = TensorSpec.of(DType.FLOAT32, Shape.of(4, -1, 3));
        TensorSpec initSpec = TensorSpec.of(DType.FLOAT32, Shape.of(-1, 3));
        for (Tensor r : both(o -> Kiln.function(this::runningStates).withOptions(o.withInputSignature(seqSpec, initSpec)),
                seq, init)) {
            assertEquals(Shape.of(4, 2, 3), r.shape());
            assertTrue(runningStates(seq, init).allClose(r, 1e-6, 1e-6), r::toString);
        }
        ConcreteFunction traced = Kiln.function(this::runningStates).concreteFunction(seqSpec, initSpec);
        assertEquals(List.of(TensorSpec.of(DType.FLOAT32, Shape.of(4, -1, 3))), traced.outputSpecs());
    }

    Tensor writeAt(Tensor x, Tensor index) {
        return new TensorArray(DType.FLOAT32, 3).write(index, x).stack();
    }

    @Test
    void anIndexOutOfRangeFailsWhenTheTracedFunctionRuns() {
        PolymorphicFunction f = Kiln.function(this::writeAt);
        assertArrayEquals(new float[] {0, 0, 4}, f.call(Tf.constant(4f), Tf.constant(2)).toFloatArray());
        String message = error(() -> f.call(Tf.constant(4f), Tf.constant(3)));
        assertTrue(message.startsWith("indices[0] = [3] does not index into shape [3] [Op:TensorScatterUpdate]\n"
                + "\tin node %3 = tensor_scatter_update"), message);
        assertEquals(1, f.traceCount());
    }

    Tensor writeInBranches(Tensor x) {
        TensorArray ta = new TensorArray(DType.FLOAT32, 2);
        if (Tf.greater(Tf.reduceSum(x), 0).bool()) {
            ta = ta.write(0, x);
        } else {
            ta = ta.write(1, x.mul(-1));
        }
        return ta.stack();
    }

    Tensor writeInOneBranch(Tensor x) {
        TensorArray ta = new TensorArray(DType.FLOAT32, 2);
        if (Tf.greater(Tf.reduceSum(x), 0).bool()) {
            ta = ta.write(1, x);
        }
        return ta.stack();
    }

    @Test
    void aStagedIfMergesTheArraysOfItsBranches() {
        PolymorphicFunction both = Kiln.function(this::writeInBranches);
        assertArrayEquals(new float[] {1, 2, 0, 0}, both.call(Tf.constant(new float[] {1, 2})).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 1, 2}, both.call(Tf.constant(new float[] {-1, -2})).toFloatArray());
        assertEquals(1, AutographConformanceTest.count(both.concreteFunctions().get(0).graph(), "cond"));
        PolymorphicFunction one = Kiln.function(this::writeInOneBranch);
        assertArrayEquals(new float[] {0, 0, 1, 2}, one.call(Tf.constant(new float[] {1, 2})).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 0, 0}, one.call(Tf.constant(new float[] {-1, -2})).toFloatArray());
        assertEquals(1, both.traceCount());
        assertEquals(1, one.traceCount());
    }

    Tensor sumOfRows(Tensor x) {
        TensorArray rows = new TensorArray(DType.FLOAT32, 3).unstack(x);
        Tensor total = Tf.zeros(Shape.of(2));
        for (Tensor i : Tf.range(rows.size())) {
            total = total.add(rows.read(i));
        }
        return total;
    }

    @Test
    void aLoopThatOnlyReadsUsesTheArrayItCaptures() {
        Tensor x = Tf.constant(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        PolymorphicFunction f = Kiln.function(this::sumOfRows);
        assertArrayEquals(new float[] {9, 12}, f.call(x).toFloatArray());
        assertEquals(1, AutographConformanceTest.count(f.concreteFunctions().get(0).graph(), "while"));
    }

    // ---------------------------------------------------------------- gradients

    @Test
    void gradientThroughCumsumMatchesCentralDifferences() {
        Tensor x = Tf.constant(new double[] {0.5, -1.25, 2, 0.75});
        GradientChecker.checkFunction("eager cumsum", this::cumsum, x);
        PolymorphicFunction traced = Kiln.function(this::cumsum);
        GradientChecker.checkFunction("traced cumsum", t -> traced.call(t), x);
        // d sum(cumsum(x)) / dx_j = n - j
        Tensor grad;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = Tf.reduceSum(traced.call(x));
            grad = tape.gradient(y, x);
        }
        assertArrayEquals(new double[] {4, 3, 2, 1}, grad.toDoubleArray(), 1e-12);
    }

    @Test
    void gradientThroughALoopWhoseArrayIsAllocatedAtRunTime() {
        Tensor seq = Tf.cast(Tf.randomNormal(Shape.of(4, 2, 3), 0, 1, 5), DType.FLOAT64);
        Tensor initial = Tf.cast(Tf.randomNormal(Shape.of(2, 3), 0, 1, 6), DType.FLOAT64);
        PolymorphicFunction f = Kiln.function(this::runningStates).withInputSignature(
                TensorSpec.of(DType.FLOAT64, Shape.of(4, -1, 3)), TensorSpec.of(DType.FLOAT64, Shape.of(-1, 3)));
        GradientChecker.checkFunction("eager states", s -> runningStates(seq, s), initial);
        GradientChecker.checkFunction("traced states", s -> f.call(seq, s), initial);
        assertEquals(1, f.traceCount());
    }
}
