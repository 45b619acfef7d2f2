package dev.kiln.runtime.kernels;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.Shape;
import dev.kiln.ir.ops.StridedSliceRanges;

/**
 * A strided slice resolved against a concrete input shape, TensorFlow's {@code ValidateStridedSliceOp}:
 * the sparse spec (begin/end/strides and the five masks) expanded to one range per input dimension
 * ({@link #begin}, {@link #stride}, {@link #size}, from the catalog's {@link StridedSliceRanges}). The
 * catalog's type rule validates the attributes and computes the result shape; this class supplies the
 * element positions for strided_slice, its gradient and strided_slice_assign.
 */
final class StridedSlice {
    final int[] begin;
    final int[] stride;
    final int[] size;

    private StridedSlice(int[] begin, int[] stride, int[] size) {
        this.begin = begin;
        this.stride = stride;
        this.size = size;
    }

    /** The dense ranges of the slice {@code attrs} describes over {@code input} (already validated). */
    static StridedSlice of(Shape input, Attributes attrs) {
        StridedSliceRanges r = StridedSliceRanges.of(input, attrs);
        return new StridedSlice(r.begin(), r.stride(), r.size());
    }

    /** The input offsets of the sliced elements, in the result's row-major order. */
    int[] offsets(Shape input) {
        int[] strides = input.strides();
        int[] step = new int[strides.length];
        int start = 0;
        for (int i = 0; i < strides.length; i++) {
            step[i] = stride[i] * strides[i];
            start += size[i] == 0 ? 0 : begin[i] * strides[i];
        }
        return Elements.offsets(size, step, start);
    }
}
