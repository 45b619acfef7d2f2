package dev.kiln.runtime.kernels;

import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import java.util.Arrays;

/**
 * The element positions that rows of coordinates address (gather_nd, gather_nd_grad and the scatter
 * updates): row {@code r} of indices, {@code depth} coordinates long, picks the slice
 * {@code params[i0, ..., i(depth-1)]}; the positions of the slices follow each other in row order.
 */
final class IndexRows {
    private IndexRows() {}

    /** Rows along the last dimension of indices, as TensorFlow's gather_nd and tensor_scatter_update read them. */
    static int[] lastDimension(OpDef op, Shape params, Literal indices, String target) {
        int[] id = indices.shape().dims();
        return positions(op, params, indices, Arrays.copyOf(id, id.length - 1), id[id.length - 1], target);
    }

    /**
     * @param batch the dimensions of indices that count the rows
     * @param target how the error names params' shape ({@code "shape"}, {@code "param shape"})
     * @throws dev.kiln.InvalidArgumentException "indices[1] = [5] does not index into shape [3]" for a row
     *     outside params
     */
    static int[] positions(OpDef op, Shape params, Literal indices, int[] batch, int depth, String target) {
        int count = IndexKernels.product(batch, 0, batch.length);
        int[] strides = params.strides();
        int slice = IndexKernels.product(params.dims(), depth, params.rank());
        long[] idx = Cast.asLongs(indices);
        int[] out = new int[count * slice];
        for (int r = 0; r < count; r++) {
            int offset = 0;
            for (int j = 0; j < depth; j++) {
                long v = idx[r * depth + j];
                if (v < 0 || v >= params.dim(j)) {
                    throw KernelError.of(op, "indices" + (batch.length == 0 ? "" : IndexKernels.position(batch, r))
                            + " = " + row(idx, r * depth, depth) + " does not index into " + target + " "
                            + params.toIrString());
                }
                offset += (int) v * strides[j];
            }
            for (int k = 0; k < slice; k++) {
                out[r * slice + k] = offset + k;
            }
        }
        return out;
    }

    private static String row(long[] idx, int from, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int j = 0; j < n; j++) {
            sb.append(j > 0 ? ", " : "").append(idx[from + j]);
        }
        return sb.append(']').toString();
    }
}
