package dev.kiln.runtime.fast;

import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.Parallelism;
import dev.kiln.runtime.PureKernel;
import dev.kiln.runtime.kernels.ConcreteTypes;
import dev.kiln.runtime.kernels.SlidingWindow;

/**
 * conv2d (NHWC input, HWIO filter, VALID/SAME, strides, dilations) and both of its gradients as
 * im2col + the packed matmul, for float32 and float64:
 *
 * <ul>
 *   <li>forward: {@code out[rows, o] = cols[rows, k] · filter[k, o]};
 *   <li>input gradient: {@code dcols = dy[rows, o] · filter^T}, scattered back by {@link Im2col#scatterAdd};
 *   <li>filter gradient: {@code dfilter += cols^T · dy[rows, o]}, accumulated chunk after chunk.
 * </ul>
 *
 * except the float32 forward pass, which runs {@link DirectConv}'s direct loop, the float32 input
 * gradient with unit strides and at least a vector of input channels, which runs the same loop over
 * dy with the rotated filter, and the float32 filter gradient of windows with few taps, which runs
 * {@link DirectFilterGradient}: on the seed CNN (28x28x1 -> 16 -> 32 channels, 3x3, batch 32) both
 * measured faster than im2col + matmul. Work is
 * split by whole images into a fixed number of parts (images never share input or output elements, so
 * parts write disjoint memory); each part walks its images in chunks of output lines whose columns
 * fit in L2. The filter gradient sums one partial per part, in part order, so it is reproducible for a
 * given thread count. Other dtypes go to the reference kernels.
 */
final class ConvKernels {
    /** Target size of one chunk's columns, in elements (128 KB of float32: well inside L2). */
    private static final int CHUNK = 32 * 1024;
    /** Below this many multiply-adds per part a second thread costs more than it saves. */
    private static final long PARALLEL_MIN = 1L << 18;

    private ConvKernels() {}

    static void register(KernelRegistry.Builder b) {
        b.replace("conv2d", (op, ref) -> forward(op, false, (PureKernel) ref));
        b.replace("fused_conv2d", (op, ref) -> forward(op, true, (PureKernel) ref));
        b.replace("conv2d_backprop_input", (op, ref) -> backpropInput(op, (PureKernel) ref));
        b.replace("conv2d_backprop_filter", (op, ref) -> backpropFilter(op, (PureKernel) ref));
    }

    private static boolean floating(Literal a, Literal b) {
        return a.dtype().isFloating() && b.dtype() == a.dtype();
    }

    /** The parts of an {@code n}-image batch: contiguous image ranges, a fixed function of the sizes. */
    private static int parts(SlidingWindow g, int outChannels) {
        long work = (long) g.n() * g.oh() * g.ow() * Im2col.width(g) * outChannels;
        return Math.min(Math.max(g.n(), 1), Parallelism.parts(work, PARALLEL_MIN));
    }

    private static int first(int n, int part, int parts) {
        return (int) ((long) n * part / parts);
    }

