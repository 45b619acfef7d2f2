package dev.kiln.runtime.fast;

import static dev.kiln.runtime.fast.FastFixture.assertClose;
import static dev.kiln.runtime.fast.FastFixture.assertSame;
import static dev.kiln.runtime.fast.FastFixture.random;
import static dev.kiln.runtime.fast.FastFixture.reference;
import static dev.kiln.runtime.fast.FastFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.InvalidArgumentException;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpCatalog;
import dev.kiln.ir.Shape;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.Parallelism;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast matmul against the reference kernel. Tolerance: float32 |fast - ref| <= 1e-5·sqrt(k)·max(1, |ref|)
 * (the reference rounds each product and sum separately, the fast kernel fuses them); float64 1e-13·sqrt(k).
 */
class MatMulKernelTest {
    /**
     * {m, k, n}: empty, unit, below and across the vector width, across KC (1024 for float32, 512 for
     * float64), more than two B strips wide, primes.
     */
    private static final int[][] SHAPES = {
        {0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {1, 1, 1}, {1, 7, 1}, {2, 3, 5}, {1, 300, 33}, {33, 300, 1},
        {6, 256, 32}, {17, 33, 19}, {67, 131, 29}, {4, 1030, 9}, {3, 520, 70},
    };

    /** Larger shapes, at the preferred width only (cold code at every width would dominate the test time). */
    private static final int[][] LARGE_SHAPES = {{97, 257, 37}, {101, 67, 211}, {250, 40, 7}};

    private static double tolerance(DType d, int k) {
        return (d == DType.FLOAT32 ? 1e-5 : 1e-13) * Math.sqrt(Math.max(k, 1));
    }

    @Test
    void everyWidthDtypeShapeAndTransposeMatchesTheReference() {
        Random r = new Random(1);
        for (int bits : Widths.ALL) {
            assertEquals(bits, Widths.bitsOf(bits));
            KernelRegistry fast = Widths.registry(bits);
            for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                for (int[] s : SHAPES) {
                    for (int t = 0; t < 4; t++) {
                        boolean ta = (t & 1) != 0;
                        boolean tb = (t & 2) != 0;
                        Literal a = ta ? random(r, d, s[1], s[0]) : random(r, d, s[0], s[1]);
                        Literal b = tb ? random(r, d, s[2], s[1]) : random(r, d, s[1], s[2]);
                        Attributes attrs = Attributes.of("transpose_a", ta, "transpose_b", tb);
                        String what = FastFixture.name(d, bits) + " " + s[0] + "x" + s[1] + "x" + s[2] + " ta=" + ta + " tb=" + tb;
                        assertClose(reference("matmul", attrs, a, b), run(fast, "matmul", attrs, a, b), tolerance(d, s[1]), what);
                    }
                }
            }
        }
    }

    @Test
    void largeShapesAcrossMcMatchTheReference() {
        Random r = new Random(4);
        for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : LARGE_SHAPES) {
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0;
                    boolean tb = (t & 2) != 0;
                    Literal a = ta ? random(r, d, s[1], s[0]) : random(r, d, s[0], s[1]);
                    Literal b = tb ? random(r, d, s[2], s[1]) : random(r, d, s[1], s[2]);
                    Attributes attrs = Attributes.of("transpose_a", ta, "transpose_b", tb);
                    assertClose(reference("matmul", attrs, a, b), run(KernelRegistry.standard(), "matmul", attrs, a, b),
                            tolerance(d, s[1]), d + " " + s[0] + "x" + s[1] + "x" + s[2] + " ta=" + ta + " tb=" + tb);
                }
            }
        }
    }

    @Test
    void batchDimensionsBroadcast() {
        Random r = new Random(2);
        for (int bits : Widths.ALL) {
            KernelRegistry fast = Widths.registry(bits);
            Literal a = random(r, DType.FLOAT32, 2, 1, 5, 7);
            Literal b = random(r, DType.FLOAT32, 3, 7, 9);
            Literal got = run(fast, "matmul", Attributes.empty(), a, b);
            assertEquals(Shape.of(2, 3, 5, 9), got.shape());
            assertClose(reference("matmul", Attributes.empty(), a, b), got, tolerance(DType.FLOAT32, 7), "batched at " + bits);
            Literal big = random(r, DType.FLOAT64, 3, 70, 80);
            Literal w = random(r, DType.FLOAT64, 80, 60);
            Attributes attrs = Attributes.empty();
            assertClose(reference("matmul", attrs, big, w), run(fast, "matmul", attrs, big, w), tolerance(DType.FLOAT64, 80),
                    "batched f64 at " + bits);
        }
    }

    @Test
    void resultsAreIdenticalAcrossThreadCountsAndWidths() {
        Random r = new Random(3);
        Literal a = random(r, DType.FLOAT32, 150, 300);
        Literal b = random(r, DType.FLOAT32, 300, 200);
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            Literal one = run(KernelRegistry.standard(), "matmul", Attributes.empty(), a, b);
            Parallelism.setThreads(2);
            Literal two = run(KernelRegistry.standard(), "matmul", Attributes.empty(), a, b);
            Parallelism.setThreads(3);
            Literal three = run(KernelRegistry.standard(), "matmul", Attributes.empty(), a, b);
            assertSame(one, two, "1 vs 2 threads");
            assertSame(one, three, "1 vs 3 threads");
            for (int bits : Widths.ALL) {
                assertSame(one, run(Widths.registry(bits), "matmul", Attributes.empty(), a, b), "width " + bits);
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void integersAndErrorsGoToTheReferenceKernel() {
        Literal a = Literal.of(new int[] {1, 2, 3, 4}, Shape.of(2, 2));
        Literal b = Literal.of(new int[] {5, 6, 7, 8}, Shape.of(2, 2));
        assertEquals(Literal.of(new int[] {19, 22, 43, 50}, Shape.of(2, 2)), run(KernelRegistry.standard(), "matmul", Attributes.empty(), a, b));
        Literal f = Literal.of(new float[6], Shape.of(2, 3));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> run(KernelRegistry.standard(), "matmul", Attributes.empty(), f, f));
        InvalidArgumentException expected = assertThrows(InvalidArgumentException.class,
                () -> reference("matmul", Attributes.empty(), f, f));
        assertEquals(expected.getMessage(), e.getMessage());
        assertInstanceOf(MatMulKernel.class, KernelRegistry.standard().get(OpCatalog.get("matmul")));
    }
}
