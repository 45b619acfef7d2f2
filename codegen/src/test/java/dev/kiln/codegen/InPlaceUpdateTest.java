package dev.kiln.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.InvalidArgumentException;
import dev.kiln.codegen.Differential.Tolerance;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import dev.kiln.ir.text.IrParser;
import dev.kiln.runtime.Interpreter;
import dev.kiln.runtime.VariableSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Compiled graphs borrow the variables they read and update them in place when nothing else can see
 * their arrays: values that leave a call, or are read after an update, never change.
 */
class InPlaceUpdateTest {
    private static final Tolerance F32 = new Tolerance(1e-6, 1e-6);

    private static Literal f32(float... v) {
        return Literal.of(v, Shape.of(v.length));
    }

    /** The variable's current array, looked at without handing it out (a read would make it shared). */
    private static Object arrayOf(VariableSlot v) {
        Object a = v.borrow().data();
        v.giveBack();
        return a;
    }

    @Test
    void aTrainingStepUpdatesItsVariablesInPlace() {
        Graph g = IrParser.parseFunction("""
                func @step(%x: f32[4], %v: var<f32[4]>) -> (f32[]) {
                  %r = read_variable %v : f32[4]
                  %e = sub %r, %x : f32[4]
                  %sq = mul %e, %e : f32[4]
                  %loss = reduce_mean %sq : f32[]
                  %lr = constant {value=dense<f32[]: 0.25>} : f32[]
                  %g = mul %e, %lr : f32[4]
                  assign_sub %v, %g
                  return %loss
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        VariableSlot compiled = new VariableSlot(f32(1, 2, 3, 4));
        VariableSlot interpreted = new VariableSlot(f32(1, 2, 3, 4));
        Literal x = f32(0, 1, 0, 1);
        c.call(List.of(x, compiled));
        new Interpreter().run(g, List.of(x, interpreted));
        Object own = arrayOf(compiled);
        for (int i = 0; i < 3; i++) {
            Literal loss = (Literal) c.call(List.of(x, compiled)).get(0);
            Literal expected = (Literal) new Interpreter().run(g, List.of(x, interpreted)).get(0);
            Differential.assertClose(expected, loss, F32, "loss of step " + i);
        }
        assertSame(own, arrayOf(compiled));
        Differential.assertClose(interpreted.read(), compiled.read(), F32, "the variable");
        // Read once, the value is the reader's: the next step writes a new array.
        Literal read = compiled.read();
        float[] before = read.floats().clone();
        c.call(List.of(x, compiled));
        assertArrayEquals(before, read.floats());
        assertNotSame(read.data(), arrayOf(compiled));
    }

    @Test
    void valuesThatLeaveTheCallOrOutliveTheUpdateNeverChange() {
        String[] bodies = {
            // The read value is a result.
            "%out = identity %r : f32[4]",
            // Read after the update in program order.
            "%out = mul %r, %r : f32[4]",
            // Through a runtime kernel that hands back its operand's array (a view).
            "%out = reshape %r {shape=[4]} : f32[4]",
        };
        for (String body : bodies) {
            Graph g = IrParser.parseFunction("""
                    func @f(%d: f32[4], %v: var<f32[4]>) -> (f32[4]) {
                      %r = read_variable %v : f32[4]
                      assign_sub %v, %d
                      BODY
                      return %out
                    }
                    """.replace("BODY", body));
            CompiledGraph c = new GraphCompiler().compile(g);
            VariableSlot compiled = new VariableSlot(f32(1, 2, 3, 4));
            VariableSlot interpreted = new VariableSlot(f32(1, 2, 3, 4));
            List<Literal> held = new ArrayList<>();
            List<Literal> expected = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Literal d = f32(i, 0.5f, -1, 2);
                held.add((Literal) c.call(List.of(d, compiled)).get(0));
                expected.add((Literal) new Interpreter().run(g, List.of(d, interpreted)).get(0));
            }
            for (int i = 0; i < held.size(); i++) {
                Differential.assertClose(expected.get(i), held.get(i), F32, body + ", call " + i);
            }
            Differential.assertClose(interpreted.read(), compiled.read(), F32, body + ": the variable");
        }
    }

    @Test
    void aFailedCallGivesBackWhatItBorrowed() {
        Graph g = IrParser.parseFunction("""
                func @f(%x: f32[?,?], %d: f32[2,2], %v: var<f32[2,2]>) -> (f32[?,2]) {
                  %r = read_variable %v : f32[2,2]
                  %m = matmul %x, %r : f32[?,2]
                  %n = neg %m : f32[?,2]
                  assign_sub %v, %d
                  return %n
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        VariableSlot v = new VariableSlot(Literal.of(new float[] {1, 2, 3, 4}, Shape.of(2, 2)));
        Literal d = Literal.of(new float[] {1, 1, 1, 1}, Shape.of(2, 2));
        Literal fits = Literal.of(new float[] {1, 2}, Shape.of(1, 2));
        c.call(List.of(fits, d, v));
        Object own = arrayOf(v);
        assertThrows(InvalidArgumentException.class,
                () -> c.call(List.of(Literal.of(new float[] {1, 2, 3}, Shape.of(1, 3)), d, v)));
        c.call(List.of(fits, d, v));
        assertSame(own, arrayOf(v));
        assertArrayEquals(new float[] {-1, 0, 1, 2}, v.read().floats());
    }

    @Test
    void concurrentCallsNeverSeeTheirReadsChange() throws Exception {
        // Each call reads the variable twice through its borrowed value; an update by another call
        // writing over that array in between would make the difference non-zero.
        Graph g = IrParser.parseFunction("""
                func @f(%delta: f32[256], %v: var<f32[256]>) -> (f32[256]) {
                  %r = read_variable %v : f32[256]
                  %a = exp %r : f32[256]
                  %s = sin %r : f32[256]
                  %b = exp %r : f32[256]
                  %t = sub %a, %b : f32[256]
                  %u = mul %t, %s : f32[256]
                  assign_add %v, %delta
                  return %u
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        VariableSlot v = new VariableSlot(Literal.of(new float[256], Shape.of(256)));
        float[] step = new float[256];
        java.util.Arrays.fill(step, 1f / 1024);
        Literal delta = Literal.of(step, Shape.of(256));
        int threads = 4;
        int calls = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        float[] u = ((Literal) c.call(List.of(delta, v)).get(0)).floats();
                        assertArrayEquals(new float[256], u);
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
        assertEquals(threads * calls / 1024f, v.read().floats()[255]);
    }
}
