package dev.kiln.runtime.kernels;

import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.PureKernel;
import java.util.ArrayList;
import java.util.List;

/** Ops driven by index values: gather, gather_nd, tensor_scatter_update, one_hot, where_indices. */
final class IndexKernels {
    private IndexKernels() {}

    static void register(KernelRegistry.Builder b) {
        b.put("gather", IndexKernels::gather);
        b.put("gather_nd", op -> (PureKernel) (in, attrs) -> {
            Shape out = ConcreteTypes.resultShape(op, in, attrs);
            return new Literal[] {Elements.take(in[0], IndexRows.lastDimension(op, in[0].shape(), in[1], "param shape"), out)};
        });
        b.put("tensor_scatter_update", op -> (PureKernel) (in, attrs) -> {
            ConcreteTypes.infer(op, List.of(), in, attrs);
            return new Literal[] {Elements.put(in[0], IndexRows.lastDimension(op, in[0].shape(), in[1], "shape"), in[2])};
        });
        b.put("one_hot", IndexKernels::oneHot);
        b.putInto("one_hot", OneHotInto::new);
        b.put("where_indices", op -> (PureKernel) (in, attrs) -> new Literal[] {whereIndices(in[0])});
    }

    /**
     * For each element of gather's result, the params element it copies. With batch dims b and axis a:
     * result[batch, outer, j, inner] = params[batch, outer, indices[batch, j], inner].
     *
     * @throws dev.kiln.InvalidArgumentException "indices[0] = 5 is not in [0, 3)" for an index out of range
     */
    static int[] gatherIndex(OpDef op, Shape params, Literal indices, long axisAttr, long batchDimsAttr) {
        int[] pd = params.dims();
        int[] id = indices.shape().dims();
        int batchDims = (int) (batchDimsAttr < 0 ? batchDimsAttr + id.length : batchDimsAttr);
        int axis = (int) (axisAttr < 0 ? axisAttr + pd.length : axisAttr);
        int batch = product(pd, 0, batchDims);
        int outer = product(pd, batchDims, axis);
        int limit = pd[axis];
        int inner = product(pd, axis + 1, pd.length);
        int perBatch = product(id, batchDims, id.length);
        long[] idx = Cast.asLongs(indices);
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= limit) {
                throw KernelError.of(op, "indices" + position(id, i) + " = " + idx[i] + " is not in [0, " + limit + ")");
            }
        }
        int[] out = new int[batch * outer * perBatch * inner];
        int o = 0;
        for (int bt = 0; bt < batch; bt++) {
            for (int ou = 0; ou < outer; ou++) {
                int rowBase = (bt * outer + ou) * limit;
                for (int j = 0; j < perBatch; j++) {
                    int src = (rowBase + (int) idx[bt * perBatch + j]) * inner;
                    for (int k = 0; k < inner; k++) {
                        out[o++] = src + k;
                    }
                }
            }
        }
        return out;
    }

    private static PureKernel gather(OpDef op) {
        return (in, attrs) -> {
            Shape out = ConcreteTypes.resultShape(op, in, attrs);
            int[] index = gatherIndex(op, in[0].shape(), in[1], attrs.getLong("axis"), attrs.getLong("batch_dims"));
            return new Literal[] {Elements.take(in[0], index, out)};
        };
    }

    /** {@code [i,j]} for flat position {@code flat} of a tensor with dimensions {@code dims}. */
    static String position(int[] dims, int flat) {
        if (dims.length == 0) {
            return "[]";
        }
        int[] coord = new int[dims.length];
        int rest = flat;
        for (int k = dims.length - 1; k >= 0; k--) {
            coord[k] = dims[k] == 0 ? 0 : rest % dims[k];
            rest = dims[k] == 0 ? 0 : rest / dims[k];
        }
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < coord.length; k++) {
            sb.append(k > 0 ? "," : "").append(coord[k]);
        }
        return sb.append(']').toString();
    }

    static int product(int[] dims, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= dims[i];
        }
        return p;
    }

    /** One-hot rows; an index outside [0, depth) (negative included) gives a row of off values. */
    private static PureKernel oneHot(OpDef op) {
        return (in, attrs) -> {
            Shape out = ConcreteTypes.resultShape(op, in, attrs);
            int depth = attrs.getInt("depth");
            long a = attrs.getLong("axis");
            int[] id = in[0].shape().dims();
            int axis = a == -1 ? id.length : (int) a;
            int outer = product(id, 0, axis);
            int inner = product(id, axis, id.length);
            long[] idx = Cast.asLongs(in[0]);
            double on = attrs.getDouble("on_value");
            double off = attrs.getDouble("off_value");
            DType dtype = attrs.getDType("dtype");
            // A two-element source [off, on] and an index map into it keep this dtype-agnostic.
            Literal values = Literal.wrap(DType.FLOAT64, Shape.of(2), new double[] {off, on});
            Literal source = Cast.cast(values, dtype);
            int[] pick = new int[out.size()];
            for (int o = 0; o < outer; o++) {
                for (int d = 0; d < depth; d++) {
                    for (int k = 0; k < inner; k++) {
                        pick[(o * depth + d) * inner + k] = idx[o * inner + k] == d ? 1 : 0;
                    }
                }
            }
            return new Literal[] {Elements.take(source, pick, out)};
        };
    }

    /** The coordinates of the nonzero (true) elements, one int64 row each, in row-major order. */
    static Literal whereIndices(Literal condition) {
        int[] dims = condition.shape().dims();
        int rank = dims.length;
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < condition.size(); i++) {
            if (condition.getBoolean(i)) {
                hits.add(i);
            }
        }
        long[] out = new long[hits.size() * rank];
        for (int h = 0; h < hits.size(); h++) {
            int rest = hits.get(h);
            for (int k = rank - 1; k >= 0; k--) {
                out[h * rank + k] = rest % dims[k];
                rest /= dims[k];
            }
        }
        return Literal.wrap(DType.INT64, Shape.of(hits.size(), rank), out);
    }
}
