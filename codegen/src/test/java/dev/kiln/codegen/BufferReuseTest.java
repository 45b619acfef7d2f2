package dev.kiln.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.codegen.Differential.Tolerance;
import dev.kiln.ir.DType;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.text.IrParser;
import dev.kiln.runtime.Interpreter;
import dev.kiln.runtime.VariableSlot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Intermediate buffers reused across calls: results stay valid after later calls, every escape route
 * (results, variables, views, print, control flow) gets its own array, concurrent calls do not share
 * buffers, and compiled graphs still compute what the interpreter does.
 */
class BufferReuseTest {
    private static final Tolerance F32 = new Tolerance(1e-5, 1e-6);

    /** A random float32 tensor of the given dimensions. */
    private static Literal random(Random rnd, int... dims) {
        return Differential.random(new TensorType(DType.FLOAT32, Shape.of(dims)), rnd);
    }

    /** Calls {@code c} on several argument lists, holding every result, then checks all against the interpreter. */
    private static void repeatedCallsKeepTheirResults(Graph g, CompiledGraph c, List<List<Object>> argLists) {
        List<List<Object>> held = new ArrayList<>();
        List<List<Object>> copies = new ArrayList<>();
        for (List<Object> args : argLists) {
            List<Object> out = c.call(args);
            held.add(out);
            copies.add(out.stream().map(BufferReuseTest::copy).toList());
        }
        Interpreter interpreter = new Interpreter();
        for (int i = 0; i < argLists.size(); i++) {
            List<Object> expected = interpreter.run(g, argLists.get(i));
            for (int r = 0; r < expected.size(); r++) {
                Differential.assertClose((Literal) expected.get(r), (Literal) held.get(i).get(r), F32,
                        "call " + i + " result " + r);
                assertEquals(copies.get(i).get(r), held.get(i).get(r), "call " + i + " result " + r + " changed later");
            }
        }
    }

    private static Object copy(Object o) {
        if (o instanceof Literal l) {
            Object data = switch (l.dtype()) {
                case FLOAT32 -> l.floats().clone();
                case FLOAT64 -> l.doubles().clone();
                case INT32 -> l.ints().clone();
                case INT64 -> l.longs().clone();
                case BOOL -> l.booleans().clone();
                case UINT8 -> l.uint8s().clone();
            };
            return Literal.wrap(l.dtype(), l.shape(), data);
        }
        return o;
    }

    private static final String CHAIN = """
            func @chain(%x: f32[4,33], %y: f32[33]) -> (f32[4,33], f32[4]) {
              %0 = add %x, %y : f32[4,33]
              %1 = tanh %0 : f32[4,33]
              %2 = mul %1, %x : f32[4,33]
              %3 = sigmoid %2 : f32[4,33]
              %4 = sub %3, %1 : f32[4,33]
              %5 = mul %4, %4 : f32[4,33]
              %6 = exp %5 : f32[4,33]
              %7 = add %6, %2 : f32[4,33]
              %8 = reduce_sum %0 {axes=[1]} : f32[4]
              return %7, %8
            }
            """;

