package dev.kiln.runtime.fast;

import dev.kiln.runtime.kernels.SlidingWindow;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DirectConv}'s register block for one input channel and three filter columns at unit
 * horizontal stride and dilation (the first layer of an image CNN): {@value #PIXELS} neighbouring
 * output pixels of one channel vector. With one input channel the general block loads a filter vector
 * and {@value #PIXELS} inputs for only {@value #PIXELS} FMAs per tap; here the {@value #PIXELS}+2
 * inputs of a filter row are broadcast once and feed all three of its filter vectors (24 FMAs for 13
 * loads). Each accumulator still sums its taps in (ky, kx) order, the chain of
 * {@link DirectConv#forward}, so results are the same.
 */
final class SingleChannelConv {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    /** Output pixels per block: eight independent FMA chains cover the latency. */
    static final int PIXELS = 8;

    private SingleChannelConv() {}

    /** True when window {@code g}'s blocks can run here. */
    static boolean serves(SlidingWindow g) {
        return !VectorWidth.SCALAR && g.c() == 1 && g.kw() == 3 && g.sw() == 1 && g.dw() == 1;
    }

    /**
     * Output pixels [xo, xo + PIXELS) of row y of image b, channels [0, vecO) in vectors; the pixels'
     * windows must lie inside the input horizontally. Rows of the window in the padding are skipped.
     */
    static void block(SlidingWindow g, float[] x, float[] f, int o, int vecO, float[] bias, Activation act, int b,
            int y, int xo, float[] out) {
        int col = g.col(xo, 0);
        int o0 = g.outputOffset(b, y, xo, o);
        for (int v = 0; v < vecO; v += S.length()) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int ky = 0; ky < g.kh(); ky++) {
                int iy = g.row(y, ky);
                if (iy < 0 || iy >= g.h()) {
                    continue;
                }
                int i = g.inputOffset(b, iy, col);
                int f0 = ky * 3 * o + v;
                FloatVector w0 = FloatVector.fromArray(S, f, f0);
                FloatVector w1 = FloatVector.fromArray(S, f, f0 + o);
                FloatVector w2 = FloatVector.fromArray(S, f, f0 + 2 * o);
                // Input column q feeds pixel q - kx with filter column kx; per pixel kx still ascends.
                FloatVector p = FloatVector.broadcast(S, x[i]);
                a0 = p.fma(w0, a0);
                p = FloatVector.broadcast(S, x[i + 1]);
                a0 = p.fma(w1, a0);
                a1 = p.fma(w0, a1);
                p = FloatVector.broadcast(S, x[i + 2]);
                a0 = p.fma(w2, a0);
                a1 = p.fma(w1, a1);
                a2 = p.fma(w0, a2);
                p = FloatVector.broadcast(S, x[i + 3]);
                a1 = p.fma(w2, a1);
                a2 = p.fma(w1, a2);
                a3 = p.fma(w0, a3);
                p = FloatVector.broadcast(S, x[i + 4]);
                a2 = p.fma(w2, a2);
                a3 = p.fma(w1, a3);
                a4 = p.fma(w0, a4);
                p = FloatVector.broadcast(S, x[i + 5]);
                a3 = p.fma(w2, a3);
                a4 = p.fma(w1, a4);
                a5 = p.fma(w0, a5);
                p = FloatVector.broadcast(S, x[i + 6]);
                a4 = p.fma(w2, a4);
                a5 = p.fma(w1, a5);
                a6 = p.fma(w0, a6);
                p = FloatVector.broadcast(S, x[i + 7]);
                a5 = p.fma(w2, a5);
                a6 = p.fma(w1, a6);
                a7 = p.fma(w0, a7);
                p = FloatVector.broadcast(S, x[i + 8]);
                a6 = p.fma(w2, a6);
                a7 = p.fma(w1, a7);
                p = FloatVector.broadcast(S, x[i + 9]);
                a7 = p.fma(w2, a7);
            }
            if (bias != null) {
                FloatVector d = FloatVector.fromArray(S, bias, v);
                a0 = a0.add(d);
                a1 = a1.add(d);
                a2 = a2.add(d);
                a3 = a3.add(d);
                a4 = a4.add(d);
                a5 = a5.add(d);
                a6 = a6.add(d);
                a7 = a7.add(d);
            }
            if (act == Activation.RELU) {
                // Spelled out: through FloatGemm.activate the seed CNN's first layer took 0.42 ms, here 0.24 ms.
                a0 = a0.blend(0f, a0.lt(0f));
                a1 = a1.blend(0f, a1.lt(0f));
                a2 = a2.blend(0f, a2.lt(0f));
                a3 = a3.blend(0f, a3.lt(0f));
                a4 = a4.blend(0f, a4.lt(0f));
                a5 = a5.blend(0f, a5.lt(0f));
                a6 = a6.blend(0f, a6.lt(0f));
                a7 = a7.blend(0f, a7.lt(0f));
            } else if (act != Activation.NONE) {
                a0 = FloatGemm.activate(a0, act);
                a1 = FloatGemm.activate(a1, act);
                a2 = FloatGemm.activate(a2, act);
                a3 = FloatGemm.activate(a3, act);
                a4 = FloatGemm.activate(a4, act);
                a5 = FloatGemm.activate(a5, act);
                a6 = FloatGemm.activate(a6, act);
                a7 = FloatGemm.activate(a7, act);
            }
            int at = o0 + v;
            a0.intoArray(out, at);
            a1.intoArray(out, at + o);
            a2.intoArray(out, at + 2 * o);
            a3.intoArray(out, at + 3 * o);
            a4.intoArray(out, at + 4 * o);
            a5.intoArray(out, at + 5 * o);
            a6.intoArray(out, at + 6 * o);
            a7.intoArray(out, at + 7 * o);
        }
    }
}