    /**
     * conv2d, or with {@code fused} fused_conv2d: the bias and activation are the epilogue of each
     * chunk's matmul, so the fused op equals conv2d, bias_add and the activation run one after another.
     */
    private static PureKernel forward(OpDef op, boolean fused, PureKernel reference) {
        return (in, attrs) -> {
            Literal x = in[0];
            Literal f = in[1];
            if (!floating(x, f) || (fused && in[2].dtype() != x.dtype())) {
                return reference.run(in, attrs);
            }
            Shape outShape = ConcreteTypes.resultShape(op, in, attrs);
            Activation act = fused ? Activation.fromAttribute(attrs.getString("activation")).orElseThrow() : Activation.NONE;
            Literal bias = fused ? in[2] : null;
            SlidingWindow g = SlidingWindow.conv(x.shape(), f.shape(), attrs);
            int o = f.shape().dim(3);
            int k = Im2col.width(g);
            int lines = Im2col.linesPerChunk(g, CHUNK);
            int parts = parts(g, o);
            boolean f32 = x.dtype() == DType.FLOAT32;
            Object out = f32 ? new float[outShape.size()] : new double[outShape.size()];
            if (f32) {
                float[] biasv = bias == null ? null : bias.floats();
                Parallelism.run(parts, part -> DirectConv.forward(g, x.floats(), f.floats(), o, biasv, act, (float[]) out,
                        first(g.n(), part, parts), first(g.n(), part + 1, parts)));
                return new Literal[] {Literal.wrap(x.dtype(), outShape, out)};
            }
            Parallelism.run(parts, part -> {
                Object cols = Im2col.identity(g) ? null : newArray(f32, lines * g.ow() * k);
                for (int b = first(g.n(), part, parts); b < first(g.n(), part + 1, parts); b++) {
                    for (int y0 = 0; y0 < g.oh(); y0 += lines) {
                        int y1 = Math.min(g.oh(), y0 + lines);
                        int rows = (y1 - y0) * g.ow();
                        int row0 = (b * g.oh() + y0) * g.ow();
                        if (f32) {
                            float[] a = x.floats();
                            int aOff = row0 * k;
                            if (cols != null) {
                                Im2col.gather(g, x.floats(), b, y0, y1, (float[]) cols);
                                a = (float[]) cols;
                                aOff = 0;
                            }
                            FloatGemm.single(new FloatGemm.Job(rows, o, k, a, aOff, k, 1, f.floats(), 0, o, 1,
                                    (float[]) out, row0 * o, o, bias == null ? null : bias.floats(), 0, act, false));
                        } else {
                            double[] a = x.doubles();
                            int aOff = row0 * k;
                            if (cols != null) {
                                Im2col.gather(g, x.doubles(), b, y0, y1, (double[]) cols);
                                a = (double[]) cols;
                                aOff = 0;
                            }
                            DoubleGemm.single(new DoubleGemm.Job(rows, o, k, a, aOff, k, 1, f.doubles(), 0, o, 1,
                                    (double[]) out, row0 * o, o, bias == null ? null : bias.doubles(), 0, act, false));
                        }
                    }
                }
            });
            return new Literal[] {Literal.wrap(x.dtype(), outShape, out)};
        };
    }

    private static PureKernel backpropInput(OpDef op, PureKernel reference) {
        return (in, attrs) -> {
            Literal f = in[1];
            Literal dy = in[2];
            if (!floating(f, dy) || in[0].dtype() != f.dtype()) {
                return reference.run(in, attrs);
            }
            ConcreteTypes.resultShape(op, in, attrs);
            Shape inputShape = in[0].shape();
            SlidingWindow g = SlidingWindow.conv(inputShape, f.shape(), attrs);
            int o = f.shape().dim(3);
            int k = Im2col.width(g);
            int lines = Im2col.linesPerChunk(g, CHUNK);
            int parts = parts(g, o);
            boolean f32 = f.dtype() == DType.FLOAT32;
            Object dx = f32 ? new float[inputShape.size()] : new double[inputShape.size()];
            if (f32 && DirectConv.servesInputGradient(g)) {
                // Measured faster than dy·f^T + col2im on the seed CNN's second layer.
                SlidingWindow t = DirectConv.inputGradientWindow(g, o);
                float[] padded = DirectConv.paddedGradient(g, dy.floats(), o);
                float[] rotated = DirectConv.rotatedFilter(f.floats(), g.kh(), g.kw(), g.c(), o);
                Parallelism.run(parts, part -> DirectConv.forward(t, padded, rotated, g.c(), null, Activation.NONE,
                        (float[]) dx, first(g.n(), part, parts), first(g.n(), part + 1, parts)));
                return new Literal[] {Literal.wrap(f.dtype(), inputShape, dx)};
            }
            Parallelism.run(parts, part -> {
                boolean direct = Im2col.identity(g);
                Object cols = direct ? null : newArray(f32, lines * g.ow() * k);
                for (int b = first(g.n(), part, parts); b < first(g.n(), part + 1, parts); b++) {
                    for (int y0 = 0; y0 < g.oh(); y0 += lines) {
                        int y1 = Math.min(g.oh(), y0 + lines);
                        int rows = (y1 - y0) * g.ow();
                        int row0 = (b * g.oh() + y0) * g.ow();
                        // dcols = dy rows · filter^T; filter^T as a strided view: element (o, kk) at kk*o_count + o.
                        if (f32) {
                            float[] c = direct ? (float[]) dx : (float[]) cols;
                            FloatGemm.single(new FloatGemm.Job(rows, k, o, dy.floats(), row0 * o, o, 1, f.floats(), 0, 1, o,
                                    c, direct ? row0 * k : 0, k, null, 0, Activation.NONE, false));
                            if (!direct) {
                                Im2col.scatterAdd(g, (float[]) cols, b, y0, y1, (float[]) dx);
                            }
                        } else {
                            double[] c = direct ? (double[]) dx : (double[]) cols;
                            DoubleGemm.single(new DoubleGemm.Job(rows, k, o, dy.doubles(), row0 * o, o, 1, f.doubles(), 0, 1, o,
                                    c, direct ? row0 * k : 0, k, null, 0, Activation.NONE, false));
                            if (!direct) {
                                Im2col.scatterAdd(g, (double[]) cols, b, y0, y1, (double[]) dx);
                            }
                        }
                    }
                }
            });
            return new Literal[] {Literal.wrap(f.dtype(), inputShape, dx)};
        };
    }

