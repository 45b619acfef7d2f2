package dev.kiln.runtime.kernels;

import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.PureKernel;

/**
 * Ops that create tensors: fill, fill_dims, range, lin_space, zeros_like, ones_like. range and lin_space compute
 * in the result dtype as TensorFlow's kernels do (range accumulates start + delta + delta ...;
 * lin_space is start + i * step with the last element exactly stop).
 */
final class FactoryKernels {
    private FactoryKernels() {}

    static void register(KernelRegistry.Builder b) {
        b.put("fill", op -> (PureKernel) (in, attrs) -> {
            Shape out = ConcreteTypes.resultShape(op, in, attrs);
            return new Literal[] {Elements.take(in[0], new int[out.size()], out)};
        });
        b.put("fill_dims", FactoryKernels::fillDims);
        b.put("range", FactoryKernels::range);
        b.put("lin_space", FactoryKernels::linSpace);
        b.put("zeros_like", op -> (PureKernel) (in, attrs) -> new Literal[] {Literal.zeros(in[0].dtype(), in[0].shape())});
        b.put("ones_like", op -> (PureKernel) (in, attrs) -> new Literal[] {Literal.splat(in[0].dtype(), in[0].shape(), 1)});
    }

    /** The shape is dims' value, which must fit what the trace knew of it (the shape attribute). */
    private static PureKernel fillDims(OpDef op) {
        return (in, attrs) -> {
            Shape known = ConcreteTypes.resultShape(op, in, attrs);
            long[] dims = Cast.asLongs(in[0]);
            int[] out = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] < 0) {
                    throw KernelError.of(op, "Dimension " + dims[i] + " must be >= 0");
                }
                out[i] = Math.toIntExact(dims[i]);
            }
            Shape shape = Shape.of(out);
            if (!known.isCompatibleWith(shape)) {
                throw KernelError.of(op, "dims " + shape.toIrString() + " do not fit the shape " + known.toIrString()
                        + " known while tracing");
            }
            return new Literal[] {Elements.take(in[1], new int[shape.size()], shape)};
        };
    }

    private static PureKernel range(OpDef op) {
        return (in, attrs) -> {
            Shape out = ConcreteTypes.resultShape(op, in, attrs);
            int n = out.size();
            DType dtype = attrs.getDType("dtype");
            double start = attrs.getDouble("start");
            double delta = attrs.getDouble("delta");
            Object data;
            switch (dtype) {
                case FLOAT32 -> {
                    float[] v = new float[n];
                    float value = (float) start;
                    for (int i = 0; i < n; i++, value += (float) delta) {
                        v[i] = value;
                    }
                    data = v;
                }
                case FLOAT64 -> {
                    double[] v = new double[n];
                    double value = start;
                    for (int i = 0; i < n; i++, value += delta) {
                        v[i] = value;
                    }
                    data = v;
                }
                default -> {
                    long[] v = new long[n];
                    long value = (long) start;
                    for (int i = 0; i < n; i++, value += (long) delta) {
                        v[i] = value;
                    }
                    data = Cast.fromLongs(v, dtype, n);
                }
            }
            return new Literal[] {Literal.wrap(dtype, out, data)};
        };
    }

    private static PureKernel linSpace(OpDef op) {
        return (in, attrs) -> {
            Shape out = ConcreteTypes.resultShape(op, in, attrs);
            int n = out.size();
            DType dtype = attrs.getDType("dtype");
            double start = attrs.getDouble("start");
            double stop = attrs.getDouble("stop");
            Object data;
            if (dtype == DType.FLOAT32) {
                float[] v = new float[n];
                float s = (float) start;
                float step = n == 1 ? 0 : ((float) stop - s) / (n - 1);
                for (int i = 0; i < n; i++) {
                    v[i] = s + step * i;
                }
                v[n - 1] = n == 1 ? s : (float) stop;
                data = v;
            } else {
                double[] v = new double[n];
                double step = n == 1 ? 0 : (stop - start) / (n - 1);
                for (int i = 0; i < n; i++) {
                    v[i] = start + step * i;
                }
                v[n - 1] = n == 1 ? start : stop;
                data = v;
            }
            return new Literal[] {Literal.wrap(dtype, out, data)};
        };
    }
}
