package dev.kiln.ir.ops;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.Inference;
import dev.kiln.ir.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * TensorFlow's strided slice semantics ({@code ValidateStridedSliceOp}): the sparse index spec
 * (begin/end/strides with begin, end, ellipsis, new-axis and shrink-axis masks) is expanded to one
 * dense range per input dimension, negative indices count from the end, out-of-range ends are
 * clamped, and shrunk dimensions are dropped from the result while new axes add size-1 dimensions.
 *
 * <p>Example: {@code t[..., 1, tf.newaxis]} on a {@code [2,3]} tensor is begin {@code [0,1,0]}, end
 * {@code [0,2,0]}, strides {@code [1,1,1]}, ellipsis_mask 1, shrink_axis_mask 2, new_axis_mask 4,
 * giving {@code [2,1]}.
 */
final class StridedSliceShape {
    private StridedSliceShape() {}

    private static final int NEW_AXIS = -1;
    private static final int SHRINK_AXIS = -2;

    /** The attribute-level slice spec of strided_slice and the ops that share its attributes. */
    record Spec(List<Long> begin, List<Long> end, List<Long> strides, long beginMask, long endMask, long ellipsisMask,
            long newAxisMask, long shrinkAxisMask) {
        static Spec of(Attributes a) {
            return new Spec(a.getLongList("begin"), a.getLongList("end"), a.getLongList("strides"), a.getLong("begin_mask"),
                    a.getLong("end_mask"), a.getLong("ellipsis_mask"), a.getLong("new_axis_mask"),
                    a.getLong("shrink_axis_mask"));
        }
    }

    /** The result shape of slicing {@code input} by the op's strided-slice attributes. */
    static Shape infer(Inference in, Shape input) {
        Spec spec = Spec.of(in.attrs());
        int n = spec.begin().size();
        if (spec.end().size() != n || spec.strides().size() != n) {
            throw in.error("Expected begin, end, and strides to be 1D equal size tensors, but got shapes [" + n + "], ["
                    + spec.end().size() + "], and [" + spec.strides().size() + "] instead.");
        }
        if (n > 62) {
            throw in.error("Too many elements in the slice spec: " + n + " (at most 62)");
        }
        long ellipsis = spec.ellipsisMask();
        if (ellipsis != 0 && (ellipsis & (ellipsis - 1)) != 0) {
            throw in.error("Multiple ellipses in slice spec not allowed");
        }
        Dense d = Dense.of(spec, input.hasKnownRank() ? input.rank() : -1, in::error);
        if (!input.hasKnownRank()) {
            for (int i = 0; i < n; i++) {
                if (spec.strides().get(i) == 0 && !bit(d.ellipsisMask(), i) && !bit(spec.newAxisMask(), i)) {
                    throw in.error("strides[" + i + "] must be non-zero");
                }
            }
            return Shape.unknownRank();
        }
        // Step 3: canonical ranges, bounds checks and the per-dimension sizes.
        int dims = input.rank();
        int[] processing = new int[dims];
        for (int i = 0; i < dims; i++) {
            long stride = d.strides()[i];
            int dim = input.dim(i);
            if (stride == 0) {
                throw in.error("strides[" + i + "] must be non-zero");
            }
            boolean shrink = bit(d.shrinkMask(), i);
            if (dim == Shape.UNKNOWN) {
                processing[i] = shrink ? 1 : Shape.UNKNOWN;
                continue;
            }
            if (shrink && stride <= 0) {
                throw in.error("only stride 1 allowed on non-range indexing.");
            }
            if (shrink) {
                long b = d.begin()[i] < 0 ? dim + d.begin()[i] : d.begin()[i];
                if (b < 0 || b >= dim) {
                    throw in.error("slice index " + b + " of dimension " + i + " out of bounds.");
                }
            }
            processing[i] = Math.toIntExact(d.range(i, dim)[1]);
        }
        // Step 4: drop shrunk dimensions, insert new axes.
        List<Integer> out = new ArrayList<>();
        for (int g : d.gather()) {
            if (g >= 0) {
                out.add(processing[g]);
            } else if (g == NEW_AXIS) {
                out.add(1);
            }
        }
        return Shape.of(out);
    }

