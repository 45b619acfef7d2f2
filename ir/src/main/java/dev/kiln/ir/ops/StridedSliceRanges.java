package dev.kiln.ir.ops;

import dev.kiln.InvalidArgumentException;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.Shape;

/**
 * A strided slice resolved against a concrete input shape, by the same steps as its type rule
 * ({@link StridedSliceShape}): per input dimension the first index, the step and the element count. The
 * kernels of strided_slice, its gradient and strided_slice_assign use it to find the sliced elements.
 *
 * <pre>{@code
 * // t[1:, ::-1] on a [3, 4] tensor
 * StridedSliceRanges r = StridedSliceRanges.of(Shape.of(3, 4), attrs);   // begin [1, 3], stride [1, -1], size [2, 4]
 * }</pre>
 *
 * @param begin the first index of each input dimension's range
 * @param stride the step of each range
 * @param size the number of elements of each range (1 for a shrunk dimension)
 */
public record StridedSliceRanges(int[] begin, int[] stride, int[] size) {
    /**
     * The ranges of the slice that strided-slice attributes {@code attrs} describe over {@code input}, whose
     * dimensions must be known (the type rule validated the attributes).
     */
    public static StridedSliceRanges of(Shape input, Attributes attrs) {
        StridedSliceShape.Dense d = StridedSliceShape.Dense.of(StridedSliceShape.Spec.of(attrs), input.rank(),
                InvalidArgumentException::new);
        int dims = input.rank();
        int[] begin = new int[dims];
        int[] stride = new int[dims];
        int[] size = new int[dims];
        for (int i = 0; i < dims; i++) {
            long[] r = d.range(i, input.dim(i));
            begin[i] = (int) r[0];
            stride[i] = (int) d.strides()[i];
            size[i] = (int) r[1];
        }
        return new StridedSliceRanges(begin, stride, size);
    }
}
