package dev.kiln.runtime.fast;

import static dev.kiln.runtime.fast.FastFixture.assertClose;
import static dev.kiln.runtime.fast.FastFixture.random;
import static dev.kiln.runtime.fast.FastFixture.reference;
import static dev.kiln.runtime.fast.FastFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.InvalidArgumentException;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.Parallelism;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * conv2d and its gradients against the reference (which accumulates in double): tolerance relative
 * 1e-5·sqrt(window) for float32, 1e-13·sqrt(window) for float64; and the float64 gradients against
 * central differences of the forward kernel.
 */
class ConvKernelsTest {
    /** {n, h, w, c, kh, kw, o, stride, dilation}, each run VALID and SAME. */
    private static final int[][] CASES = {
        {1, 1, 1, 1, 1, 1, 1, 1, 1}, {2, 5, 4, 1, 3, 3, 4, 1, 1}, {2, 7, 6, 3, 3, 2, 5, 2, 1}, {1, 9, 8, 2, 3, 3, 3, 1, 2},
        {3, 6, 6, 4, 1, 1, 6, 1, 1}, {1, 8, 7, 16, 3, 3, 32, 1, 1}, {1, 8, 11, 5, 2, 3, 17, 3, 1}, {0, 4, 4, 2, 3, 3, 2, 1, 1},
        {1, 2, 2, 3, 3, 3, 2, 1, 1},
    };

    private static Attributes attrs(int stride, int dilation, String padding) {
        return Attributes.of("strides", List.of(1L, (long) stride, (long) stride, 1L),
                "dilations", List.of(1L, (long) dilation, (long) dilation, 1L), "padding", padding);
    }