    private static PureKernel backpropFilter(OpDef op, PureKernel reference) {
        return (in, attrs) -> {
            Literal x = in[0];
            Literal dy = in[2];
            if (!floating(x, dy) || in[1].dtype() != x.dtype()) {
                return reference.run(in, attrs);
            }
            ConcreteTypes.resultShape(op, in, attrs);
            Shape filterShape = in[1].shape();
            SlidingWindow g = SlidingWindow.conv(x.shape(), filterShape, attrs);
            int o = filterShape.dim(3);
            int k = Im2col.width(g);
            int lines = Im2col.linesPerChunk(g, CHUNK);
            int parts = parts(g, o);
            boolean f32 = x.dtype() == DType.FLOAT32;
            Object[] partials = new Object[parts];
            boolean directF32 = f32 && DirectFilterGradient.serves(g, o);
            Parallelism.run(parts, part -> {
                Object df = newArray(f32, k * o);
                partials[part] = df;
                if (directF32) {
                    DirectFilterGradient.accumulate(g, x.floats(), dy.floats(), o, (float[]) df, first(g.n(), part, parts),
                            first(g.n(), part + 1, parts));
                    return;
                }
                boolean direct = Im2col.identity(g);
                Object cols = direct ? null : newArray(f32, lines * g.ow() * k);
                for (int b = first(g.n(), part, parts); b < first(g.n(), part + 1, parts); b++) {
                    for (int y0 = 0; y0 < g.oh(); y0 += lines) {
                        int y1 = Math.min(g.oh(), y0 + lines);
                        int rows = (y1 - y0) * g.ow();
                        int row0 = (b * g.oh() + y0) * g.ow();
                        // df[k, o] += cols^T · dy rows; cols^T as a strided view: element (kk, r) at r*k + kk.
                        if (f32) {
                            float[] a = x.floats();
                            int aOff = row0 * k;
                            if (!direct) {
                                Im2col.gather(g, x.floats(), b, y0, y1, (float[]) cols);
                                a = (float[]) cols;
                                aOff = 0;
                            }
                            FloatGemm.single(new FloatGemm.Job(k, o, rows, a, aOff, 1, k, dy.floats(), row0 * o, o, 1,
                                    (float[]) df, 0, o, null, 0, Activation.NONE, true));
                        } else {
                            double[] a = x.doubles();
                            int aOff = row0 * k;
                            if (!direct) {
                                Im2col.gather(g, x.doubles(), b, y0, y1, (double[]) cols);
                                a = (double[]) cols;
                                aOff = 0;
                            }
                            DoubleGemm.single(new DoubleGemm.Job(k, o, rows, a, aOff, 1, k, dy.doubles(), row0 * o, o, 1,
                                    (double[]) df, 0, o, null, 0, Activation.NONE, true));
                        }
                    }
                }
            });
            Object df = partials[0];
            for (int p = 1; p < parts; p++) {
                if (f32) {
                    FloatElementwise.accumulate((float[]) partials[p], 0, (float[]) df, 0, k * o);
                } else {
                    DoubleElementwise.accumulate((double[]) partials[p], 0, (double[]) df, 0, k * o);
                }
            }
            return new Literal[] {Literal.wrap(x.dtype(), filterShape, df)};
        };
    }

    private static Object newArray(boolean f32, int size) {
        return f32 ? new float[size] : new double[size];
    }
}