    /**
     * The dense spec: one range per input dimension (steps 1 and 2 of ValidateStridedSliceOp), and where each
     * result dimension comes from ({@code gather}: an input dimension, a new axis, or a shrunk one).
     */
    record Dense(long[] begin, long[] end, long[] strides, long beginMask, long endMask, long shrinkMask,
            long ellipsisMask, List<Integer> gather) {
        /** @param dims the input's rank, or -1 when unknown (then only the ellipsis mask is filled in) */
        static Dense of(Spec spec, int dims, java.util.function.Function<String, RuntimeException> error) {
            int n = spec.begin().size();
            long ellipsis = spec.ellipsisMask();
            // Step 1: count new axes after the ellipsis; without an ellipsis one is implied at the end.
            int sparseDims = n;
            int newAxesAfterEllipsis = 0;
            boolean ellipsisSeen = false;
            for (int i = 0; i < n; i++) {
                if (ellipsisSeen && bit(spec.newAxisMask(), i)) {
                    newAxesAfterEllipsis++;
                }
                if (bit(ellipsis, i)) {
                    ellipsisSeen = true;
                }
            }
            if (!ellipsisSeen) {
                ellipsis |= 1L << sparseDims;
                sparseDims++;
            }
            if (dims < 0) {
                return new Dense(new long[0], new long[0], new long[0], 0, 0, 0, ellipsis, List.of());
            }
            // Step 2: the dense spec, one range per input dimension.
            long[] begin = new long[dims];
            long[] end = new long[dims];
            long[] strides = new long[dims];
            long beginMask = 0;
            long endMask = 0;
            long shrinkMask = 0;
            List<Integer> gather = new ArrayList<>();
            int full = 0;
            for (int i = 0; i < sparseDims; i++) {
                if (bit(ellipsis, i)) {
                    int next = Math.min(dims - (sparseDims - i) + 1 + newAxesAfterEllipsis, dims);
                    for (; full < next; full++) {
                        strides[full] = 1;
                        beginMask |= 1L << full;
                        endMask |= 1L << full;
                        gather.add(full);
                    }
                } else if (bit(spec.newAxisMask(), i)) {
                    gather.add(NEW_AXIS);
                } else {
                    if (full == dims) {
                        throw error.apply("Index out of range using input dim " + full + "; input has only " + dims
                                + " dims");
                    }
                    begin[full] = spec.begin().get(i);
                    end[full] = spec.end().get(i);
                    strides[full] = spec.strides().get(i);
                    if (bit(spec.beginMask(), i)) {
                        beginMask |= 1L << full;
                    }
                    if (bit(spec.endMask(), i)) {
                        endMask |= 1L << full;
                    }
                    if (bit(spec.shrinkAxisMask(), i)) {
                        gather.add(SHRINK_AXIS);
                        shrinkMask |= 1L << full;
                    } else {
                        gather.add(full);
                    }
                    full++;
                }
            }
            return new Dense(begin, end, strides, beginMask, endMask, shrinkMask, ellipsis, gather);
        }

        /** Input dimension {@code i} of size {@code dim}: {first index, element count} of the range. */
        long[] range(int i, int dim) {
            long stride = strides[i];
            long b;
            long e;
            if (bit(shrinkMask, i)) {
                // t[-1] arrives as begin -1, end 0: rebuild end as begin + 1.
                b = begin[i] < 0 ? dim + begin[i] : begin[i];
                e = b + 1;
            } else {
                b = canonical(begin[i], bit(beginMask, i), true, stride, dim);
                e = canonical(end[i], bit(endMask, i), false, stride, dim);
            }
            long interval = e - b;
            long size = interval == 0 || (interval < 0) != (stride < 0) ? 0 : interval / stride + (interval % stride != 0 ? 1 : 0);
            return new long[] {b, size};
        }
    }

    /** A begin ({@code isBegin}) or end index made non-negative and clamped to the valid range for the stride's direction. */
    private static long canonical(long x, boolean masked, boolean isBegin, long stride, int dim) {
        long lo = stride > 0 ? 0 : -1;
        long hi = stride > 0 ? dim : dim - 1;
        if (masked) {
            // A masked begin is the start of the traversal, a masked end its far end.
            return stride > 0 == isBegin ? lo : hi;
        }
        long fwd = x < 0 ? dim + x : x;
        return fwd < lo ? lo : Math.min(fwd, hi);
    }

    private static boolean bit(long mask, int i) {
        return (mask & (1L << i)) != 0;
    }
}
