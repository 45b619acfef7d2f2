package dev.kiln.autograph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Converts the methods of {@link Samples} and checks that the converted code verifies and computes
 * what the original computes, for concrete inputs (Java branching) and symbolic ones (both branches run).
 */
class ConversionTest {
    private FakeControlFlow flow;

    @BeforeEach
    void install() {
        flow = new FakeControlFlow();
        Autograph.install(flow);
    }

    static Method method(String name) {
        return Arrays.stream(Samples.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    static String verify(byte[] bytes) {
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), ConversionTest.class.getClassLoader(), false, new PrintWriter(out));
        return out.toString();
    }

    /** Runs the original and the converted method on {@code args} (concrete, then symbolic) and compares. */
    private void agree(String name, Object... args) throws Throwable {
        Method m = method(name);
        m.setAccessible(true);
        ConvertedMethod c = Autograph.convert(m);
        assertNotNull(c, name + " has something to convert");
        assertEquals("", verify(c.bytes()), name + " verifies");
        MethodHandle h = Autograph.converted(m);
        assertNotNull(h);
        Object receiver = Modifier.isStatic(m.getModifiers()) ? null : new Samples(3, new ArrayList<>());
        Object expected = m.invoke(receiver, args);
        Object concrete = h.invokeWithArguments(withReceiver(receiver, args));
        assertEquals(expected, concrete, name + Arrays.toString(args) + " with concrete tensors");
        Object[] sym = args.clone();
        for (int i = 0; i < sym.length; i++) {
            if (sym[i] instanceof FakeTensor t) {
                sym[i] = FakeTensor.symbolic(t.value);
            }
        }
        Object symbolic = h.invokeWithArguments(withReceiver(receiver, sym));
        assertEquals(expected, symbolic, name + Arrays.toString(args) + " with symbolic tensors");
    }

    private static List<Object> withReceiver(Object receiver, Object[] args) {
        List<Object> all = new ArrayList<>();
        if (receiver != null) {
            all.add(receiver);
        }
        all.addAll(Arrays.asList(args));
        return all;
    }

    private static FakeTensor t(double v) {
        return FakeTensor.of(v);
    }

    @Test
    void returningIf() throws Throwable {
        agree("relu", t(2));
        agree("relu", t(-2));
        assertTrue(flow.bothBranches > 0);
    }

    @Test
    void ifElseAssigningALocal() throws Throwable {
        agree("assignBoth", t(2));
        agree("assignBoth", t(-3));
        IfSite site = flow.ifs.get(0);
        assertEquals(List.of("y"), site.outputNames());
    }

    @Test
    void ifWithoutElse() throws Throwable {
        agree("noElse", t(2));
        agree("noElse", t(-3));
    }

    @Test
    void shortCircuitConditions() throws Throwable {
        for (double x : new double[] {-1, 1}) {
            for (double y : new double[] {-1, 1}) {
                agree("and", t(x), t(y));
                agree("or", t(x), t(y));
            }
            agree("not", t(x));
        }
    }

    @Test
    void conditionalExpressions() throws Throwable {
        for (double x : new double[] {-1, 1}) {
            for (double y : new double[] {0, 2}) {
                agree("ternary", t(x), t(y));
            }
        }
    }

    @Test
    void elseIfChainsAndNesting() throws Throwable {
        for (double x : new double[] {-1, 1, 6, 11}) {
            agree("elseIf", t(x));
            agree("nested", t(x), t(x - 3));
            agree("nestedReturns", t(x), t(x - 3));
            agree("nestedReturns", t(x), t(3 - x));
        }
    }

    @Test
    void primitivesAndLongSlots() throws Throwable {
        agree("sign", t(3));
        agree("sign", t(-3));
        agree("primitives", t(1), 5L, 0.5);
        agree("primitives", t(-1), 5L, 0.5);
    }

    @Test
    void instanceMethodsReadPrivateFields() throws Throwable {
        agree("scaled", t(2));
        agree("scaled", t(-2));
    }

    @Test
    void sideEffectsOfBothBranchesRunWhenSymbolic() throws Throwable {
        Method m = method("printBoth");
        MethodHandle h = Autograph.converted(m);
        List<String> log = new ArrayList<>();
        Samples s = new Samples(1, log);
        h.invoke(s, t(1));
        h.invoke(s, t(-1));
        assertEquals(List.of("pos", "neg"), log);
        log.clear();
        h.invoke(s, FakeTensor.symbolic(1));
        assertEquals(List.of("pos", "neg"), log);
    }

    @Test
    void whileLoops() throws Throwable {
        for (double x : new double[] {0.5, 2, 37}) {
            agree("halve", t(x));
        }
        for (double n : new double[] {0, 1, 6}) {
            agree("forCond", t(n));
            agree("whileBreak", t(n));
            agree("whileBreak", t(n + 4));
        }
        assertTrue(flow.stagedLoops > 0);
    }

    @Test
    void forEachOverRange() throws Throwable {
        for (double n : new double[] {0, 1, 5}) {
            agree("rangeSum", t(n));
        }
        for (int n : new int[] {0, 1, 4, 12}) {
            agree("rangeBreakContinue", n);
            agree("returnFromLoop", t(n));
        }
    }

    @Test
    void forEachOverADatasetIsConvertedWhateverTheElementType() throws Throwable {
        FakeDataset ds = new FakeDataset(List.of(new FakeDataset.Pair(t(1), t(3)), new FakeDataset.Pair(t(2), t(3)),
                new FakeDataset.Pair(t(3), t(3))));
        agree("datasetSum", ds);
        assertEquals(2, flow.loops.size(), "one for_stmt in each of the two runs");
        assertTrue(flow.stagedLoops > 0);
        assertEquals(Samples.datasetSum(ds), t(3));
    }

    @Test
    void tryBlocksInsideConvertedBodiesMoveWithThem() throws Throwable {
        for (double n : new double[] {0, 1, 4}) {
            List<String> log = new ArrayList<>();
            agree("tryInLoopBody", t(n), log);
            agree("tryInWhileBody", t(n), log);
        }
        for (double x : new double[] {-1, 2, 7}) {
            agree("tryInBranch", t(x), new ArrayList<String>());
        }
        List<String> log = new ArrayList<>();
        Autograph.converted(method("tryInLoopBody")).invokeWithArguments(FakeTensor.symbolic(3), log);
        assertEquals(List.of("closed", "closed", "closed"), log, "the resource is closed after each iteration");
    }

    @Test
    void nestedLoopsWithIfs() throws Throwable {
        for (double n : new double[] {0, 1, 4}) {
            agree("nestedLoops", t(n));
        }
    }

    @Test
    void javaLoopsUnrollAroundTensorIfs() throws Throwable {
        agree("javaLoopAroundIf", t(2), 3);
        agree("javaLoopAroundIf", t(-2), 3);
    }

    @Test
    void callsAreConvertedRecursively() throws Throwable {
        agree("callsHelper", t(2));
        agree("callsHelper", t(-2));
    }
}
