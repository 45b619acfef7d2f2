package dev.kiln.runtime.fast;

import dev.kiln.runtime.kernels.SlidingWindow;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 conv2d filter gradient for windows with few taps, {@code df[ky, kx, c, o] = sum x[window tap] ·
 * dy[pixel, o]} over the output pixels, with the accumulators in registers: one pass over the pixels
 * per group of eight (tap, channel vector) accumulators, then one pass per accumulator left over. Each
 * element is one fma chain over the pixels in (b, y, x) order, the chain of im2col + matmul, so the
 * results are the same. On the seed CNN's first layer (3x3x1 -> 16, batch 32, one core) it takes
 * about a tenth of im2col + matmul's 0.8 ms, which went to the column matrix and the packing.
 */
final class DirectFilterGradient {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = VectorWidth.SCALAR ? 1 : S.length();
    /** At most this many accumulators (two passes of eight): beyond, the passes re-read too much. */
    private static final int MAX_ACCUMULATORS = 16;

    private DirectFilterGradient() {}

    /**
     * True when window {@code g} with {@code o} output channels runs here: whole channel vectors, few
     * accumulators, and no padding (every tap of every window inside the input, as im2col would
     * otherwise add its zeros to the chains).
     */
    static boolean serves(SlidingWindow g, int o) {
        return !VectorWidth.SCALAR && o % L == 0 && (long) g.kh() * g.kw() * g.c() * (o / L) <= MAX_ACCUMULATORS
                && g.padTop() == 0 && g.padLeft() == 0 && (g.oh() - 1) * g.sh() + (g.kh() - 1) * g.dh() < g.h()
                && (g.ow() - 1) * g.sw() + (g.kw() - 1) * g.dw() < g.w();
    }

    /** Images [b0, b1) of the gradient of filter [kh, kw, c, o] into {@code df} (zeros on entry). */
    static void accumulate(SlidingWindow g, float[] x, float[] dy, int o, float[] df, int b0, int b1) {
        int taps = g.kh() * g.kw() * g.c();
        int count = taps * (o / L);
        // Accumulator j: tap j / vectors (its input offset from the window's origin), vector j % vectors.
        int vectors = o / L;
        int[] xOff = new int[count];
        int[] dyOff = new int[count];
        int[] dfOff = new int[count];
        for (int j = 0; j < count; j++) {
            int tap = j / vectors;
            int ky = tap / (g.kw() * g.c());
            int kx = tap / g.c() % g.kw();
            int ch = tap % g.c();
            xOff[j] = (ky * g.dh() * g.w() + kx * g.dw()) * g.c() + ch;
            dyOff[j] = j % vectors * L;
            dfOff[j] = tap * o + dyOff[j];
        }
        int j = 0;
        for (; j + 8 <= count; j += 8) {
            pass8(g, x, dy, o, df, b0, b1, xOff, dyOff, dfOff, j);
        }
        for (; j < count; j++) {
            pass1(g, x, dy, o, df, b0, b1, xOff[j], dyOff[j], dfOff[j]);
        }
    }

    private static void pass8(SlidingWindow g, float[] x, float[] dy, int o, float[] df, int b0, int b1, int[] xOff,
            int[] dyOff, int[] dfOff, int j) {
        int x0 = xOff[j], x1 = xOff[j + 1], x2 = xOff[j + 2], x3 = xOff[j + 3];
        int x4 = xOff[j + 4], x5 = xOff[j + 5], x6 = xOff[j + 6], x7 = xOff[j + 7];
        int d0 = dyOff[j], d1 = dyOff[j + 1], d2 = dyOff[j + 2], d3 = dyOff[j + 3];
        int d4 = dyOff[j + 4], d5 = dyOff[j + 5], d6 = dyOff[j + 6], d7 = dyOff[j + 7];
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        int step = g.sw() * g.c();
        for (int b = b0; b < b1; b++) {
            for (int y = 0; y < g.oh(); y++) {
                int i = g.inputOffset(b, y * g.sh(), 0);
                int d = g.outputOffset(b, y, 0, o);
                if (o == L) {
                    // One channel vector: every accumulator multiplies the same dy vector.
                    for (int xo = 0; xo < g.ow(); xo++, i += step, d += o) {
                        FloatVector v = FloatVector.fromArray(S, dy, d);
                        a0 = FloatVector.broadcast(S, x[i + x0]).fma(v, a0);
                        a1 = FloatVector.broadcast(S, x[i + x1]).fma(v, a1);
                        a2 = FloatVector.broadcast(S, x[i + x2]).fma(v, a2);
                        a3 = FloatVector.broadcast(S, x[i + x3]).fma(v, a3);
                        a4 = FloatVector.broadcast(S, x[i + x4]).fma(v, a4);
                        a5 = FloatVector.broadcast(S, x[i + x5]).fma(v, a5);
                        a6 = FloatVector.broadcast(S, x[i + x6]).fma(v, a6);
                        a7 = FloatVector.broadcast(S, x[i + x7]).fma(v, a7);
                    }
                    continue;
                }
                for (int xo = 0; xo < g.ow(); xo++, i += step, d += o) {
                    a0 = FloatVector.broadcast(S, x[i + x0]).fma(FloatVector.fromArray(S, dy, d + d0), a0);
                    a1 = FloatVector.broadcast(S, x[i + x1]).fma(FloatVector.fromArray(S, dy, d + d1), a1);
                    a2 = FloatVector.broadcast(S, x[i + x2]).fma(FloatVector.fromArray(S, dy, d + d2), a2);
                    a3 = FloatVector.broadcast(S, x[i + x3]).fma(FloatVector.fromArray(S, dy, d + d3), a3);
                    a4 = FloatVector.broadcast(S, x[i + x4]).fma(FloatVector.fromArray(S, dy, d + d4), a4);
                    a5 = FloatVector.broadcast(S, x[i + x5]).fma(FloatVector.fromArray(S, dy, d + d5), a5);
                    a6 = FloatVector.broadcast(S, x[i + x6]).fma(FloatVector.fromArray(S, dy, d + d6), a6);
                    a7 = FloatVector.broadcast(S, x[i + x7]).fma(FloatVector.fromArray(S, dy, d + d7), a7);
                }
            }
        }
        a0.intoArray(df, dfOff[j]);
        a1.intoArray(df, dfOff[j + 1]);
        a2.intoArray(df, dfOff[j + 2]);
        a3.intoArray(df, dfOff[j + 3]);
        a4.intoArray(df, dfOff[j + 4]);
        a5.intoArray(df, dfOff[j + 5]);
        a6.intoArray(df, dfOff[j + 6]);
        a7.intoArray(df, dfOff[j + 7]);
    }

    private static void pass1(SlidingWindow g, float[] x, float[] dy, int o, float[] df, int b0, int b1, int xOff,
            int dyOff, int dfOff) {
        FloatVector a = FloatVector.zero(S);
        int step = g.sw() * g.c();
        for (int b = b0; b < b1; b++) {
            for (int y = 0; y < g.oh(); y++) {
                int i = g.inputOffset(b, y * g.sh(), 0) + xOff;
                int d = g.outputOffset(b, y, 0, o) + dyOff;
                for (int xo = 0; xo < g.ow(); xo++, i += step, d += o) {
                    a = FloatVector.broadcast(S, x[i]).fma(FloatVector.fromArray(S, dy, d), a);
                }
            }
        }
        a.intoArray(df, dfOff);
    }
}
