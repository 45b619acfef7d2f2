package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.kiln.data.Batch;
import dev.kiln.data.Dataset;
import dev.kiln.ir.DType;
import dev.kiln.ir.Node;
import dev.kiln.ir.Shape;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md section D (tf.function: tracing and retracing), one test per case. Trace-time Java side
 * effects go to a list ("the trace stream"); {@link Tf#print} output is captured from standard output
 * ("the execution stream").
 */
class TfFunctionConformanceTest {
    private final List<String> traced = new ArrayList<>();

    // ---------------------------------------------------------------- C-105

    @Test
    void c105_cubeGraphsAlwaysReturnTensors() {
        PolymorphicFunction tfCube = Kiln.function((Object x) -> Tf.pow(x, 3));
        Tensor fromInt = tfCube.call(2);
        assertEquals(DType.INT32, fromInt.dtype());
        assertEquals(Shape.scalar(), fromInt.shape());
        assertEquals(8, fromInt.intValue());
        Tensor fromFloat = tfCube.call(Tf.constant(2f));
        assertEquals(DType.FLOAT32, fromFloat.dtype());
        assertEquals(8f, fromFloat.floatValue());
        // python_function: the method as written, run eagerly.
        Tensor original = (Tensor) tfCube.original().invoke(2);
        assertTrue(original.isConcrete());
        assertEquals(8, original.intValue());
    }

    @Test
    void c105_javaIntReturnedFromAGraphIsAnInt32Tensor() {
        PolymorphicFunction constant = Kiln.function(() -> 8);
        Tensor r = constant.call();
        assertEquals(DType.INT32, r.dtype());
        assertEquals(8, r.intValue());
    }

    // ---------------------------------------------------------------- C-106

    Tensor doubleIt(Tensor a) {
        traced.add("Tracing with " + a);
        return a.add(a);
    }

    @Test
    void c106_oneTracePerInputDtype() {
        // Kiln has no string dtype: int64 stands in for TensorFlow's strings ("a", "b").
        PolymorphicFunction dbl = Kiln.function(this::doubleIt);
        Tensor i = dbl.call(Tf.constant(1));
        Tensor f = dbl.call(Tf.constant(1.1f));
        Tensor a = dbl.call(Tf.constant(1L));
        Tensor b = dbl.call(Tf.constant(2L));
        assertEquals(List.of("Tracing with Tensor(\"a:0\", shape=(), dtype=int32)",
                "Tracing with Tensor(\"a:0\", shape=(), dtype=float32)",
                "Tracing with Tensor(\"a:0\", shape=(), dtype=int64)"), traced);
        assertEquals(DType.INT32, i.dtype());
        assertEquals(2, i.intValue());
        assertEquals(DType.FLOAT32, f.dtype());
        assertEquals(2.2f, f.floatValue(), 1e-6);
        assertEquals(2L, a.longValue());
        assertEquals(4L, b.longValue());
        assertEquals(3, dbl.traceCount());
        String sigs = dbl.prettyPrintedConcreteSignatures();
        assertTrue(sigs.contains("doubleIt(a)\n  Args:\n    a: int32 Tensor, shape=()\n  Returns:\n    int32 Tensor, shape=()"),
                sigs);
        assertEquals(3, sigs.split("\n\n").length);
    }

    // ---------------------------------------------------------------- C-107

    @Test
    void c107_javaScalarsTracePerValueAndTfPrintRunsEveryCall() {
        PolymorphicFunction f = Kiln.function((Object x) -> {
            traced.add("Traced with " + x);
            Tf.print("Executed with", x);
            return null;
        });
        try (StdoutCapture out = new StdoutCapture()) {
            assertNull(f.call(1));
            f.call(1);
            f.call(2);
            assertEquals("Executed with 1\nExecuted with 1\nExecuted with 2\n", out.text());
        }
        assertEquals(List.of("Traced with 1", "Traced with 2"), traced);
        assertEquals(2, f.traceCount());
    }

    // ---------------------------------------------------------------- C-108

    Object train(Object num_steps) {
        traced.add("Tracing with num_steps =  " + num_steps);
        Tf.print("Executing with num_steps = ", num_steps);
        // tf.range of a Java int or of a tensor: a staged loop either way (the int is part of the trace key).
        Tensor limit = num_steps instanceof Tensor t ? t : Tf.constant((Integer) num_steps);
        for (Tensor i : Tf.range(limit)) {
            Tf.identity(i);
        }
        return null;
    }

    @Test
    void c108_javaIntsVersusTensorsAsLoopBounds() {
        PolymorphicFunction f = Kiln.function(this::train);
        try (StdoutCapture out = new StdoutCapture()) {
            f.call(10);
            f.call(20);
            f.call(Tf.constant(10));
            f.call(Tf.constant(20));
            assertEquals("Executing with num_steps =  10\nExecuting with num_steps =  20\n"
                    + "Executing with num_steps =  10\nExecuting with num_steps =  20\n", out.text());
        }
        assertEquals(List.of("Tracing with num_steps =  10", "Tracing with num_steps =  20",
                "Tracing with num_steps =  Tensor(\"num_steps:0\", shape=(), dtype=int32)"), traced);
        assertEquals(3, f.traceCount());
    }

    // ---------------------------------------------------------------- C-109

    @Test
    void c109_shapesParticipateInTheTraceType() {
        PolymorphicFunction f = Kiln.function((Tensor x) -> x.mul(2));
        assertArrayEquals(new float[] {2}, f.call(Tf.constant(new float[] {1})).toFloatArray());
        assertArrayEquals(new float[] {4}, f.call(Tf.constant(new float[] {2})).toFloatArray());
        assertEquals(1, f.traceCount());
        f.call(Tf.constant(new float[] {1, 2}));
        assertEquals(2, f.traceCount());
        f.call(Tf.constant(new float[][] {{1}}));
        assertEquals(3, f.traceCount());
        assertArrayEquals(new int[] {2}, f.call(Tf.constant(new int[] {1})).toIntArray());
        assertEquals(4, f.traceCount());
        f.call(Tf.constant(new float[] {7}));
        assertEquals(4, f.traceCount());
    }

    // ---------------------------------------------------------------- C-110

    @Test
    void c110_javaSideEffectsHappenOnlyWhenTracing() {
        List<Object> externalList = new ArrayList<>();
        PolymorphicFunction sideEffect = Kiln.function((Object x) -> {
            traced.add("Python side effect");
            externalList.add(x);
            return null;
        });
        sideEffect.call(1);
        sideEffect.call(1);
        sideEffect.call(1);
        assertEquals(List.of("Python side effect"), traced);
        assertEquals(1, externalList.size());
    }

    // ---------------------------------------------------------------- C-111

    static final class CountingModel {
        final Variable v = Tf.variable(0);
        int counter;
        final boolean initScope;

        CountingModel(boolean initScope) {
            this.initScope = initScope;
        }

        @Function
        Variable call() {
            if (counter == 0) {
                counter++;
                if (initScope) {
                    Kiln.initScope(() -> v.assignAdd(1));
                } else {
                    v.assignAdd(1);
                }
            }
            return v;
        }
    }

    @Test
    void c111_javaConditionsOnJavaStateAreFrozenInTheGraph() {
        CountingModel m = new CountingModel(false);
        PolymorphicFunction f = Kiln.function(m::call);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            values.add(f.call().intValue());
        }
        assertEquals(List.of(1, 2, 3), values);
    }

    @Test
    void c111_initScopeLiftsTheUpdateOutOfTheGraph() {
        CountingModel m = new CountingModel(true);
        PolymorphicFunction f = Kiln.function(m::call);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            values.add(f.call().intValue());
        }
        assertEquals(List.of(1, 1, 1), values);
    }

    // ---------------------------------------------------------------- C-112

    @Test
    void c112_closuresAreCapturedAtTraceTime() {
        int[] foo = {1};
        PolymorphicFunction buggyAdd = Kiln.function(() -> Tf.add(1, foo[0]));
        PolymorphicFunction recommendedAdd = Kiln.function((Object x) -> Tf.add(1, x));
        assertEquals(2, buggyAdd.call().intValue());
        assertEquals(2, recommendedAdd.call(foo[0]).intValue());
        foo[0] = 100;
        assertEquals(2, buggyAdd.call().intValue());
        assertEquals(101, recommendedAdd.call(foo[0]).intValue());
        assertEquals(1, buggyAdd.traceCount());
        assertEquals(2, recommendedAdd.traceCount());
    }

    @Test
    void c112_variablesAreCapturedByReference() {
        Variable foo = Tf.variable(1);
        PolymorphicFunction variableAdd = Kiln.function(() -> Tf.add(1, foo));
        assertEquals(2, variableAdd.call().intValue());
        foo.assign(100);
        assertEquals(101, variableAdd.call().intValue());
        assertEquals(1, variableAdd.traceCount());
    }

    @Test
    void c112_eagerTensorsAreCapturedByValue() {
        Tensor[] c = {Tf.constant(1f)};
        PolymorphicFunction h = Kiln.function((Object x) -> Tf.add(x, c[0]));
        assertEquals(2f, h.call(1f).floatValue());
        c[0] = Tf.constant(5f);
        assertEquals(2f, h.call(1f).floatValue());
        assertEquals(1, h.traceCount());
    }

    // ---------------------------------------------------------------- C-113

    static final class SimpleModel {
        float bias;
        float weight = 2f;
    }

    static final class VariableModel {
        final Variable bias = Tf.variable(0f);
        final Variable weight = Tf.variable(2f);
    }

    @Test
    void c113_objectArgumentsAreMatchedByIdentity() {
        PolymorphicFunction evaluate = Kiln.function((SimpleModel model, Tensor x) -> x.mul(model.weight).add(model.bias));
        SimpleModel simpleModel = new SimpleModel();
        Tensor x = Tf.constant(10f);
        assertEquals(20f, evaluate.call(simpleModel, x).floatValue());
        simpleModel.bias += 5f;
        assertEquals(20f, evaluate.call(simpleModel, x).floatValue());
        assertEquals(1, evaluate.traceCount());
    }

    @Test
    void c113_variableAttributesAreSeen() {
        FunctionBody.Of2<VariableModel, Tensor, Tensor> body = (model, x) -> model.weight.mul(x).add(model.bias);
        PolymorphicFunction evaluate = Kiln.function(body);
        VariableModel model = new VariableModel();
        Tensor x = Tf.constant(10f);
        assertEquals(20f, evaluate.call(model, x).floatValue());
        model.bias.assignAdd(5f);
        assertEquals(25f, evaluate.call(model, x).floatValue());
        VariableModel newModel = new VariableModel();
        newModel.bias.assignAdd(5f);
        ConcreteFunction fresh = Kiln.function(body).concreteFunction(newModel, x);
        assertEquals(25f, fresh.call(x).floatValue());
    }

    // ---------------------------------------------------------------- C-114

    @Function(inputSignature = "i32[?]")
    Tensor nextCollatz(Tensor x) {
        traced.add("Tracing with " + x);
        return Tf.where(Tf.equal(Tf.mod(x, 2), 0), Tf.floordiv(x, 2), Tf.add(Tf.mul(3, x), 1));
    }

    @Test
    void c114_inputSignaturePinsDtypeAndShape() {
        PolymorphicFunction f = Kiln.function(this::nextCollatz);
        Tensor r = f.call(Tf.constant(new int[] {1, 2}));
        assertEquals(DType.INT32, r.dtype());
        assertArrayEquals(new int[] {4, 1}, r.toIntArray());
        assertEquals(List.of("Tracing with Tensor(\"x:0\", shape=(None,), dtype=int32)"), traced);

        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> f.call(Tf.constant(new int[][] {{1, 2}, {3, 4}})));
        assertTrue(rank.getMessage().contains("inputs incompatible with input_signature"), rank.getMessage());
        assertTrue(rank.getMessage().contains("TensorSpec(shape=(None,), dtype=tf.int32, name=None)"), rank.getMessage());
        assertTrue(rank.getMessage().contains("TensorSpec(shape=(2, 2), dtype=tf.int32, name=None)"), rank.getMessage());

        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                () -> f.call(Tf.constant(new float[] {1, 2})));
        assertTrue(dtype.getMessage().contains("inputs incompatible with input_signature"), dtype.getMessage());
        assertTrue(dtype.getMessage().contains("TensorSpec(shape=(2,), dtype=tf.float32, name=None)"), dtype.getMessage());
        assertEquals(1, f.traceCount());

        // Java values that convert to the spec are accepted.
        assertArrayEquals(new int[] {4, 1}, f.call(List.of(1, 2)).toIntArray());
        assertEquals(1, f.traceCount());
    }

    // ---------------------------------------------------------------- C-115

    @Test
    void c115_unknownDimensionsAvoidRetracing() {
        // A lambda's parameters have no names at run time; the spec's name stands in.
        PolymorphicFunction g = Kiln.function((Tensor x) -> {
            traced.add("Tracing with " + x);
            return x;
        }).withInputSignature(TensorSpec.of(DType.INT32, Shape.UNKNOWN).withName("x"));
        assertArrayEquals(new int[] {1, 2, 3}, g.call(Tf.constant(new int[] {1, 2, 3})).toIntArray());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, g.call(Tf.constant(new int[] {1, 2, 3, 4, 5})).toIntArray());
        assertEquals(1, g.traceCount());
        assertEquals(List.of("Tracing with Tensor(\"x:0\", shape=(None,), dtype=int32)"), traced);
    }

    // ---------------------------------------------------------------- C-116

    @Test
    void c116_reduceRetracingGeneralizesShapes() {
        PolymorphicFunction g = Kiln.function((Tensor x) -> {
            traced.add("Tracing with " + x);
            return x;
        });
        PolymorphicFunction relaxed = g.withOptions(g.options().withReduceRetracing(true));
        List<Integer> counts = new ArrayList<>();
        for (Tensor x : fourShapes()) {
            assertTrue(relaxed.call(x).valueEquals(x));
            counts.add(relaxed.traceCount());
        }
        assertEquals(List.of(1, 2, 2, 3), counts);
        assertEquals(List.of("Tracing with Tensor(\"arg0:0\", shape=(3,), dtype=int32)",
                "Tracing with Tensor(\"arg0:0\", shape=(None,), dtype=int32)",
                "Tracing with Tensor(\"arg0:0\", shape=<unknown>, dtype=int32)"), traced);

        List<Integer> plain = new ArrayList<>();
        for (Tensor x : fourShapes()) {
            g.call(x);
            plain.add(g.traceCount());
        }
        assertEquals(List.of(1, 2, 3, 4), plain);
    }

    private static List<Tensor> fourShapes() {
        return List.of(Tf.constant(new int[] {1, 2, 3}), Tf.constant(new int[] {1, 2, 3, 4, 5}), Tf.constant(new int[] {1, 2}),
                Tf.constant(new int[][] {{1, 2}, {3, 4}}));
    }

    // ---------------------------------------------------------------- C-117

    @Test
    void c117_newFunctionObjectsNeverShareTraces() {
        FunctionBody.Void0 f = () -> {
            traced.add("Tracing!");
            Tf.print("Executing");
        };
        try (StdoutCapture out = new StdoutCapture()) {
            Kiln.voidFunction(f).call();
            Kiln.voidFunction(f).call();
            assertEquals("Executing\nExecuting\n", out.text());
        }
        assertEquals(List.of("Tracing!", "Tracing!"), traced);
    }

    // ---------------------------------------------------------------- C-118

    Tensor doubleQuiet(Tensor a) {
        return a.add(a);
    }

    @Test
    void c118_concreteFunctions() {
        // int64 stands in for TensorFlow's strings.
        PolymorphicFunction dbl = Kiln.function(this::doubleQuiet);
        ConcreteFunction doubleLongs = dbl.concreteFunction(Tf.constant(1L));
        assertEquals(1, dbl.traceCount());
        assertEquals(2L, doubleLongs.call(Tf.constant(1L)).longValue());
        assertEquals(4L, doubleLongs.call(Tf.constant(2L)).longValue());
        assertEquals(6L, dbl.concreteFunction(TensorSpec.of(DType.INT64, Shape.scalar())).call(Tf.constant(3L)).longValue());
        assertEquals(1, dbl.traceCount());
        assertThrows(InvalidArgumentException.class, () -> doubleLongs.call(Tf.constant(1)));

        assertEquals(List.of(TensorSpec.of(DType.INT64, Shape.scalar()).withName("a")), doubleLongs.inputSignature());
        assertEquals("TensorSpec(shape=(), dtype=tf.int64, name='a')", doubleLongs.inputSignature().get(0).toString());
        assertEquals(List.of(TensorSpec.of(DType.INT64, Shape.scalar())), doubleLongs.outputSpecs());
        assertEquals("a", doubleLongs.graph().params().get(0).nameHint());
        assertEquals(List.of("add"), doubleLongs.graph().body().nodes().stream().map(n -> n.op().name()).toList());
        Node add = doubleLongs.graph().body().nodes().get(0);
        assertEquals(List.of(doubleLongs.graph().params().get(0), doubleLongs.graph().params().get(0)), add.operands());

        // Java arguments are frozen into the concrete function.
        PolymorphicFunction pow = Kiln.function((Tensor a, Object b) -> Tf.pow(a, b));
        ConcreteFunction square = pow.concreteFunction(TensorSpec.of(DType.FLOAT32, Shape.unknownRank()), 2);
        assertEquals(100f, square.call(Tf.constant(10f)).floatValue());
        assertThrows(IllegalArgumentException.class, () -> square.call(Tf.constant(10f), 3));
    }

    // ---------------------------------------------------------------- C-119

    @Test
    void c119_variablesMayOnlyBeCreatedOnTheFirstTrace() {
        PolymorphicFunction f = Kiln.function((Object x) -> Tf.variable(1f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.call(1f));
        assertTrue(e.getMessage().startsWith("tf.function only supports singleton tf.Variables created on the first call."
                + " Make sure the tf.Variable is only created once or created outside tf.function."), e.getMessage());
    }

    static final class Count {
        Variable count;

        @Function
        Variable call() {
            if (count == null) {
                count = Tf.variable(0);
            }
            return count.assignAdd(1);
        }
    }

    @Test
    void c119_lazilyCreatedVariableWorks() {
        Count c = new Count();
        PolymorphicFunction f = Kiln.function(c::call);
        assertEquals(1, f.call().intValue());
        assertEquals(2, f.call().intValue());
        assertEquals(2, c.count.intValue());
    }

    // ---------------------------------------------------------------- C-120

    @Test
    void c120_recursionWithJavaIntsTracesPerValue() {
        PolymorphicFunction[] self = new PolymorphicFunction[1];
        self[0] = Kiln.function((Integer n) -> {
            if (n > 0) {
                traced.add("tracing");
                return self[0].call(n - 1);
            }
            return 1;
        });
        try (LogCapture log = new LogCapture()) {
            Tensor r = self[0].call(5);
            assertEquals(DType.INT32, r.dtype());
            assertEquals(1, r.intValue());
            assertEquals(6, self[0].traceCount());
            assertEquals(5, traced.size());
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("triggered tf.function retracing")), log.warnings()
                    .toString());
        }
    }

    @Test
    void c120_recursionOnATensorConditionNeverEnds() {
        PolymorphicFunction[] self = new PolymorphicFunction[1];
        self[0] = Kiln.function((FunctionBody.Of1<Tensor, Tensor>) n -> {
            if (Tf.greater(n, 0).bool()) {
                return self[0].call(n.sub(1));
            }
            return Tf.constant(1);
        }, FunctionOptions.defaults());
        // Both branches are traced, so the trace recurses without end; Python stops at its recursion limit.
        TfRuntimeException e = assertThrows(TfRuntimeException.class, () -> self[0].call(Tf.constant(5)));
        assertTrue(e.getMessage().contains("maximum recursion depth exceeded"), e.getMessage());
    }

    // ---------------------------------------------------------------- C-121

    @Test
    void c121_retracingWarning() {
        PolymorphicFunction f = Kiln.function((Object x) -> x);
        try (LogCapture log = new LogCapture()) {
            for (int i = 1; i <= 4; i++) {
                f.call(i);
            }
            assertEquals(List.of(), log.warnings());
            f.call(5);
            assertEquals(1, log.warnings().size());
            assertTrue(log.warnings().get(0).startsWith("5 out of the last 5 calls to lambda triggered tf.function retracing."
                    + " Tracing is expensive and the excessive number of tracings could be due to (1) creating"
                    + " @tf.function repeatedly in a loop, (2) passing tensors with different shapes, (3) passing Python"
                    + " objects instead of tensors."), log.warnings().get(0));
            assertTrue(log.warnings().get(0).contains("arg0: Integer 4 -> Integer 5"), log.warnings().get(0));
            f.call(6);
            assertEquals(2, log.warnings().size());
            assertTrue(log.warnings().get(1).startsWith("6 out of the last 6 calls"), log.warnings().get(1));
            f.call(7);
            assertEquals(2, log.warnings().size());
        }
    }

    @Test
    void c121_callsThatDoNotTraceNeverWarnAndDiluteTheHistory() {
        PolymorphicFunction f = Kiln.function((Object x) -> x);
        try (LogCapture log = new LogCapture()) {
            for (int i = 1; i <= 4; i++) {
                f.call(i);
                for (int k = 0; k < 3; k++) {
                    f.call(i);
                }
            }
            f.call(5); // 5 traces, but the first ones are more than 10 calls back
            assertEquals(List.of(), log.warnings());
        }
    }

    @Test
    void c121_functionsRecreatedInALoopShareTheDetector() {
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 5; i++) {
                Kiln.function((Tensor x) -> x).call(Tf.constant(i));
            }
            assertEquals(1, log.warnings().size());
            assertTrue(log.warnings().get(0).startsWith("5 out of the last 5 calls"), log.warnings().get(0));
        }
    }

    // ---------------------------------------------------------------- C-122

    @Test
    void c122_traceCountIsObservable() {
        PolymorphicFunction h = Kiln.function((Object x) -> x);
        assertEquals(0, h.traceCount());
        h.call(Tf.constant(1));
        assertEquals(1, h.traceCount());
        h.call(Tf.constant(2));
        assertEquals(1, h.traceCount());
        h.call(Tf.constant(1f));
        assertEquals(2, h.traceCount());
        h.call(3);
        assertEquals(3, h.traceCount());
        h.call(3);
        assertEquals(3, h.traceCount());
    }

    // ---------------------------------------------------------------- C-123

    @Test
    void c123_nestedContainersInTheSignature() {
        PolymorphicFunction f = Kiln.function((Object x) -> null);
        f.call(List.of(1, 2));
        f.call(List.of(2, 1));
        assertEquals(2, f.traceCount());
        Map<Integer, Integer> a = new LinkedHashMap<>();
        a.put(1, 2);
        a.put(3, 4);
        Map<Integer, Integer> b = new LinkedHashMap<>();
        b.put(3, 4);
        b.put(1, 2);
        f.call(a);
        f.call(b);
        assertEquals(3, f.traceCount());
        f.call(List.of(Tf.constant(1f), Tf.constant(2f)));
        f.call(List.of(Tf.constant(3f), Tf.constant(4f)));
        assertEquals(4, f.traceCount());
        f.call(List.of(Tf.constant(1f), Tf.constant(2f), Tf.constant(3f)));
        assertEquals(5, f.traceCount());
    }

    // ---------------------------------------------------------------- C-124

    @Test
    void c124_variablesAsArguments() {
        PolymorphicFunction f = Kiln.function((Variable v) -> v.readValue());
        Variable v1 = Tf.variable(1f);
        Variable v2 = Tf.variable(2f);
        assertEquals(1f, f.call(v1).floatValue());
        assertEquals(1f, f.call(v1).floatValue());
        assertEquals(1, f.traceCount());
        assertEquals(2f, f.call(v2).floatValue());
        assertEquals(2, f.traceCount());
        v1.assign(5f);
        assertEquals(5f, f.call(v1).floatValue());
        assertEquals(2, f.traceCount());
    }

    // ---------------------------------------------------------------- C-125

    @Test
    void c125_nestedFunctions() {
        PolymorphicFunction add = Kiln.function((Tensor a, Tensor b) -> a.add(b));
        PolymorphicFunction denseLayer = Kiln.function((Tensor x, Tensor w, Tensor b) -> add.call(Tf.matmul(x, w), b));
        Tensor r = denseLayer.call(Tf.ones(Shape.of(3, 2)), Tf.ones(Shape.of(2, 2)), Tf.ones(Shape.of(2)));
        assertArrayEquals(new float[] {3, 3, 3, 3, 3, 3}, r.toFloatArray());
        assertEquals(Shape.of(3, 2), r.shape());
        Tensor s = add.call(Tf.ones(Shape.of(2, 2)), Tf.ones(Shape.of(2, 2)));
        assertArrayEquals(new float[] {2, 2, 2, 2}, s.toFloatArray());
        // The inner function's graph is inlined: the outer graph has no call node, just matmul and add.
        List<String> ops = denseLayer.concreteFunctions().get(0).graph().body().nodes().stream()
                .map(n -> n.op().name()).toList();
        assertEquals(List.of("matmul", "add"), ops);
    }

    // ---------------------------------------------------------------- C-126

    static Tensor aRegularFunction(Tensor x, Tensor y, Tensor b) {
        return Tf.matmul(x, y).add(b);
    }

    @Test
    void c126_graphAndEagerGiveIdenticalResults() {
        Tensor x1 = Tf.constant(new float[][] {{1, 2}});
        Tensor y1 = Tf.constant(new float[][] {{2}, {3}});
        Tensor b1 = Tf.constant(4f);
        Tensor eager = aRegularFunction(x1, y1, b1);
        Tensor graph = Kiln.function(TfFunctionConformanceTest::aRegularFunction).call(x1, y1, b1);
        assertTrue(eager.valueEquals(graph));
        assertArrayEquals(new float[] {12}, graph.toFloatArray());

        PolymorphicFunction outer = Kiln.function((Tensor x) -> {
            Tensor y = Tf.constant(new float[][] {{2}, {3}});
            Tensor b = Tf.constant(4f);
            return aRegularFunction(x, y, b);
        });
        assertArrayEquals(new float[] {12}, outer.call(x1).toFloatArray());
    }

    // ---------------------------------------------------------------- C-127

    @Test
    void c127_polymorphicRelu() {
        PolymorphicFunction myRelu = Kiln.function((Object x) -> Tf.maximum(0f, x));
        assertEquals(5.5f, myRelu.call(Tf.constant(5.5f)).floatValue());
        Tensor fromList = myRelu.call(List.of(1, -1));
        assertEquals(DType.FLOAT32, fromList.dtype());
        assertArrayEquals(new float[] {1, 0}, fromList.toFloatArray());
        assertArrayEquals(new float[] {3, 0}, myRelu.call(Tf.constant(new float[] {3, -3})).toFloatArray());
        assertEquals(0f, myRelu.call(Tf.constant(-2.5f)).floatValue());
        assertArrayEquals(new float[] {0, 1}, myRelu.call(Tf.constant(new float[] {-1, 1})).toFloatArray());
        assertEquals(3, myRelu.traceCount());
    }

    // ---------------------------------------------------------------- C-128

    @Test
    void c128_javaSideEffectVersusTensorArguments() {
        PolymorphicFunction f = Kiln.function((Object x) -> {
            traced.add("Tracing!");
            return Tf.add(Tf.mul(x, x), Tf.constant(2));
        });
        assertEquals(6, f.call(Tf.constant(2)).intValue());
        assertEquals(1, traced.size());
        assertEquals(11, f.call(Tf.constant(3)).intValue());
        assertEquals(1, traced.size());
        assertEquals(6, f.call(2).intValue());
        assertEquals(2, traced.size());
        assertEquals(11, f.call(3).intValue());
        assertEquals(3, traced.size());
    }

    // ---------------------------------------------------------------- C-129

    @Test
    void c129_runFunctionsEagerly() {
        PolymorphicFunction getMse = Kiln.function((Tensor yTrue, Tensor yPred) -> {
            traced.add("Calculating MSE!");
            return Tf.reduceMean(Tf.pow(yTrue.sub(yPred), 2));
        });
        Tensor yTrue = Tf.constant(new int[] {1, 2, 3, 4, 5});
        Tensor yPred = Tf.constant(new int[] {1, 1, 1, 1, 1});
        List<Tensor> graphResults = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            graphResults.add(getMse.call(yTrue, yPred));
        }
        assertEquals(1, traced.size());
        try {
            Kiln.runFunctionsEagerly(true);
            for (int i = 0; i < 3; i++) {
                assertTrue(getMse.call(yTrue, yPred).valueEquals(graphResults.get(i)));
            }
            assertEquals(4, traced.size());
        } finally {
            Kiln.runFunctionsEagerly(false);
        }
        getMse.call(yTrue, yPred);
        assertEquals(4, traced.size());
        assertEquals(6, graphResults.get(0).intValue());
        assertEquals(1, getMse.traceCount());
    }

    // ---------------------------------------------------------------- C-130

    @Test
    void c130_leakedTensors() {
        Tensor[] x = new Tensor[1];
        PolymorphicFunction leaky = Kiln.function((Tensor a) -> {
            x[0] = a.add(1);
            return a.add(2);
        });
        assertEquals(3, leaky.call(Tf.constant(1)).intValue());
        assertNotNull(x[0]);
        assertFalse(x[0].isConcrete());
        IllegalStateException read = assertThrows(IllegalStateException.class, () -> x[0].intValue());
        assertInstanceOf(SymbolicValueException.class, read);
        assertThrows(IllegalStateException.class, () -> x[0].toIntArray());

        PolymorphicFunction captures = Kiln.function((Tensor b) -> b.add(x[0]));
        IllegalArgumentException inGraph = assertThrows(IllegalArgumentException.class, () -> captures.call(Tf.constant(1)));
        assertTrue(inGraph.getMessage().contains("leaked"), inGraph.getMessage());

        PolymorphicFunction identity = Kiln.function((Tensor b) -> b);
        IllegalArgumentException asArgument = assertThrows(IllegalArgumentException.class, () -> identity.call(x[0]));
        assertTrue(asArgument.getMessage().contains("leaked"), asArgument.getMessage());
    }

    // ---------------------------------------------------------------- C-131

    @Test
    void c131_javaIteratorsRunAtTraceTimeOnly() {
        PolymorphicFunction buggyConsumeNext = Kiln.function((Iterator<?> iterator) -> {
            Tf.print("Value:", iterator.next());
            return null;
        });
        Iterator<Integer> iterator = List.of(1, 2, 3).iterator();
        try (StdoutCapture out = new StdoutCapture()) {
            for (int i = 0; i < 3; i++) {
                buggyConsumeNext.call(iterator);
            }
            assertEquals("Value: 1\nValue: 1\nValue: 1\n", out.text());
        }
        assertEquals(1, buggyConsumeNext.traceCount());
    }

    @Test
    void c131_aDatasetIteratorIsReadWhenTheFunctionRuns() {
        PolymorphicFunction consumeNext = Kiln.function((Iterator<Batch> iterator) -> {
            Tf.print("Value:", iterator.next().get(0));
            return null;
        });
        Iterator<Batch> iterator = Dataset.fromTensorSlices(new int[] {1, 2, 3}).iterator();
        try (StdoutCapture out = new StdoutCapture()) {
            for (int i = 0; i < 3; i++) {
                consumeNext.call(iterator);
            }
            assertEquals("Value: 1\nValue: 2\nValue: 3\n", out.text());
        }
        assertEquals(1, consumeNext.traceCount());
        // The fourth read is past the end: TensorFlow's OutOfRangeError.
        OutOfRangeException end = assertThrows(OutOfRangeException.class, () -> consumeNext.call(iterator));
        assertTrue(end.getMessage().startsWith("End of sequence"), end.getMessage());
        // Another iterator of the same element spec runs the same trace, from its own first element.
        try (StdoutCapture out = new StdoutCapture()) {
            consumeNext.call(Dataset.fromTensorSlices(new int[] {7, 8}).iterator());
            assertEquals("Value: 7\n", out.text());
        }
        assertEquals(1, consumeNext.traceCount());
    }

    // ---------------------------------------------------------------- C-132

    static Tensor unusedReturn(Tensor x) {
        Tf.gather(x, new int[] {1});
        return x;
    }

    @Test
    void c132_unusedOpsArePruned() {
        Tensor x = Tf.constant(new float[] {0});
        InvalidArgumentException eager = assertThrows(InvalidArgumentException.class, () -> unusedReturn(x));
        assertTrue(eager.getMessage().contains("indices[0] = 1 is not in [0, 1)"), eager.getMessage());
        PolymorphicFunction graph = Kiln.function(TfFunctionConformanceTest::unusedReturn);
        assertArrayEquals(new float[] {0}, graph.call(x).toFloatArray());
        assertEquals(0, graph.concreteFunctions().get(0).graph().nodeCount());
    }

    // ---------------------------------------------------------------- C-133

    @Test
    void c133_statefulOpsAlwaysRunInProgramOrder() {
        Variable v = Tf.variable(0);
        PolymorphicFunction inc = Kiln.function(() -> {
            v.assignAdd(1);
            v.assignAdd(2);
            return v.readValue();
        });
        assertEquals(3, inc.call().intValue());
        assertEquals(6, inc.call().intValue());
        assertEquals(6, v.intValue());
        List<String> ops = inc.concreteFunctions().get(0).graph().body().nodes().stream()
                .map(n -> n.op().name()).filter(n -> !n.equals("constant")).toList();
        assertEquals(List.of("assign_add", "assign_add", "read_variable"), ops);
    }

    @Test
    void c133_unusedPrintStillRuns() {
        Variable v = Tf.variable(0);
        PolymorphicFunction f = Kiln.voidFunction(() -> {
            v.assignAdd(1);
            Tf.print("v is", v);
        });
        try (StdoutCapture out = new StdoutCapture()) {
            f.call();
            f.call();
            assertEquals("v is 1\nv is 2\n", out.text());
        }
    }
}
