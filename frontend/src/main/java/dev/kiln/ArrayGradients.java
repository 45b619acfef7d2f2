package dev.kiln;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.Shape;
import java.util.Arrays;
import java.util.Map;

/** Gradient rules of the shape and array ops ({@code array_grad.py}). */
final class ArrayGradients {
    private ArrayGradients() {}

    private static Tensor[] of(Tensor... grads) {
        return grads;
    }

    static void register(Map<String, GradientRule> r) {
        r.put("identity", g -> of(g.dy()));
        // As array_grad.py: the gradient is checked too.
        r.put("check_numerics", g -> of(Tf.checkNumerics(g.dy(),
                "Not a number (NaN) or infinity (Inf) values detected in gradient. " + g.attrs().getString("message"))));
        r.put("reshape", g -> of(GradOps.reshapeLike(g.dy(), g.x(0))));
        r.put("expand_dims", g -> of(GradOps.reshapeLike(g.dy(), g.x(0))));
        r.put("squeeze", g -> of(GradOps.reshapeLike(g.dy(), g.x(0))));
        r.put("transpose", g -> {
            if (!g.attrs().has("perm")) {
                return of(Tf.transpose(g.dy()));
            }
            int[] perm = g.attrs().getInts("perm");
            int[] inverse = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                inverse[perm[i] < 0 ? perm[i] + perm.length : perm[i]] = i;
            }
            return of(Tf.transpose(g.dy(), inverse));
        });
        r.put("concat", ArrayGradients::concatGrad);
        r.put("stack", ArrayGradients::stackGrad);
        r.put("unstack", g -> of(Tf.stack(Arrays.asList(g.outputGrads()), (int) g.attrs().getLong("axis"))));
        r.put("split", g -> of(Tf.concat(Arrays.asList(g.outputGrads()), (int) g.attrs().getLong("axis"))));
        r.put("slice", g -> of(GradOps.sliceGrad(g.x(0), g.dy(), g.attrs())));
        r.put("strided_slice", g -> of(GradOps.stridedSliceGrad(g.x(0), g.dy(), g.attrs())));
        r.put("gather", g -> of(GradOps.gatherGrad(g.x(0), g.x(1), g.dy(), g.attrs()), null));
        r.put("gather_nd", g -> of(GradOps.gatherNdGrad(g.x(0), g.x(1), g.dy()), null));
        // As TensorFlow's: the overwritten slices pass no gradient to the tensor; the updates get theirs.
        r.put("tensor_scatter_update", g -> of(Tf.tensorScatterNdUpdate(g.dy(), g.x(1), Tf.zerosLike(g.x(2))), null,
                Tf.gatherNd(g.dy(), g.x(1))));
        r.put("tile", ArrayGradients::tileGrad);
        r.put("broadcast_to", g -> of(GradOps.sumTo(g.dy(), g.x(0))));
        r.put("pad", g -> {
            int[] p = g.attrs().getInts("paddings");
            int rank = p.length / 2;
            long[] begin = new long[rank];
            long[] end = new long[rank];
            long[] strides = new long[rank];
            long endMask = 0;
            for (int i = 0; i < rank; i++) {
                begin[i] = p[2 * i];
                end[i] = -p[2 * i + 1];
                strides[i] = 1;
                if (p[2 * i + 1] == 0) {
                    endMask |= 1L << i;
                }
            }
            Attributes a = Attributes.of("begin", begin, "end", end, "strides", strides, "end_mask", endMask);
            return of(GradOps.stridedSlice(g.dy(), a));
        });
        r.put("fill", g -> of(Tf.reduceSum(g.dy())));
        r.put("fill_dims", g -> of(null, Tf.reduceSum(g.dy())));
        r.put("sum_to", g -> of(GradOps.broadcastLike(g.dy(), g.x(0)), null));
        r.put("reshape_like", g -> of(GradOps.reshapeLike(g.dy(), g.x(0)), null));
        r.put("broadcast_like", g -> of(GradOps.sumTo(g.dy(), g.x(0)), null));

        // second order through the gradient ops of indexing, concat and tile
        r.put("strided_slice_grad", g -> of(null, GradOps.stridedSlice(g.dy(), g.attrs())));
        r.put("slice_grad", g -> of(null, GradOps.slice(g.dy(), g.attrs())));
        r.put("gather_grad", g -> of(null, null, GradOps.gather(g.dy(), g.x(1), g.attrs())));
        r.put("gather_nd_grad", g -> of(null, null, Tf.gatherNd(g.dy(), g.x(1))));
        r.put("concat_grad", g -> {
            Tensor[] out = new Tensor[g.arity()];
            out[0] = Tf.concat(Arrays.asList(g.outputGrads()), (int) g.attrs().getLong("axis"));
            return out;
        });
        r.put("tile_grad", g -> of(Tf.tile(g.dy(), g.attrs().getInts("multiples")), null));
        r.put("unsorted_segment_sum", g -> of(GradOps.gather(g.dy(), g.x(1), Attributes.empty()), null));
    }

    /** Splits at the inputs' sizes along the axis: known sizes split statically, else concat_grad reads them at run time. */
    private static Tensor[] concatGrad(GradientInputs g) {
        long axisAttr = g.attrs().getLong("axis");
        int rank = -1;
        for (Operand in : g.inputs()) {
            rank = Math.max(rank, in.shape().rank());
        }
        int axis = (int) (axisAttr < 0 ? axisAttr + rank : axisAttr);
        int[] sizes = new int[g.arity()];
        boolean known = rank > 0;
        for (int i = 0; known && i < sizes.length; i++) {
            Shape s = g.inputs()[i].shape();
            sizes[i] = s.rank() == rank ? s.dim(axis) : Shape.UNKNOWN;
            known = sizes[i] != Shape.UNKNOWN;
        }
        if (known) {
            return Tf.split(g.dy(), sizes, (int) axisAttr).toArray(Tensor[]::new);
        }
        return GradOps.concatGrad(g.dy(), g.inputs(), axisAttr);
    }

    /** Unstacks along the axis; when dy's rank is unknown, splits into the arity's pieces and drops the axis. */
    private static Tensor[] stackGrad(GradientInputs g) {
        int axis = (int) g.attrs().getLong("axis");
        Tensor dy = g.dy();
        if (dy.shape().hasKnownRank() && dy.shape().dim(axis) != Shape.UNKNOWN) {
            return Tf.unstack(dy, axis).toArray(Tensor[]::new);
        }
        return Tf.split(dy, g.arity(), axis).stream().map(p -> Tf.squeeze(p, axis)).toArray(Tensor[]::new);
    }

    /** Sums the tiles: a reshape and a reduction when the input's shape is known, else tile_grad at run time. */
    private static Tensor[] tileGrad(GradientInputs g) {
        Shape shape = g.x(0).shape();
        Tensor dy = g.dy();
        if (!shape.isFullyDefined()) {
            return of(GradOps.tileGrad(dy, g.x(0), g.attrs()));
        }
        int[] dims = shape.dims();
        int[] multiples = g.attrs().getInts("multiples");
        int[] split = new int[dims.length * 2];
        int[] sumAxes = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            split[2 * i] = multiples[i];
            split[2 * i + 1] = dims[i];
            sumAxes[i] = 2 * i;
        }
        return of(dims.length == 0 ? dy : Tf.reduceSum(Tf.reshape(dy, split), sumAxes, false));
    }
}
