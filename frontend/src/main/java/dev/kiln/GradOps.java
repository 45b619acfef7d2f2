package dev.kiln;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.OpCatalog;

/**
 * The catalog's gradient-only ops as functions for the gradient rules. They take "like" operands
 * whose shape (known only at run time inside a trace) they need, not their values.
 */
final class GradOps {
    private GradOps() {}

    private static Tensor run(String op, Attributes attrs, Operand... inputs) {
        return ExecutionContext.run1(OpCatalog.get(op), attrs, inputs);
    }

    /** Sums {@code grad} over the dimensions along which {@code like} was broadcast, giving {@code like}'s shape. */
    static Tensor sumTo(Tensor grad, Tensor like) {
        if (grad.shape().equals(like.shape()) && like.shape().isFullyDefined()) {
            return grad;
        }
        return run("sum_to", Attributes.empty(), grad, like);
    }

    static Tensor reshapeLike(Tensor x, Tensor like) {
        if (x.shape().equals(like.shape()) && like.shape().isFullyDefined()) {
            return x;
        }
        return run("reshape_like", Attributes.empty(), x, like);
    }

    static Tensor broadcastLike(Tensor x, Tensor like) {
        if (x.shape().equals(like.shape()) && like.shape().isFullyDefined()) {
            return x;
        }
        return run("broadcast_like", Attributes.empty(), x, like);
    }

    /** {@code dy} cut along {@code axis} into one piece per concat input, sized as the inputs are at run time. */
    static Tensor[] concatGrad(Tensor dy, Operand[] inputs, long axis) {
        Operand[] operands = new Operand[inputs.length + 1];
        operands[0] = dy;
        System.arraycopy(inputs, 0, operands, 1, inputs.length);
        return ExecutionContext.run(OpCatalog.get("concat_grad"), Attributes.of("axis", axis), operands);
    }

    /** The tiles of {@code dy} summed back into {@code like}'s shape. */
    static Tensor tileGrad(Tensor dy, Tensor like, Attributes tileAttrs) {
        return run("tile_grad", tileAttrs, dy, like);
    }

    /** One-hot rows of {@code like}'s dtype and shape: the depth is {@code like}'s last dimension at run time. */
    static Tensor oneHotLike(Tensor indices, Tensor like) {
        return run("one_hot_like", Attributes.empty(), indices, like);
    }

    static Tensor conv2dBackpropInput(Tensor inputLike, Tensor filter, Tensor dy, Attributes convAttrs) {
        return run("conv2d_backprop_input", convAttrs, inputLike, filter, dy);
    }

    static Tensor conv2dBackpropFilter(Tensor input, Tensor filterLike, Tensor dy, Attributes convAttrs) {
        return run("conv2d_backprop_filter", convAttrs, input, filterLike, dy);
    }

    static Tensor maxPoolGrad(Tensor input, Tensor output, Tensor dy, Attributes poolAttrs) {
        return run("max_pool_grad", poolAttrs, input, output, dy);
    }

    /** For every max_pool window, the element of {@code grad} (input-shaped) at the window's maximum. */
    static Tensor maxPoolGradGrad(Tensor input, Tensor output, Tensor grad, Attributes poolAttrs) {
        return run("max_pool_grad_grad", poolAttrs, input, output, grad);
    }

    static Tensor avgPoolGrad(Tensor inputLike, Tensor dy, Attributes poolAttrs) {
        return run("avg_pool_grad", poolAttrs, inputLike, dy);
    }

    static Tensor unsortedSegmentSum(Tensor data, Tensor ids, int numSegments) {
        return run("unsorted_segment_sum", Attributes.of("num_segments", (long) numSegments), data, ids);
    }

    static Tensor stridedSliceGrad(Tensor inputLike, Tensor dy, Attributes sliceAttrs) {
        return run("strided_slice_grad", sliceAttrs, inputLike, dy);
    }

    static Tensor sliceGrad(Tensor inputLike, Tensor dy, Attributes sliceAttrs) {
        return run("slice_grad", sliceAttrs, inputLike, dy);
    }

    static Tensor gatherGrad(Tensor paramsLike, Tensor indices, Tensor dy, Attributes gatherAttrs) {
        return run("gather_grad", gatherAttrs, paramsLike, indices, dy);
    }

    static Tensor gatherNdGrad(Tensor paramsLike, Tensor indices, Tensor dy) {
        return run("gather_nd_grad", Attributes.empty(), paramsLike, indices, dy);
    }

    static Tensor stridedSlice(Tensor x, Attributes sliceAttrs) {
        return run("strided_slice", sliceAttrs, x);
    }

    static Tensor slice(Tensor x, Attributes sliceAttrs) {
        return run("slice", sliceAttrs, x);
    }

    static Tensor conv2d(Tensor x, Tensor f, Attributes convAttrs) {
        return run("conv2d", convAttrs, x, f);
    }

    static Tensor avgPool(Tensor x, Attributes poolAttrs) {
        return run("avg_pool", poolAttrs, x);
    }

    static Tensor gather(Tensor params, Tensor indices, Attributes gatherAttrs) {
        return run("gather", gatherAttrs, params, indices);
    }
}
