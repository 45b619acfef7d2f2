package dev.kiln.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.codegen.emit.GeneratedClass;
import dev.kiln.ir.DType;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.runtime.Interpreter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** Compiled against interpreted: random inputs, tolerances, and bytecode verification. */
final class Differential {
    static final int[] WIDTHS = {0, 128, 256, 512};

    private Differential() {}

    /** |actual - expected| <= atol + rtol * |expected| per element; NaN matches NaN, infinities match exactly. */
    record Tolerance(double rtol, double atol) {
        static final Tolerance EXACT = new Tolerance(0, 0);
    }

    /** Random elements: floats in [-3, 3), integers in [-9, 9] without 0 (so divisions are defined), random bools. */
    static Literal random(TensorType t, Random rnd) {
        return random(t, rnd, -3, 3);
    }

    static Literal random(TensorType t, Random rnd, double lo, double hi) {
        Shape s = t.shape();
        int n = s.size();
        return switch (t.dtype()) {
            case FLOAT32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
                }
                yield Literal.of(a, s);
            }
            case FLOAT64 -> {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = lo + (hi - lo) * rnd.nextDouble();
                }
                yield Literal.of(a, s);
            }
            case INT32 -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = nonZero(rnd, lo, hi);
                }
                yield Literal.of(a, s);
            }
            case INT64 -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = nonZero(rnd, lo, hi);
                }
                yield Literal.of(a, s);
            }
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = rnd.nextBoolean();
                }
                yield Literal.of(a, s);
            }
            case UINT8 -> {
                byte[] a = new byte[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (byte) (1 + rnd.nextInt(9));
                }
                yield Literal.ofUint8(a, s);
            }
        };
    }

    private static int nonZero(Random rnd, double lo, double hi) {
        int l = (int) Math.max(-9, Math.ceil(lo));
        int h = (int) Math.min(9, Math.floor(hi));
        int v;
        do {
            v = l + rnd.nextInt(h - l + 1);
        } while (v == 0 && (l != 0 || h != 0));
        return v;
    }

    /**
     * Runs {@code g} on {@code args} interpreted and compiled at every width, checks every generated
     * class with ASM's verifier and returns the compiled graphs (one per width).
     */
    static List<CompiledGraph> check(Graph g, List<?> args, Tolerance vectorTolerance) {
        return check(g, args, vectorTolerance, Tolerance.EXACT);
    }

    static List<CompiledGraph> check(Graph g, List<?> args, Tolerance vectorTolerance, Tolerance scalarTolerance) {
        List<Object> expected;
        RuntimeException failure = null;
        try {
            expected = new Interpreter().run(g, args);
        } catch (RuntimeException e) {
            expected = null;
            failure = e;
        }
        List<CompiledGraph> out = new ArrayList<>();
        for (int width : WIDTHS) {
            CompiledGraph c = GraphCompiler.withVectorWidth(width).compile(g);
            out.add(c);
            compare(g, c, args, expected, failure, width == 0 ? scalarTolerance : vectorTolerance, "width " + width);
        }
        // The same graph cut into one method per top-level instruction, as graphs too big for one
        // JIT-compiled method are: every value crossing a method boundary goes through the environment.
        CompiledGraph split = GraphCompiler.withVectorWidth(128).compile(g, 1);
        compare(g, split, args, expected, failure, split.vectorWidth() == 0 ? scalarTolerance : vectorTolerance,
                "split into methods");
        return out;
    }

    private static void compare(Graph g, CompiledGraph c, List<?> args, List<Object> expected, RuntimeException failure,
            Tolerance tol, String how) {
        verify(c);
        if (failure != null) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> c.call(args),
                    how + ": the interpreter failed with " + failure);
            assertEquals(failure.getClass(), thrown.getClass(), how + ": " + thrown);
            return;
        }
        List<Object> actual = c.call(args);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) instanceof Literal e) {
                assertClose(e, (Literal) actual.get(i), tol, "@" + g.name() + " result " + i + " (" + how + ")");
            } else {
                assertEquals(expected.get(i), actual.get(i));
            }
        }
    }

    static void assertClose(Literal expected, Literal actual, Tolerance tol, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        for (int i = 0; i < expected.size(); i++) {
            if (expected.dtype().isFloating()) {
                double e = expected.getDouble(i);
                double a = actual.getDouble(i);
                boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                        : Double.isInfinite(e) ? e == a
                        : Math.abs(a - e) <= tol.atol() + tol.rtol() * Math.abs(e);
                if (!ok) {
                    fail(what + ": element " + i + " expected " + e + " but was " + a + " (" + tol + ")");
                }
            } else if (expected.getLong(i) != actual.getLong(i)) {
                fail(what + ": element " + i + " expected " + expected.getLong(i) + " but was " + actual.getLong(i));
            }
        }
    }

    /** ASM's CheckClassAdapter over every class the compiled graph uses. */
    static void verify(CompiledGraph c) {
        for (GeneratedClass gc : c.classes()) {
            StringWriter sw = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(gc.bytes()), GraphCompiler.class.getClassLoader(), false,
                    new PrintWriter(sw));
            assertTrue(sw.toString().isEmpty(), gc.internalName() + " does not verify:\n" + sw);
        }
    }
}
