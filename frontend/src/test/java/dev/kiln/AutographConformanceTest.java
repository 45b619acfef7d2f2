package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.data.Batch;
import dev.kiln.data.Dataset;
import dev.kiln.ir.DType;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Node;
import dev.kiln.ir.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md section E (AutoGraph), one test per case. Java stands in for Python: {@code if}/{@code while}
 * on {@code Tensor.bool()} for tensor conditions, for-each over {@code Tf.range} for {@code for i in tf.range},
 * a list ({@link #traced}) for trace-time prints and captured standard output for {@code tf.print}.
 */
class AutographConformanceTest {
    private final List<String> traced = new ArrayList<>();
    /** Source lines of statements, recorded by the traced code itself (the converted code keeps line numbers). */
    private int statementLine;

    /** The line number of the caller (converted code runs in a hidden class: its frames are hidden by default). */
    static int line() {
        return StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES)
                .walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    /** Runs {@code body} and returns what graph and eager print ops printed. */
    static String printed(Runnable body) {
        PrintStream previous = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream eager = EagerContext.INSTANCE.printTarget();
        System.setOut(capture);
        EagerContext.INSTANCE.setPrintTarget(capture);
        try {
            body.run();
        } finally {
            System.setOut(previous);
            EagerContext.INSTANCE.setPrintTarget(eager);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static long count(Graph g, String op) {
        return g.body().allNodes().stream().filter(n -> n.op().name().equals(op)).count();
    }

    static <T extends Throwable> T thrown(Class<T> type, Supplier<?> call) {
        return assertThrows(type, call::get);
    }

    // ---------------------------------------------------------------- C-135

    void fizzbuzz(Tensor n) {
        for (Tensor i : Tf.range(Tf.constant(1), n.add(1), Tf.constant(1))) {
            traced.add("Tracing for loop");
            if (Tf.equal(Tf.mod(i, 15), 0).bool()) {
                traced.add("Tracing fizzbuzz branch");
                Tf.print("fizzbuzz");
            } else if (Tf.equal(Tf.mod(i, 3), 0).bool()) {
                traced.add("Tracing fizz branch");
                Tf.print("fizz");
            } else if (Tf.equal(Tf.mod(i, 5), 0).bool()) {
                traced.add("Tracing buzz branch");
                Tf.print("buzz");
            } else {
                traced.add("Tracing default branch");
                Tf.print(i);
            }
        }
    }

    @Test
    void c135_ifOnATensorTracesBothBranches() {
        PolymorphicFunction f = Kiln.voidFunction(this::fizzbuzz);
        String first = printed(() -> f.call(Tf.constant(5)));
        assertEquals(List.of("Tracing for loop", "Tracing fizzbuzz branch", "Tracing fizz branch", "Tracing buzz branch",
                "Tracing default branch"), traced);
        assertEquals("1\n2\nfizz\n4\nbuzz\n", first);
        String second = printed(() -> f.call(Tf.constant(20)));
        assertEquals("1\n2\nfizz\n4\nbuzz\nfizz\n7\n8\nfizz\nbuzz\n11\nfizz\n13\n14\nfizzbuzz\n16\n17\nfizz\n19\nbuzz\n",
                second);
        assertEquals(5, traced.size(), "the trace stream is written once, by the first call");
        assertEquals(1, f.traceCount());
    }

    // ---------------------------------------------------------------- C-136

    Tensor scaleIfTraining(Tensor x, boolean training) {
        if (training) {
            return x.mul(2.0);
        } else {
            return x;
        }
    }

    @Test
    void c136_ifOnAJavaValueIsResolvedAtTraceTime() {
        PolymorphicFunction f = Kiln.function(this::scaleIfTraining);
        assertEquals(6f, f.call(Tf.constant(3f), true).floatValue());
        assertEquals(3f, f.call(Tf.constant(3f), false).floatValue());
        assertEquals(2, f.traceCount());
        for (ConcreteFunction c : f.concreteFunctions()) {
            assertEquals(0, count(c.graph(), "cond"));
        }
        assertEquals(1, count(f.concreteFunctions().get(0).graph(), "mul"));
        assertEquals(0, count(f.concreteFunctions().get(1).graph(), "mul"));
    }

    // ---------------------------------------------------------------- C-137

    Tensor simpleRelu(Tensor x) {
        if (Tf.greater(x, 0).bool()) {
            return x;
        } else {
            return Tf.constant(0);
        }
    }

    @Test
    void c137_simpleReluWithATensorCondition() {
        PolymorphicFunction f = Kiln.function(this::simpleRelu);
        assertEquals(1, f.call(Tf.constant(1)).intValue());
        assertEquals(0, f.call(Tf.constant(-1)).intValue());
        assertEquals(1, f.traceCount());
        assertEquals(1, count(f.concreteFunctions().get(0).graph(), "cond"));
        // Eagerly the method is plain Java.
        assertEquals(0, simpleRelu(Tf.constant(-1)).intValue());
    }

    // ---------------------------------------------------------------- C-138

    Tensor tanhUntilSmall(Tensor x) {
        while (Tf.greater(Tf.reduceSum(x), 1).bool()) {
            Tf.print(x);
            x = Tf.tanh(x);
        }
        return x;
    }

    @Test
    void c138_whileOnATensor() {
        PolymorphicFunction f = Kiln.function(this::tanhUntilSmall);
        Tensor[] result = new Tensor[1];
        String out = printed(() -> result[0] = f.call(Tf.constant(new float[] {1, 1})));
        assertEquals(5, out.lines().count(), out);
        assertTrue(out.startsWith("[1 1]\n"), out);
        assertArrayEquals(new float[] {0.47198f, 0.47198f}, result[0].toFloatArray(), 1e-5f);
        assertEquals(1, count(f.concreteFunctions().get(0).graph(), "while"));
    }

    // ---------------------------------------------------------------- C-139

    Tensor sumRange(Tensor n) {
        Tensor acc = Tf.constant(0);
        for (Tensor i : Tf.range(n)) {
            acc = acc.add(i);
        }
        return acc;
    }

    Tensor sumJavaRange(int n) {
        Tensor acc = Tf.constant(0);
        for (int i = 0; i < n; i++) {
            traced.add("body");
            acc = acc.add(i);
        }
        return acc;
    }

    Tensor sumList(List<Tensor> items) {
        Tensor acc = Tf.constant(0);
        for (Tensor x : items) {
            acc = acc.add(x);
        }
        return acc;
    }

    @Test
    void c139_forOverTfRangeIsOneLoopAndAJavaRangeUnrolls() {
        PolymorphicFunction staged = Kiln.function(this::sumRange);
        assertEquals(10, staged.call(Tf.constant(5)).intValue());
        assertEquals(45, staged.call(Tf.constant(10)).intValue());
        assertEquals(1, staged.traceCount());
        Graph g = staged.concreteFunctions().get(0).graph();
        assertEquals(1, count(g, "while"));

        PolymorphicFunction unrolled = Kiln.function(this::sumJavaRange);
        assertEquals(10, unrolled.call(5).intValue());
        assertEquals(5, traced.size());
        assertEquals(45, unrolled.call(10).intValue());
        int five = unrolled.concreteFunctions().get(0).graph().nodeCount();
        int ten = unrolled.concreteFunctions().get(1).graph().nodeCount();
        assertEquals(5, count(unrolled.concreteFunctions().get(0).graph(), "add"));
        assertTrue(ten > five);

        PolymorphicFunction overList = Kiln.function(this::sumList);
        List<Tensor> three = List.of(Tf.constant(1), Tf.constant(1), Tf.constant(1));
        List<Tensor> ten1 = java.util.Collections.nCopies(10, Tf.constant(1));
        assertEquals(3, overList.call(three).intValue());
        assertEquals(10, overList.call(ten1).intValue());
        assertNotEquals(overList.concreteFunctions().get(0).graph().nodeCount(),
                overList.concreteFunctions().get(1).graph().nodeCount());

        // The guide's train(dataset) over from_generator of [(1, 1)] * 3 and * 10: one graph, equal node counts.
        PolymorphicFunction overGenerator = Kiln.function(this::train);
        assertEquals(0, overGenerator.call(ones(3)).intValue());
        Graph three3 = overGenerator.concreteFunctions().get(0).graph();
        assertEquals(0, overGenerator.call(ones(10)).intValue());
        assertEquals(1, overGenerator.traceCount());
        PolymorphicFunction again = Kiln.function(this::train);
        again.call(ones(10));
        assertEquals(three3.nodeCount(), again.concreteFunctions().get(0).graph().nodeCount());
        assertEquals(1, count(three3, "while"));
    }

    /** {@code tf.data.Dataset.from_generator} of {@code [(1, 1)] * n}. */
    private static Dataset ones(int n) {
        return Dataset.fromGenerator(() -> java.util.Collections.nCopies(n, List.of(1, 1)).iterator(),
                TensorSpec.of(DType.INT32), TensorSpec.of(DType.INT32));
    }

    // ---------------------------------------------------------------- C-140

    Tensor sumUntilFive(Tensor n) {
        Tensor acc = Tf.constant(0);
        for (Tensor i : Tf.range(n)) {
            if (Tf.equal(i, 5).bool()) {
                break;
            }
            acc = acc.add(i);
        }
        return acc;
    }

    Tensor sumEven(Tensor n) {
        Tensor acc = Tf.constant(0);
        for (Tensor i : Tf.range(n)) {
            if (Tf.equal(Tf.mod(i, 2), 1).bool()) {
                continue;
            }
            acc = acc.add(i);
        }
        return acc;
    }

    Tensor firstSquareAbove20() {
        for (Tensor i : Tf.range(10)) {
            if (Tf.greater(i.mul(i), 20).bool()) {
                return i;
            }
        }
        return Tf.constant(-1);
    }

    @Test
    void c140_breakContinueAndReturnInStagedLoops() {
        PolymorphicFunction brk = Kiln.function(this::sumUntilFive);
        assertEquals(10, brk.call(Tf.constant(10)).intValue());
        assertEquals(3, brk.call(Tf.constant(3)).intValue());
        assertEquals(1, brk.traceCount());
        PolymorphicFunction cont = Kiln.function(this::sumEven);
        assertEquals(20, cont.call(Tf.constant(10)).intValue());
        PolymorphicFunction ret = Kiln.function(this::firstSquareAbove20);
        assertEquals(5, ret.call().intValue());
        assertEquals(1, count(ret.concreteFunctions().get(0).graph(), "while"));
    }

    // ---------------------------------------------------------------- C-141

    Tensor definedInThenOnly(Tensor x) {
        Tensor y = null;
        statementLine = line() + 1;
        if (Tf.greater(x, 0).bool()) {
            y = x.mul(2);
        }
        return y;
    }

    Tensor definedInElseOnly(Tensor x) {
        Tensor y = null;
        statementLine = line() + 1;
        if (Tf.greater(x, 0).bool()) {
            x = x.add(1);
        } else {
            y = x.mul(2);
        }
        return y;
    }

    Tensor definedInThenOnlyJava(int x) {
        Tensor y = null;
        if (x > 0) {
            y = Tf.constant(x * 2);
        }
        return y;
    }

    @Test
    void c141_variableDefinedInOnlyOneBranch() {
        AutographException e = thrown(AutographException.class,
                () -> Kiln.function(this::definedInThenOnly).call(Tf.constant(1)));
        assertTrue(e.getMessage().contains("'y' must also be initialized in the else branch"), e.getMessage());
        assertTrue(e.getMessage().contains("AutographConformanceTest.java:" + statementLine), e.getMessage());
        AutographException other = thrown(AutographException.class,
                () -> Kiln.function(this::definedInElseOnly).call(Tf.constant(1)));
        assertTrue(other.getMessage().contains("'y' must also be initialized in the main branch"), other.getMessage());
        assertTrue(other.getMessage().contains(":" + statementLine + ")"), other.getMessage());
        assertEquals(2, Kiln.function(this::definedInThenOnlyJava).call(1).intValue());
    }

    // ---------------------------------------------------------------- C-142

    Tensor dtypePerBranch(Tensor x) {
        Tensor y;
        statementLine = line() + 1;
        if (Tf.greater(x, 0).bool()) {
            y = Tf.constant(1);
        } else {
            y = Tf.constant(1f);
        }
        return y;
    }

    Tensor noneInMainBranch(Tensor x) {
        Tensor y = x;
        if (Tf.greater(x, 0).bool()) {
            y = null;
        } else {
            y = x.mul(2);
        }
        return y;
    }

    Tensor returnInOneBranch(Tensor x) {
        statementLine = line() + 1;
        if (Tf.greater(x, 0).bool()) {
            return x;
        }
        return null;
    }

    @Test
    void c142_branchOutputsMustAgree() {
        InvalidArgumentException dtype = thrown(InvalidArgumentException.class,
                () -> Kiln.function(this::dtypePerBranch).call(Tf.constant(1)));
        assertTrue(dtype.getMessage().contains("'y' has dtype int32 in the main branch, but dtype float32 in the else branch"),
                dtype.getMessage());
        assertTrue(dtype.getMessage().contains(":" + statementLine + ")"), dtype.getMessage());
        AutographException none = thrown(AutographException.class,
                () -> Kiln.function(this::noneInMainBranch).call(Tf.constant(1)));
        assertTrue(none.getMessage().contains("'y' is None at the end of the main branch"), none.getMessage());
        AutographException ret = thrown(AutographException.class,
                () -> Kiln.function(this::returnInOneBranch).call(Tf.constant(1)));
        assertTrue(ret.getMessage().contains("branch must also have a return statement"), ret.getMessage());
        assertTrue(ret.getMessage().contains(":" + statementLine + ")"), ret.getMessage());
    }

    // ---------------------------------------------------------------- C-143

    Tensor dtypeChangingLoop() {
        Tensor n = Tf.constant(0);
        statementLine = line() + 1;
        while (Tf.less(n, 10).bool()) {
            n = Tf.cast(n, DType.FLOAT32).add(1.0);
        }
        return n;
    }

    @Test
    void c143_loopVariablesMustKeepTheirDtype() {
        InvalidArgumentException e = thrown(InvalidArgumentException.class,
                () -> Kiln.function(this::dtypeChangingLoop).call());
        assertTrue(e.getMessage().contains("'n' has dtype int32 before the loop, but dtype float32 after one iteration"),
                e.getMessage());
        assertTrue(e.getMessage().contains(":" + statementLine + ")"), e.getMessage());
    }

    // ---------------------------------------------------------------- C-144

    Tensor growingLoop() {
        Tensor x = Tf.constant(new int[] {1});
        for (Tensor i : Tf.range(3)) {
            x = Tf.concat(List.of(x, Tf.reshape(i, 1)), 0);
        }
        return x;
    }

    Tensor growingLoopWithInvariant() {
        Tensor x = Tf.constant(new int[] {1});
        for (Tensor i : Tf.range(3)) {
            LoopOptions.shapeInvariant(x, Shape.of(-1));
            x = Tf.concat(List.of(x, Tf.reshape(i, 1)), 0);
        }
        return x;
    }

    Tensor definedInLoop() {
        Tensor x = null;
        for (Tensor i : Tf.range(3)) {
            x = i;
        }
        return x;
    }

    @Test
    void c144_loopVariablesMustKeepTheirShapeUnlessRelaxed() {
        InvalidArgumentException e = thrown(InvalidArgumentException.class,
                () -> Kiln.function(this::growingLoop).call());
        assertTrue(e.getMessage().contains("'x' has shape (1,) before the loop, but shape (2,) after one iteration. Use "
                + "tf.autograph.experimental.set_loop_options to set shape invariants."), e.getMessage());
        Tensor r = Kiln.function(this::growingLoopWithInvariant).call();
        assertArrayEquals(new int[] {1, 0, 1, 2}, r.toIntArray());
        AutographException undefined = thrown(AutographException.class,
                () -> Kiln.function(this::definedInLoop).call());
        assertTrue(undefined.getMessage().contains("'x' must be defined before the loop."), undefined.getMessage());
    }

    // ---------------------------------------------------------------- C-145

    @Function(autograph = false)
    Tensor branchesWithoutAutograph(Tensor x) {
        if (Tf.greater(x, 0).bool()) {
            return x;
        }
        return x.neg();
    }

    Tensor callsUnconvertedHelper(Tensor x) {
        return isPositive(x) ? x : x.neg();
    }

    /** Takes an Object, so autograph does not convert it (only calls with tensors in the signature are). */
    private static boolean isPositive(Object x) {
        return Tf.greater(x, 0).bool();
    }

    @Function(autograph = false)
    Tensor iterateWithoutAutograph(Tensor x) {
        Tensor acc = Tf.constant(0f);
        for (Tensor row : x) {
            acc = acc.add(row);
        }
        return acc;
    }

    @Test
    void c145_tensorUsedAsAJavaBooleanWithoutConversion() {
        OperatorNotAllowedInGraphException disabled = thrown(OperatorNotAllowedInGraphException.class,
                () -> Kiln.function(this::branchesWithoutAutograph).call(Tf.constant(1)));
        assertTrue(disabled.getMessage().startsWith("using a `tf.Tensor` as a Python `bool` is not allowed: AutoGraph is"
                + " disabled in this function. Try decorating it directly with @tf.function."), disabled.getMessage());
        assertTrue(disabled.getMessage().contains("branchesWithoutAutograph"), disabled.getMessage());
        OperatorNotAllowedInGraphException helper = thrown(OperatorNotAllowedInGraphException.class,
                () -> Kiln.function(this::callsUnconvertedHelper).call(Tf.constant(1)));
        assertTrue(helper.getMessage().startsWith("using a `tf.Tensor` as a Python `bool` is not allowed in Graph execution."
                + " Use Eager execution or decorate this function with @tf.function."), helper.getMessage());
        assertTrue(helper.getMessage().contains("isPositive"), helper.getMessage());
        OperatorNotAllowedInGraphException iterating = thrown(OperatorNotAllowedInGraphException.class,
                () -> Kiln.function(this::iterateWithoutAutograph).call(Tf.constant(new float[] {1, 2})));
        assertTrue(iterating.getMessage().contains("Iterating over a symbolic `tf.Tensor` is not allowed"),
                iterating.getMessage());
        // Eagerly all three are plain Java.
        assertEquals(-2, branchesWithoutAutograph(Tf.constant(-2)).neg().intValue());
        assertEquals(3f, iterateWithoutAutograph(Tf.constant(new float[] {1, 2})).floatValue());
    }

    // ---------------------------------------------------------------- C-146

    Tensor conditionTurnsSymbolic(Tensor x) {
        Tensor i = x;
        Tensor c = Kiln.initScope(() -> Tf.constant(true));
        while (c.bool()) {
            i = i.add(1);
            c = Tf.less(i, 3);
        }
        return i;
    }

    @Test
    void c146_loopConditionMayNotSwitchFromJavaToTensor() {
        UnsupportedOperationException e = thrown(UnsupportedOperationException.class,
                () -> Kiln.function(this::conditionTurnsSymbolic).call(Tf.constant(0)));
        assertTrue(e.getMessage().contains("condition of while loop started as non-Tensor, then changed to Tensor"),
                e.getMessage());
    }

    // ---------------------------------------------------------------- C-147

    Tensor cumsum(Tensor x) {
        TensorArray ta = new TensorArray(DType.FLOAT32, Tf.shape(x).slice(Index.at(0)));
        Tensor s = Tf.constant(0f);
        for (Tensor i : Tf.range(Tf.shape(x).slice(Index.at(0)))) {
            s = s.add(Tf.gather(x, i));
            ta = ta.write(i, s);
        }
        return ta.stack();
    }

    @Test
    void c147_tensorArrayAccumulationInAStagedLoop() {
        PolymorphicFunction f = Kiln.function(this::cumsum);
        Tensor x = Tf.constant(new float[] {1, 2, 3});
        Tensor y = f.call(x);
        assertArrayEquals(new float[] {1, 3, 6}, y.toFloatArray(), 1e-6f);
        assertEquals(Shape.of(3), y.shape());
        assertTrue(cumsum(x).valueEquals(y));
        assertEquals(1, f.traceCount());
        Graph g = f.concreteFunctions().get(0).graph();
        assertEquals(1, count(g, "while"));
        assertEquals(1, count(g, "tensor_scatter_update"));
    }

    static Tensor rnnStep(Tensor inp, Tensor state) {
        return inp.add(state);
    }

    /** The guide's dynamic_rnn: the step function is an argument, as in the guide. */
    Tensor dynamicRnn(java.util.function.BinaryOperator<Tensor> rnnStep, Tensor inputData, Tensor initialState) {
        // [batch, time, features] -> [time, batch, features]
        inputData = Tf.transpose(inputData, 1, 0, 2);
        int maxSeqLen = inputData.shape().dim(0);
        TensorArray states = new TensorArray(DType.FLOAT32, maxSeqLen);
        Tensor state = initialState;
        for (Tensor i : Tf.range(maxSeqLen)) {
            state = rnnStep.apply(Tf.gather(inputData, i), state);
            states = states.write(i, state);
        }
        return Tf.transpose(states.stack(), 1, 0, 2);
    }

    @Test
    void c147_dynamicRnnWithATensorArray() {
        java.util.function.BinaryOperator<Tensor> step = AutographConformanceTest::rnnStep;
        Tensor input = Tf.randomUniform(Shape.of(2, 3, 4), 0, 1, 7);
        Tensor initial = Tf.zeros(Shape.of(2, 4));
        PolymorphicFunction f = Kiln.function(this::dynamicRnn);
        // Traced once for an unknown batch size (the step function is a Java value of the trace).
        ConcreteFunction traced = f.concreteFunction(step, TensorSpec.of(DType.FLOAT32, Shape.of(-1, 3, 4)),
                TensorSpec.of(DType.FLOAT32, Shape.of(-1, 4)));
        Tensor out = traced.call(input, initial);
        assertEquals(Shape.of(2, 3, 4), out.shape());
        // Per batch row, the running sum over time.
        float[] in = input.toFloatArray();
        float[] expected = new float[in.length];
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 4; k++) {
                float sum = 0;
                for (int t = 0; t < 3; t++) {
                    sum += in[(b * 3 + t) * 4 + k];
                    expected[(b * 3 + t) * 4 + k] = sum;
                }
            }
        }
        assertArrayEquals(expected, out.toFloatArray(), 1e-6f);
        assertTrue(dynamicRnn(step, input, initial).allClose(out, 1e-6, 1e-6));
        assertEquals(List.of(TensorSpec.of(DType.FLOAT32, Shape.of(-1, 3, 4))), traced.outputSpecs());
        assertEquals(1, count(traced.graph(), "while"));
        // Another batch size runs the same trace.
        Tensor five = traced.call(Tf.ones(Shape.of(5, 3, 4)), Tf.zeros(Shape.of(5, 4)));
        assertEquals(Shape.of(5, 3, 4), five.shape());
        assertArrayEquals(new float[] {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3},
                java.util.Arrays.copyOfRange(five.toFloatArray(), 48, 60), 1e-6f);
        assertEquals(1, f.traceCount());
    }

    // ---------------------------------------------------------------- C-148

    void printJavaList() {
        for (int x : List.of(1, 2, 3)) {
            traced.add("body");
            Tf.print(Tf.constant(x));
        }
    }

    @Test
    void c148_javaContainersInLoopsAreUnrolled() {
        PolymorphicFunction f = Kiln.voidFunction(this::printJavaList);
        assertEquals("1\n2\n3\n", printed(f::call));
        assertEquals("1\n2\n3\n", printed(f::call));
        assertEquals(3, traced.size());
        assertEquals(1, f.traceCount());
    }

    // ---------------------------------------------------------------- C-149

    Tensor train(Dataset dataset) {
        Tensor loss = Tf.constant(0);
        for (Batch b : dataset) {
            loss = loss.add(Tf.abs(b.get(1).sub(b.get(0))));
        }
        return loss;
    }

    @Test
    void c149_forOverADataset() {
        Dataset ds = Dataset.fromTensorSlices(new int[] {1, 2, 3}, new int[] {3, 3, 3});
        PolymorphicFunction f = Kiln.function(this::train);
        assertEquals(3, f.call(ds).intValue());
        Graph g = f.concreteFunctions().get(0).graph();
        assertEquals(1, count(g, "while"));
        assertEquals(1, count(g, "make_iterator"));
        // A dataset of the same element spec (any length) runs the same graph.
        assertEquals(1 + 2 + 3 + 4, f.call(Dataset.fromTensorSlices(new int[] {2, 1, 0, -1, 2}, new int[] {3, 3, 3, 3, 2}))
                .intValue());
        assertEquals(1, f.traceCount());
        assertEquals(3, Kiln.function((FunctionBody.Of1<Dataset, Tensor>) this::train,
                FunctionOptions.defaults().withCompile(false)).call(ds).intValue());
    }

    // ---------------------------------------------------------------- C-150

    Tensor printSign(Tensor x) {
        if (Tf.greater(x, 0).bool()) {
            Tf.print("pos");
        } else {
            Tf.print("neg");
        }
        return x;
    }

    @Test
    void c150_stagedIfWithSideEffectingBranches() {
        PolymorphicFunction f = Kiln.function(this::printSign);
        assertEquals("pos\n", printed(() -> f.call(Tf.constant(1))));
        assertEquals("neg\n", printed(() -> f.call(Tf.constant(-1))));
        assertEquals(1, f.traceCount());
        assertEquals(1, count(f.concreteFunctions().get(0).graph(), "cond"));
    }

    // ---------------------------------------------------------------- C-151

    @Test
    void c151_toCodeOfTheWhileLoop() throws NoSuchMethodException {
        String code = dev.kiln.autograph.Autograph.toCode(
                AutographConformanceTest.class.getDeclaredMethod("tanhUntilSmall", Tensor.class));
        assertTrue(code.startsWith("def tf__tanhUntilSmall(self, x):\n"), code);
        assertTrue(code.contains("ag__.while_stmt(loop_test_1, loop_body_1, get_state_1, set_state_1, ('x',), {})"), code);
        assertTrue(code.contains("def loop_body_1():"), code);
        assertTrue(code.contains("def loop_test_1():"), code);
        assertTrue(code.contains("nonlocal x"), code);
        assertTrue(code.contains("ag__.converted_call("), code);
        assertTrue(code.contains("do_return = True"), code);
        assertTrue(code.contains("retval_ = ag__.ld(x)"), code);
        assertTrue(code.contains("return fscope.ret(retval_, do_return)"), code);
        assertFalse(code.contains("ALOAD"), code);
    }
}
