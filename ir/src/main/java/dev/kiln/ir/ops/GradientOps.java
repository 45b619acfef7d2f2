package dev.kiln.ir.ops;

import dev.kiln.ir.AttrKind;
import dev.kiln.ir.DType;
import dev.kiln.ir.DTypes;
import dev.kiln.ir.Inference;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.OpFlag;
import dev.kiln.ir.Shape;
import dev.kiln.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Ops that gradient rules of other ops emit: the backward passes of convolution, pooling, slicing,
 * concat, tile and gather_nd, the segment sum that scatters gathered gradients back, and a one-hot whose depth
 * comes from a tensor. An operand named {@code *_like} (or {@code like}) contributes only its type (the
 * forward input's), which is also the result type: inside a trace its dimensions may be unknown, and
 * the kernel reads them at run time.
 */
public final class GradientOps {
    private GradientOps() {}

    private static final OpFlag D = OpFlag.DIFFERENTIABLE;

    public static final OpDef CONV2D_BACKPROP_INPUT = NnOps.convAttrs(OpDef.builder("conv2d_backprop_input")
            .tf("Conv2DBackpropInput").operands("input_like", "filter", "out_backprop"))
            .flags(D)
            .type(in -> {
                in.sameDType(0, 1, 2);
                in.dtypeIn(0, DTypes.FLOATING);
                requireForward(in, 2, ConvShape.conv2d(in, in.shape(0), in.shape(1)), "conv2d");
                return List.of(in.tensor(0));
            })
            .doc("The gradient of conv2d with respect to its input, given the gradient of its output.")
            .build();

    public static final OpDef CONV2D_BACKPROP_FILTER = NnOps.convAttrs(OpDef.builder("conv2d_backprop_filter")
            .tf("Conv2DBackpropFilter").operands("input", "filter_like", "out_backprop"))
            .flags(D)
            .type(in -> {
                in.sameDType(0, 1, 2);
                in.dtypeIn(0, DTypes.FLOATING);
                requireForward(in, 2, ConvShape.conv2d(in, in.shape(0), in.shape(1)), "conv2d");
                return List.of(in.tensor(1));
            })
            .doc("The gradient of conv2d with respect to its filter, given the gradient of its output.")
            .build();

    public static final OpDef MAX_POOL_GRAD = NnOps.poolAttrs(OpDef.builder("max_pool_grad").tf("MaxPoolGrad")
            .operands("orig_input", "orig_output", "grad"))
            .flags(D)
            .type(in -> {
                in.sameDType(0, 1, 2);
                in.dtypeIn(0, DTypes.FLOATING);
                Shape out = ConvShape.pool(in, in.shape(0));
                requireForward(in, 1, out, "max_pool");
                requireForward(in, 2, out, "max_pool");
                return List.of(in.tensor(0));
            })
            .doc("Routes each window's gradient to the input element max_pool picked.")
            .build();

    public static final OpDef AVG_POOL_GRAD = NnOps.poolAttrs(OpDef.builder("avg_pool_grad").tf("AvgPoolGrad")
            .operands("input_like", "grad"))
            .flags(D)
            .type(in -> {
                in.sameDType(0, 1);
                in.dtypeIn(0, DTypes.FLOATING);
                requireForward(in, 1, ConvShape.pool(in, in.shape(0)), "avg_pool");
                return List.of(in.tensor(0));
            })
            .doc("Spreads each window's gradient evenly over the input elements avg_pool averaged.")
            .build();

    public static final OpDef UNSORTED_SEGMENT_SUM = OpDef.builder("unsorted_segment_sum").tf("UnsortedSegmentSum")
            .operands("data", "segment_ids")
            .attr("num_segments", AttrKind.INT, "the size of the result's first dimension")
            .flags(D)
            .type(GradientOps::inferUnsortedSegmentSum)
            .doc("result[s, ...] = sum of data[i..., ...] over the indices i where segment_ids[i...] == s.")
            .build();

    public static final OpDef STRIDED_SLICE_GRAD = ArrayOps.stridedSliceAttrs(OpDef.builder("strided_slice_grad")
            .tf("StridedSliceGrad").operands("input_like", "dy"))
            .flags(D)
            .type(in -> {
                in.sameDType(0, 1);
                requireForward(in, 1, StridedSliceShape.infer(in, in.shape(0)), "strided_slice");
                return List.of(in.tensor(0));
            })
            .doc("dy written into zeros of input_like's type at the strided slice (attributes as strided_slice).")
            .build();

    public static final OpDef SLICE_GRAD = OpDef.builder("slice_grad").tf("_SliceGrad").operands("input_like", "dy")
            .attr("begin", AttrKind.INTS, "as slice")
            .attr("size", AttrKind.INTS, "as slice")
            .flags(D)
            .type(in -> {
                in.sameDType(0, 1);
                requireForward(in, 1, SliceShape.slice(in, in.shape(0), in.attrs().getLongList("begin"),
                        in.attrs().getLongList("size")), "slice");
                return List.of(in.tensor(0));
            })
            .doc("dy written into zeros of input_like's type at the slice's block.")
            .build();

    public static final OpDef GATHER_GRAD = OpDef.builder("gather_grad").tf("_GatherGrad")
            .operands("params_like", "indices", "dy")
            .attr("axis", AttrKind.INT, 0L, "as gather")
            .attr("batch_dims", AttrKind.INT, 0L, "as gather")
            .flags(D)
            .type(in -> {
                in.sameDType(0, 2);
                in.requireIn("Tindices", in.dtype(1), DTypes.INDEX);
                requireForward(in, 2, GatherShape.gather(in, in.shape(0), in.shape(1), in.attrs().getLong("axis"),
                        in.attrs().getLong("batch_dims")), "gather");
                return List.of(in.tensor(0));
            })
            .doc("Sums dy into zeros of params_like's type at the gathered indices (repeated indices add up).")
            .build();

    public static final OpDef GATHER_ND_GRAD = OpDef.builder("gather_nd_grad").tf("_GatherNdGrad")
            .operands("params_like", "indices", "dy")
            .flags(D)
            .type(in -> {
                in.sameDType(0, 2);
                in.requireIn("Tindices", in.dtype(1), DTypes.INDEX);
                requireForward(in, 2, IndexRowsShape.gatherNd(in, in.shape(0), in.shape(1)), "gather_nd");
                return List.of(in.tensor(0));
            })
            .doc("dy scattered into zeros of params_like's type at the index rows gather_nd read (repeated rows add up).")
            .build();

    public static final OpDef MAX_POOL_GRAD_GRAD = NnOps.poolAttrs(OpDef.builder("max_pool_grad_grad")
            .tf("MaxPoolGradGrad").operands("orig_input", "orig_output", "grad"))
            .flags(D)
            .type(in -> {
                in.sameDType(0, 1, 2);
                in.dtypeIn(0, DTypes.FLOATING);
                requireForward(in, 1, ConvShape.pool(in, in.shape(0)), "max_pool");
                if (!in.shape(0).isCompatibleWith(in.shape(2))) {
                    throw in.error("grad must have orig_input's shape " + in.shape(0).toIrString() + ", got "
                            + in.shape(2).toIrString());
                }
                return List.of(in.tensor(1));
            })
            .doc("For every max_pool window, grad at the element max_pool picked (the gradient of max_pool_grad).")
            .build();

    public static final OpDef CONCAT_GRAD = OpDef.builder("concat_grad").tf("_ConcatGrad")
            .operands("dy").variadic("like", 1)
            .attr("axis", AttrKind.INT, "as concat")
            .flags(D)
            .type(GradientOps::inferConcatGrad)
            .doc("dy cut along axis into one piece per like, each of that like's type (the sizes are read at run time).")
            .build();

    public static final OpDef TILE_GRAD = OpDef.builder("tile_grad").tf("_TileGrad").operands("dy", "like")
            .attr("multiples", AttrKind.INTS, "as tile")
            .flags(D)
            .type(in -> {
                in.sameDType(0, 1);
                in.dtypeIn(0, DTypes.NUMERIC);
                requireForward(in, 0, ArrayOps.tile(in, in.shape(1)), "tile");
                return List.of(in.tensor(1));
            })
            .doc("Sums the tiles of dy (a tile result) back into like's type.")
            .build();

    public static final OpDef ONE_HOT_LIKE = OpDef.builder("one_hot_like").tf("_OneHotLike")
            .operands("indices", "like")
            .type(GradientOps::inferOneHotLike)
            .doc("One-hot rows of like's type: like's last dimension is the depth (read at run time); 1 at each "
                    + "index, 0 elsewhere (an index outside [0, depth) gives a row of zeros).")
            .build();

    public static final List<OpDef> ALL = List.of(CONV2D_BACKPROP_INPUT, CONV2D_BACKPROP_FILTER, MAX_POOL_GRAD,
            AVG_POOL_GRAD, UNSORTED_SEGMENT_SUM, STRIDED_SLICE_GRAD, SLICE_GRAD, GATHER_GRAD, GATHER_ND_GRAD,
            MAX_POOL_GRAD_GRAD, CONCAT_GRAD, TILE_GRAD, ONE_HOT_LIKE);

    /** Operand {@code i} (a gradient of the forward result) must fit the forward op's result shape. */
    private static void requireForward(Inference in, int i, Shape forward, String forwardOp) {
        Shape s = in.shape(i);
        if (!forward.isCompatibleWith(s)) {
            throw in.error(in.op().operandName(i) + " must have the " + forwardOp + " result shape "
                    + forward.toIrString() + ", got " + s.toIrString());
        }
    }

    private static List<Type> inferConcatGrad(Inference in) {
        in.sameDTypeAll();
        // The likes are concat's inputs: their concatenation must fit dy.
        Inference likes = new Inference(in.op(), in.operands().subList(1, in.arity()), in.attrs(), List.of());
        requireForward(in, 0, ConcatShape.concat(likes, in.attrs().getLong("axis")), "concat");
        List<Type> out = new ArrayList<>(in.arity() - 1);
        for (int i = 1; i < in.arity(); i++) {
            out.add(in.tensor(i));
        }
        return out;
    }

    private static List<Type> inferOneHotLike(Inference in) {
        in.requireIn("TI", in.dtype(0), Set.of(DType.UINT8, DType.INT32, DType.INT64));
        in.dtypeIn(1, DTypes.NUMERIC);
        Shape indices = in.shape(0);
        Shape like = in.shape(1);
        if (indices.hasKnownRank() && like.hasKnownRank()) {
            boolean fits = like.rank() == indices.rank() + 1;
            for (int i = 0; fits && i < indices.rank(); i++) {
                fits = Dims.compatible(indices.dim(i), like.dim(i));
            }
            if (!fits) {
                throw in.error("like must have the shape of indices " + indices.toIrString()
                        + " plus a depth dimension, got " + like.toIrString());
            }
        }
        return List.of(in.tensor(1));
    }

    private static List<Type> inferUnsortedSegmentSum(Inference in) {
        DType d = in.dtypeIn(0, DTypes.NUMERIC);
        in.requireIn("Tindices", in.dtype(1), DTypes.INDEX);
        long n = in.attrs().getLong("num_segments");
        if (n < 0) {
            throw in.error("Input num_segments == " + n + " must not be negative.");
        }
        Shape data = in.shape(0);
        Shape ids = in.shape(1);
        if (!data.hasKnownRank() || !ids.hasKnownRank()) {
            return Inference.result(d, Shape.unknownRank());
        }
        boolean prefix = ids.rank() <= data.rank();
        for (int i = 0; prefix && i < ids.rank(); i++) {
            prefix = Dims.compatible(data.dim(i), ids.dim(i));
        }
        if (!prefix) {
            throw in.error("data.shape = " + data.toIrString() + " does not start with segment_ids.shape = "
                    + ids.toIrString());
        }
        int[] rest = Dims.range(data, ids.rank(), data.rank());
        return Inference.result(d, Shape.of(Dims.concat(new int[] {Math.toIntExact(n)}, rest)));
    }
}
