package dev.kiln.runtime.fast;

import static dev.kiln.runtime.fast.FastFixture.assertSame;
import static dev.kiln.runtime.fast.FastFixture.reference;
import static dev.kiln.runtime.fast.FastFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.InvalidArgumentException;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpCatalog;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.Parallelism;
import dev.kiln.runtime.VariableKernel;
import dev.kiln.runtime.VariableSlot;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Elementwise fast kernels against the reference: exact ops, so results must agree bit for bit. */
class ElementwiseKernelsTest {
    /** Pairs of operand shapes: same, scalar on either side, bias over rows, column broadcast, general. */
    private static final int[][][] PAIRS = {
        {{0}, {0}}, {{1}, {1}}, {{7}, {7}}, {{16}, {16}}, {{67}, {67}}, {{}, {33}}, {{33}, {}},
        {{5, 17}, {17}}, {{5, 1}, {5, 17}}, {{3, 1, 4}, {1, 5, 1}}, {{2, 3, 40}, {2, 1, 40}},
    };

    /** Values with the awkward cases mixed in: NaN, signed zeros, infinities, above 6 (relu6). */
    static Literal values(Random r, DType d, int... dims) {
        Shape s = Shape.of(dims);
        double[] special = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 7.5, 6, -3};
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(6) == 0 ? special[r.nextInt(special.length)] : (r.nextDouble() * 2 - 1) * 8;
        }
        if (d == DType.FLOAT64) {
            return Literal.of(v, s);
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return Literal.of(f, s);
    }

    @Test
    void binaryAndCompareOpsAgreeBitForBitAtEveryWidth() {
        Random r = new Random(1);
        List<String> ops = List.of("add", "sub", "mul", "div", "maximum", "minimum", "squared_difference",
                "equal", "not_equal", "less", "less_equal", "greater", "greater_equal");
        for (int bits : Widths.ALL) {
            KernelRegistry fast = Widths.registry(bits);
            for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                for (int[][] p : PAIRS) {
                    Literal x = values(r, d, p[0]);
                    Literal y = values(r, d, p[1]);
                    for (String op : ops) {
                        String what = op + " " + Shape.of(p[0]) + " " + Shape.of(p[1]) + " " + FastFixture.name(d, bits);
                        assertSame(reference(op, Attributes.empty(), x, y), run(fast, op, Attributes.empty(), x, y), what);
                    }
                }
            }
        }
    }

    @Test
    void unaryOpsAgreeBitForBitAtEveryWidth() {
        Random r = new Random(2);
        for (int bits : Widths.ALL) {
            KernelRegistry fast = Widths.registry(bits);
            for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                for (int n : new int[] {0, 1, 5, 16, 67}) {
                    Literal x = values(r, d, n, 2);
                    for (String op : List.of("neg", "abs", "square", "sqrt", "relu", "relu6")) {
                        assertSame(reference(op, Attributes.empty(), x), run(fast, op, Attributes.empty(), x),
                                op + " " + n + " " + FastFixture.name(d, bits));
                    }
                }
            }
        }
    }

    @Test
    void whereAddNAndBiasAddAgreeBitForBit() {
        Random r = new Random(3);
        for (int bits : Widths.ALL) {
            KernelRegistry fast = Widths.registry(bits);
            for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                for (int[] shape : new int[][] {{0}, {1}, {9, 37}}) {
                    Literal x = values(r, d, shape);
                    Literal y = values(r, d, shape);
                    Literal z = values(r, d, shape);
                    Literal c = reference("greater", Attributes.empty(), x, y);
                    String what = Shape.of(shape) + " " + FastFixture.name(d, bits);
                    assertSame(reference("where", Attributes.empty(), c, x, y), run(fast, "where", Attributes.empty(), c, x, y),
                            "where " + what);
                    Literal scalarC = Literal.scalar(true);
                    assertSame(reference("where", Attributes.empty(), scalarC, x, y),
                            run(fast, "where", Attributes.empty(), scalarC, x, y), "where scalar " + what);
                    assertSame(reference("add_n", Attributes.empty(), x, y, z), run(fast, "add_n", Attributes.empty(), x, y, z),
                            "add_n " + what);
                }
                Literal v = values(r, d, 4, 3, 19);
                Literal bias = values(r, d, 19);
                assertSame(reference("bias_add", Attributes.empty(), v, bias), run(fast, "bias_add", Attributes.empty(), v, bias),
                        "bias_add " + FastFixture.name(d, bits));
            }
        }
    }

    @Test
    void assignAddAndSubUpdateTheSlotAsTheReferenceDoes() {
        Random r = new Random(4);
        for (int bits : Widths.ALL) {
            KernelRegistry fast = Widths.registry(bits);
            for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                Literal start = values(r, d, 3, 37);
                Literal delta = values(r, d, 3, 37);
                for (String op : List.of("assign_add", "assign_sub")) {
                    VariableSlot expected = new VariableSlot(start);
                    VariableSlot actual = new VariableSlot(start);
                    OpDef def = OpCatalog.get(op);
                    ((VariableKernel) KernelRegistry.reference().get(def)).run(expected, new Literal[] {delta}, def.normalize(Attributes.empty()));
                    ((VariableKernel) fast.get(def)).run(actual, new Literal[] {delta}, def.normalize(Attributes.empty()));
                    assertSame(expected.read(), actual.read(), op + " " + FastFixture.name(d, bits));
                }
            }
        }
        VariableSlot slot = new VariableSlot(Literal.of(new float[] {1, 2}, Shape.of(2)));
        OpDef add = OpCatalog.get("assign_add");
        assertThrows(InvalidArgumentException.class, () -> ((VariableKernel) KernelRegistry.standard().get(add))
                .run(slot, new Literal[] {Literal.of(new float[3], Shape.of(3))}, add.normalize(Attributes.empty())));
    }

    @Test
    void largeUpdatesSplitAcrossThreadsAndWriteInPlaceAsTheReferenceComputes() {
        Random r = new Random(5);
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(3);
            for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                Literal start = values(r, d, 3, 70001);
                Literal startCopy = start.copy();
                VariableSlot expected = new VariableSlot(start);
                VariableSlot actual = new VariableSlot(start);
                for (int step = 0; step < 3; step++) {
                    Literal delta = values(r, d, 3, 70001);
                    for (String op : List.of("assign_add", "assign_sub")) {
                        OpDef def = OpCatalog.get(op);
                        Attributes attrs = def.normalize(Attributes.empty());
                        ((VariableKernel) KernelRegistry.reference().get(def)).run(expected, new Literal[] {delta}, attrs);
                        ((VariableKernel) KernelRegistry.standard().get(def)).run(actual, new Literal[] {delta}, attrs);
                    }
                    // Borrowed, not read: the next step may write the same array again.
                    Literal now = actual.borrow();
                    actual.giveBack();
                    assertSame(expected.read(), now, d + " step " + step);
                }
                assertSame(startCopy, start, d + ": the initial value is the caller's and never changes");
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void otherDtypesAndErrorsAreTheReferenceKernels() {
        KernelRegistry fast = KernelRegistry.standard();
        Literal i = Literal.of(new int[] {7, -7}, Shape.of(2));
        Literal j = Literal.of(new int[] {2, 2}, Shape.of(2));
        assertEquals(reference("div", Attributes.empty(), i, j), run(fast, "div", Attributes.empty(), i, j));
        assertEquals(reference("relu", Attributes.empty(), i), run(fast, "relu", Attributes.empty(), i));
        Literal a = Literal.of(new float[6], Shape.of(2, 3));
        Literal b = Literal.of(new float[2], Shape.of(2));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> run(fast, "add", Attributes.empty(), a, b));
        assertEquals("Incompatible shapes: [2,3] vs. [2] [Op:AddV2]", e.getMessage());
        InvalidArgumentException mixed = assertThrows(InvalidArgumentException.class,
                () -> run(fast, "mul", Attributes.empty(), a, Literal.of(new double[6], Shape.of(2, 3))));
        assertEquals(assertThrows(InvalidArgumentException.class,
                () -> reference("mul", Attributes.empty(), a, Literal.of(new double[6], Shape.of(2, 3)))).getMessage(),
                mixed.getMessage());
    }
}