    @Test
    void forwardAndGradientsMatchTheReferenceAtEveryWidth() {
        Random r = new Random(1);
        for (int bits : Widths.ALL) {
            KernelRegistry fast = Widths.registry(bits);
            for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                for (int[] c : CASES) {
                    for (String padding : new String[] {"VALID", "SAME"}) {
                        if (padding.equals("VALID") && (c[1] < (c[4] - 1) * c[8] + 1 || c[2] < (c[5] - 1) * c[8] + 1)) {
                            continue;
                        }
                        Attributes a = attrs(c[7], c[8], padding);
                        Literal x = random(r, d, c[0], c[1], c[2], c[3]);
                        Literal f = random(r, d, c[4], c[5], c[3], c[6]);
                        Literal y = reference("conv2d", a, x, f);
                        double tol = (d == DType.FLOAT32 ? 1e-5 : 1e-13) * Math.sqrt(c[4] * c[5] * c[3] * Math.max(1, c[6]));
                        String what = Shape.of(c) + " " + padding + " " + FastFixture.name(d, bits);
                        assertClose(y, run(fast, "conv2d", a, x, f), tol, "conv2d " + what);
                        Literal dy = random(r, d, y.shape().dims());
                        assertClose(reference("conv2d_backprop_input", a, x, f, dy), run(fast, "conv2d_backprop_input", a, x, f, dy),
                                tol, "backprop_input " + what);
                        double filterTol = tol * Math.sqrt(Math.max(1, y.size()));
                        assertClose(reference("conv2d_backprop_filter", a, x, f, dy),
                                run(fast, "conv2d_backprop_filter", a, x, f, dy), filterTol, "backprop_filter " + what);
                    }
                }
            }
        }
    }

    @Test
    void filterGradientsOfFewTapsMatchTheReferenceAtEveryWidth() {
        // Windows whose (tap, channel vector) accumulators fit DirectFilterGradient: one and two vectors of
        // output channels, eight and nine taps (two passes of eight, a pass of one), strides, dilations;
        // SAME padding leaves it to im2col.
        Random r = new Random(5);
        for (int bits : Widths.ALL) {
            if (bits == 0) {
                continue;
            }
            int lanes = bits / 32;
            KernelRegistry fast = Widths.registry(bits);
            int[][] cases = {
                {3, 28, 28, 1, 3, 3, lanes, 1, 1}, {2, 9, 7, 2, 2, 2, 2 * lanes, 1, 1}, {2, 11, 10, 1, 3, 3, lanes, 2, 1},
                {1, 12, 9, 1, 2, 3, 2 * lanes, 1, 2},
            };
            for (int[] c : cases) {
                for (String padding : new String[] {"VALID", "SAME"}) {
                    Attributes a = attrs(c[7], c[8], padding);
                    Literal x = random(r, DType.FLOAT32, c[0], c[1], c[2], c[3]);
                    Literal f = random(r, DType.FLOAT32, c[4], c[5], c[3], c[6]);
                    Literal dy = random(r, DType.FLOAT32, reference("conv2d", a, x, f).shape().dims());
                    double tol = 1e-5 * Math.sqrt(c[4] * c[5] * c[3] * c[6]) * Math.sqrt(dy.size());
                    assertClose(reference("conv2d_backprop_filter", a, x, f, dy), run(fast, "conv2d_backprop_filter", a, x, f, dy),
                            tol, "backprop_filter " + Shape.of(c) + " " + padding + " at " + bits);
                }
            }
        }
    }

    @Test
    void singleChannelWindowsMatchTheReferenceAtEveryWidth() {
        // One input channel, three filter columns: rows of eight pixels take SingleChannelConv's block;
        // odd widths, output channels past the last vector, taller filters with rows in the padding,
        // and strides or dilations that leave the rows to the general blocks.
        Random r = new Random(6);
        int[][] cases = {
            {2, 13, 29, 1, 3, 3, 16, 1, 1}, {1, 11, 21, 1, 5, 3, 17, 1, 1}, {1, 10, 19, 1, 3, 3, 40, 2, 1},
            {1, 12, 20, 1, 3, 3, 8, 1, 2}, {3, 28, 28, 1, 3, 3, 16, 1, 1}, {1, 9, 17, 1, 4, 3, 5, 1, 1},
        };
        for (int bits : Widths.ALL) {
            KernelRegistry fast = Widths.registry(bits);
            for (int[] c : cases) {
                for (String padding : new String[] {"VALID", "SAME"}) {
                    Attributes a = attrs(c[7], c[8], padding);
                    Literal x = random(r, DType.FLOAT32, c[0], c[1], c[2], c[3]);
                    Literal f = random(r, DType.FLOAT32, c[4], c[5], c[3], c[6]);
                    Literal bias = random(r, DType.FLOAT32, c[6]);
                    Literal y = reference("conv2d", a, x, f);
                    double tol = 1e-5 * Math.sqrt(c[4] * c[5] * c[6]);
                    String what = Shape.of(c) + " " + padding + " at " + bits;
                    assertClose(y, run(fast, "conv2d", a, x, f), tol, "conv2d " + what);
                    Literal relu = reference("relu", Attributes.empty(), reference("bias_add", Attributes.empty(), y, bias));
                    assertClose(relu, run(fast, "fused_conv2d", a.with("activation", "relu"), x, f, bias), tol,
                            "fused_conv2d " + what);
                }
            }
        }
    }

    @Test
    void seedNetworkShapesAreReproducibleForAThreadCount() {
        Random r = new Random(2);
        Literal x = random(r, DType.FLOAT32, 2, 28, 28, 1);
        Literal f1 = random(r, DType.FLOAT32, 3, 3, 1, 16);
        Literal f2 = random(r, DType.FLOAT32, 3, 3, 16, 32);
        Attributes a = attrs(1, 1, "VALID");
        KernelRegistry fast = KernelRegistry.standard();
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(2);
            Literal h = run(fast, "conv2d", a, x, f1);
            Literal y = run(fast, "conv2d", a, h, f2);
            assertEquals(Shape.of(2, 24, 24, 32), y.shape());
            assertClose(reference("conv2d", a, h, f2), y, 1e-5 * 12, "seed conv2");
            Literal dy = random(r, DType.FLOAT32, 2, 24, 24, 32);
            Literal df = run(fast, "conv2d_backprop_filter", a, h, f2, dy);
            assertClose(reference("conv2d_backprop_filter", a, h, f2, dy), df, 1e-5 * 12 * 48, "seed filter gradient");
            FastFixture.assertSame(df, run(fast, "conv2d_backprop_filter", a, h, f2, dy), "same run twice");
            // The input gradient twice on one window (its padded copy of dy is reused), with other values.
            for (int round = 0; round < 2; round++) {
                Literal g = random(r, DType.FLOAT32, 2, 24, 24, 32);
                assertClose(reference("conv2d_backprop_input", a, h, f2, g), run(fast, "conv2d_backprop_input", a, h, f2, g),
                        1e-5 * 12, "seed input gradient, round " + round);
            }
            Literal dh = random(r, DType.FLOAT32, h.shape().dims());
            Literal df1 = run(fast, "conv2d_backprop_filter", a, x, f1, dh);
            assertClose(reference("conv2d_backprop_filter", a, x, f1, dh), df1, 1e-5 * 3 * 37, "seed first filter gradient");
            FastFixture.assertSame(df1, run(fast, "conv2d_backprop_filter", a, x, f1, dh), "first layer, same run twice");
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void float64GradientsMatchCentralDifferences() {
        Random r = new Random(3);
        KernelRegistry fast = KernelRegistry.standard();
        for (String padding : new String[] {"VALID", "SAME"}) {
            Attributes a = attrs(2, 1, padding);
            Literal x = random(r, DType.FLOAT64, 2, 5, 6, 3);
            Literal f = random(r, DType.FLOAT64, 3, 2, 3, 4);
            Literal w = random(r, DType.FLOAT64, run(fast, "conv2d", a, x, f).shape().dims());
            // L = sum(conv(x, f) * w): its gradients are the backprops of w.
            Literal dx = run(fast, "conv2d_backprop_input", a, x, f, w);
            Literal df = run(fast, "conv2d_backprop_filter", a, x, f, w);
            for (int t = 0; t < 12; t++) {
                int i = r.nextInt(x.size());
                double numeric = central(v -> loss(fast, a, v, f, w), x, i);
                assertEquals(numeric, dx.getDouble(i), 1e-8, "d/dx[" + i + "] " + padding);
                int j = r.nextInt(f.size());
                double numericF = central(v -> loss(fast, a, x, v, w), f, j);
                assertEquals(numericF, df.getDouble(j), 1e-8, "d/df[" + j + "] " + padding);
            }
        }
    }

    @Test
    void integerInputsAndBadShapesAreTheReferenceKernels() {
        Attributes a = attrs(1, 1, "VALID");
        Literal x = Literal.of(new float[2 * 4 * 4 * 3], Shape.of(2, 4, 4, 3));
        Literal f = Literal.of(new float[3 * 3 * 2 * 5], Shape.of(3, 3, 2, 5));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> run(KernelRegistry.standard(), "conv2d", a, x, f));
        assertEquals(assertThrows(InvalidArgumentException.class, () -> reference("conv2d", a, x, f)).getMessage(), e.getMessage());
    }

    /** (L(v + h e_i) - L(v - h e_i)) / 2h for a float64 literal v. */
    static double central(java.util.function.ToDoubleFunction<Literal> loss, Literal v, int i) {
        double h = 1e-5;
        double[] plus = v.doubles().clone();
        double[] minus = v.doubles().clone();
        plus[i] += h;
        minus[i] -= h;
        return (loss.applyAsDouble(Literal.of(plus, v.shape())) - loss.applyAsDouble(Literal.of(minus, v.shape()))) / (2 * h);
    }

    private static double loss(KernelRegistry k, Attributes a, Literal x, Literal f, Literal w) {
        Literal y = run(k, "conv2d", a, x, f);
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            s += y.getDouble(i) * w.getDouble(i);
        }
        return s;
    }
}
