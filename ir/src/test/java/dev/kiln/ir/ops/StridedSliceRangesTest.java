package dev.kiln.ir.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dense ranges of strided slices over concrete shapes, with TensorFlow's canonicalisation. */
class StridedSliceRangesTest {
    private static Attributes slice(List<Long> begin, List<Long> end, List<Long> strides, long beginMask, long endMask,
            long ellipsis, long newAxis, long shrink) {
        return Attributes.of("begin", begin, "end", end, "strides", strides, "begin_mask", beginMask, "end_mask", endMask,
                "ellipsis_mask", ellipsis, "new_axis_mask", newAxis, "shrink_axis_mask", shrink);
    }

    private static void expect(StridedSliceRanges r, int[] begin, int[] stride, int[] size) {
        assertArrayEquals(begin, r.begin(), "begin");
        assertArrayEquals(stride, r.stride(), "stride");
        assertArrayEquals(size, r.size(), "size");
    }

    @Test
    void reversedSecondDimensionAfterAnOffsetFirst() {
        // t[1:, ::-1] on [3, 4]
        expect(StridedSliceRanges.of(Shape.of(3, 4), slice(List.of(1L, 0L), List.of(0L, 0L), List.of(1L, -1L), 2, 3, 0, 0, 0)),
                new int[] {1, 3}, new int[] {1, -1}, new int[] {2, 4});
    }

    @Test
    void ellipsisShrinkAndNewAxis() {
        // t[..., 1, tf.newaxis] on [2, 3]
        expect(StridedSliceRanges.of(Shape.of(2, 3), slice(List.of(0L, 1L, 0L), List.of(0L, 2L, 0L), List.of(1L, 1L, 1L),
                0, 0, 1, 4, 2)), new int[] {0, 1}, new int[] {1, 1}, new int[] {2, 1});
    }

    @Test
    void negativeIndexAndClampedEnd() {
        // t[-1] on [5] and t[2:100:2] on [5]
        expect(StridedSliceRanges.of(Shape.of(5), slice(List.of(-1L), List.of(0L), List.of(1L), 0, 0, 0, 0, 1)),
                new int[] {4}, new int[] {1}, new int[] {1});
        expect(StridedSliceRanges.of(Shape.of(5), slice(List.of(2L), List.of(100L), List.of(2L), 0, 0, 0, 0, 0)),
                new int[] {2}, new int[] {2}, new int[] {2});
    }
}