    @Test
    void intermediatesShareFrameSlotsByLiveness() {
        Graph g = IrParser.parseFunction(CHAIN);
        CompiledGraph c = new GraphCompiler().compile(g);
        // Seven intermediates: %4 is written while %0 to %3 are alive, later ones take freed slots;
        // the results are not planned.
        assertEquals(5, c.frameSlots());
        assertEquals(0, c.allocatingCount(), c.allocating().toString());
        Random rnd = new Random(1);
        List<List<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(List.of(random(rnd, 4, 33), random(rnd, 33)));
        }
        repeatedCallsKeepTheirResults(g, c, calls);
    }

    @Test
    void aResultThatIsAlsoAnIntermediateIsNeverReused() {
        Graph g = IrParser.parseFunction("""
                func @f(%x: f32[64]) -> (f32[64], f32[64]) {
                  %a = mul %x, %x : f32[64]
                  %b = neg %a : f32[64]
                  %c = add %b, %x : f32[64]
                  %d = tanh %c : f32[64]
                  %e = identity %a : f32[64]
                  return %d, %e
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        Random rnd = new Random(2);
        List<List<Object>> calls = List.of(List.of(random(rnd, 64)), List.of(random(rnd, 64)),
                List.of(random(rnd, 64)));
        repeatedCallsKeepTheirResults(g, c, calls);
        List<Object> first = c.call(calls.get(0));
        List<Object> second = c.call(calls.get(0));
        assertNotSame(((Literal) first.get(1)).data(), ((Literal) second.get(1)).data());
    }

    @Test
    void viewsOfIntermediatesLiveAsLongAsTheirLastUse() {
        Graph g = IrParser.parseFunction("""
                func @f(%x: f32[6,8]) -> (f32[48], f32[6,8]) {
                  %a = mul %x, %x : f32[6,8]
                  %v = reshape %a {shape=[48]} : f32[48]
                  %b = tanh %x : f32[6,8]
                  %c = add %b, %x : f32[6,8]
                  %d = sigmoid %c : f32[6,8]
                  %w = reshape %d {shape=[48]} : f32[48]
                  %e = add %w, %v : f32[48]
                  %f = exp %c : f32[6,8]
                  %r = reshape %f {shape=[6,8]} : f32[6,8]
                  return %e, %r
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        Random rnd = new Random(3);
        List<List<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(List.of(random(rnd, 6, 8)));
        }
        repeatedCallsKeepTheirResults(g, c, calls);
    }

    @Test
    void assignedValuesAreNeverReused() {
        Graph g = IrParser.parseFunction("""
                func @f(%x: f32[16], %v: var<f32[16]>, %w: var<f32[16]>) -> (f32[16]) {
                  %a = mul %x, %x : f32[16]
                  assign %v, %a
                  %b = tanh %a : f32[16]
                  %c = neg %b : f32[16]
                  %d = mul %c, %x : f32[16]
                  assign_sub %w, %d
                  %e = exp %d : f32[16]
                  %f = add %e, %c : f32[16]
                  return %f
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        Random rnd = new Random(4);
        Literal zeros = Literal.zeros(DType.FLOAT32, Shape.of(16));
        VariableSlot v = new VariableSlot(zeros);
        VariableSlot w = new VariableSlot(zeros);
        VariableSlot v2 = new VariableSlot(zeros);
        VariableSlot w2 = new VariableSlot(zeros);
        Interpreter interpreter = new Interpreter();
        List<Literal> heldV = new ArrayList<>();
        List<Literal> expectedV = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Literal x = random(rnd, 16);
            c.call(List.of(x, v, w));
            interpreter.run(g, List.of(x, v2, w2));
            heldV.add(v.read());
            expectedV.add((Literal) copy(v2.read()));
            Differential.assertClose(w2.read(), w.read(), F32, "w after call " + i);
        }
        for (int i = 0; i < heldV.size(); i++) {
            Differential.assertClose(expectedV.get(i), heldV.get(i), F32, "v after call " + i);
        }
    }

    @Test
    void printedIntermediatesShowTheirOwnValues() {
        Graph g = IrParser.parseFunction("""
                func @f(%x: f32[3]) -> (f32[3]) {
                  %a = mul %x, %x : f32[3]
                  %b = neg %a : f32[3]
                  print %b {template="b: {}"}
                  %c = add %b, %x : f32[3]
                  %d = exp %c : f32[3]
                  print %a, %d {template="a: {} d: {}"}
                  %e = sub %d, %a : f32[3]
                  return %e
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        List<Object> args1 = List.of(Literal.of(new float[] {1, 2, 3}, Shape.of(3)));
        List<Object> args2 = List.of(Literal.of(new float[] {-1, 0.5f, 4}, Shape.of(3)));
        String compiled = printed(() -> {
            c.call(args1);
            c.call(args2);
        });
        Interpreter interpreter = new Interpreter();
        String interpreted = printed(() -> {
            interpreter.run(g, args1);
            interpreter.run(g, args2);
        });
        assertEquals(interpreted, compiled);
        assertTrue(compiled.startsWith("b: [-1 -4 -9]"), compiled);
    }

    private static String printed(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void branchesAndLoopsPlanTheirOwnIntermediates() {
        Graph g = IrParser.parseFunction("""
                func @f(%p: bool[], %x: f32[8], %n: i32[]) -> (f32[8], f32[8]) {
                  %sq = mul %x, %x : f32[8]
                  %r = cond %p, %sq, %x : f32[8]
                    then(%a: f32[8], %b: f32[8]) {
                      %0 = tanh %a : f32[8]
                      %1 = mul %0, %b : f32[8]
                      %2 = exp %1 : f32[8]
                      %3 = add %2, %0 : f32[8]
                      yield %3
                    }
                    else(%a: f32[8], %b: f32[8]) {
                      yield %a
                    }
                  %zero = constant {value=dense<i32[]: 0>} : i32[]
                  %i, %m, %s = while %zero, %n, %r : i32[], i32[], f32[8]
                    cond(%i: i32[], %m: i32[], %s: f32[8]) {
                      %0 = less %i, %m : bool[]
                      yield %0
                    }
                    body(%i: i32[], %m: i32[], %s: f32[8]) {
                      %one2 = constant {value=dense<i32[]: 1>} : i32[]
                      %0 = add %i, %one2 : i32[]
                      %1 = sin %s : f32[8]
                      %2 = mul %1, %1 : f32[8]
                      %3 = add %2, %s : f32[8]
                      yield %0, %m, %3
                    }
                  %t = neg %s : f32[8]
                  return %r, %t
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        Random rnd = new Random(5);
        List<List<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(List.of(Literal.scalar(i % 2 == 0), random(rnd, 8), Literal.scalar(i + 1)));
        }
        repeatedCallsKeepTheirResults(g, c, calls);
    }

    @Test
    void unknownDimensionsSizeTheBuffersPerCall() {
        Graph g = IrParser.parseFunction("""
                func @f(%x: f32[?,5], %b: f32[5]) -> (f32[?,5], f32[?]) {
                  %0 = add %x, %b : f32[?,5]
                  %1 = tanh %0 : f32[?,5]
                  %2 = mul %1, %x : f32[?,5]
                  %3 = exp %2 : f32[?,5]
                  %4 = sub %3, %1 : f32[?,5]
                  %5 = reduce_max %2 {axes=[1]} : f32[?]
                  return %4, %5
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        assertTrue(c.frameSlots() > 0);
        Random rnd = new Random(6);
        List<List<Object>> calls = new ArrayList<>();
        for (int rows : new int[] {3, 7, 3, 1, 7}) {
            calls.add(List.of(Differential.random(new TensorType(DType.FLOAT32, Shape.of(rows, 5)), rnd),
                    random(rnd, 5)));
        }
        repeatedCallsKeepTheirResults(g, c, calls);
    }

    @Test
    void concurrentCallsDoNotShareBuffers() throws Exception {
        Graph g = IrParser.parseFunction(CHAIN);
        CompiledGraph c = new GraphCompiler().compile(g);
        Interpreter interpreter = new Interpreter();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    Random rnd = new Random(100 + seed);
                    for (int i = 0; i < 200; i++) {
                        List<Object> args = List.of(random(rnd, 4, 33), random(rnd, 33));
                        List<Object> out = c.call(args);
                        List<Object> expected = interpreter.run(g, args);
                        for (int r = 0; r < expected.size(); r++) {
                            Differential.assertClose((Literal) expected.get(r), (Literal) out.get(r), F32,
                                    "thread " + seed + " call " + i + " result " + r);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void mlpTrainingStepMatchesTheInterpreterOverSeveralSteps() {
        Graph g = MlpStepRun.graph();
        CompiledGraph c = new GraphCompiler().compile(g);
        assertEquals(0, c.fallbackCount(), c.fallbacks().toString());
        // Every op of the step writes into a planned buffer when Vector API kernels are in use.
        if (VectorWidth.available()) {
            assertEquals(0, c.allocatingCount(), c.allocating().toString());
        }
        MlpStepRun.matchesTheInterpreter(g, c, 7, 3);
    }
}
