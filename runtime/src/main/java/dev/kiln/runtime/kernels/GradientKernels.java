package dev.kiln.runtime.kernels;

import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.PureKernel;

/**
 * Kernels of the gradient group that scatter a gradient back to where its forward op read it:
 * slices, strided slices, gathers and gather_nd (repeated indices add up), unsorted_segment_sum, concat and tile; and
 * one_hot_like. The conv2d and pooling gradients live with their forward kernels.
 */
final class GradientKernels {
    private GradientKernels() {}

    static void register(KernelRegistry.Builder b) {
        b.put("slice_grad", op -> (PureKernel) (in, attrs) -> {
            Shape input = ConcreteTypes.resultShape(op, in, attrs);
            int[] offsets = LayoutKernels.sliceOffsets(input, attrs.getLongList("begin"), in[1].shape());
            return new Literal[] {Elements.scatterAdd(in[1], offsets, in[1].dtype(), input)};
        });
        b.put("strided_slice_grad", op -> (PureKernel) (in, attrs) -> {
            Shape input = ConcreteTypes.resultShape(op, in, attrs);
            int[] offsets = StridedSlice.of(input, attrs).offsets(input);
            return new Literal[] {Elements.scatterAdd(in[1], offsets, in[1].dtype(), input)};
        });
        b.put("gather_grad", op -> (PureKernel) (in, attrs) -> {
            Shape params = ConcreteTypes.resultShape(op, in, attrs);
            int[] index = IndexKernels.gatherIndex(op, params, in[1], attrs.getLong("axis"), attrs.getLong("batch_dims"));
            return new Literal[] {Elements.scatterAdd(in[2], index, in[2].dtype(), params)};
        });
        b.put("gather_nd_grad", op -> (PureKernel) (in, attrs) -> {
            Shape params = ConcreteTypes.resultShape(op, in, attrs);
            int[] index = IndexRows.lastDimension(op, params, in[1], "param shape");
            return new Literal[] {Elements.scatterAdd(in[2], index, in[2].dtype(), params)};
        });
        b.put("unsorted_segment_sum", GradientKernels::unsortedSegmentSum);
        b.put("concat_grad", LayoutKernels::pieces);
        b.put("tile_grad", op -> (PureKernel) (in, attrs) -> {
            Shape like = ConcreteTypes.resultShape(op, in, attrs);
            return new Literal[] {Elements.scatterAdd(in[0], LayoutKernels.tileIndex(like, in[0].shape()), in[0].dtype(), like)};
        });
        b.put("one_hot_like", GradientKernels::oneHotLike);
    }

    /** Rows of like's type with 1 at each index along the last dimension (the depth), 0 elsewhere. */
    private static PureKernel oneHotLike(OpDef op) {
        return (in, attrs) -> {
            Shape out = ConcreteTypes.resultShape(op, in, attrs);
            int depth = out.dim(-1);
            long[] idx = Cast.asLongs(in[0]);
            // A two-element source [0, 1] and an index map into it keep this dtype-agnostic.
            Literal source = Cast.cast(Literal.wrap(DType.FLOAT64, Shape.of(2), new double[] {0, 1}), in[1].dtype());
            int[] pick = new int[out.size()];
            for (int i = 0; i < idx.length; i++) {
                for (int d = 0; d < depth; d++) {
                    pick[i * depth + d] = idx[i] == d ? 1 : 0;
                }
            }
            return new Literal[] {Elements.take(source, pick, out)};
        };
    }

    /** Negative segment ids drop their rows (as TensorFlow's kernel does); ids >= num_segments are errors. */
    private static PureKernel unsortedSegmentSum(OpDef op) {
        return (in, attrs) -> {
            Shape out = ConcreteTypes.resultShape(op, in, attrs);
            Literal data = in[0];
            long[] ids = Cast.asLongs(in[1]);
            int segments = attrs.getInt("num_segments");
            int inner = ids.length == 0 ? 0 : data.size() / ids.length;
            int[] index = new int[data.size()];
            for (int i = 0; i < ids.length; i++) {
                long s = ids[i];
                if (s >= segments) {
                    throw KernelError.of(op, "segment_ids" + IndexKernels.position(in[1].shape().dims(), i) + " = " + s
                            + " is out of range [0, " + segments + ")");
                }
                for (int k = 0; k < inner; k++) {
                    index[i * inner + k] = s < 0 ? -1 : (int) s * inner + k;
                }
            }
            return new Literal[] {Elements.scatterAdd(data, index, data.dtype(), out)};
        };
    }
}
