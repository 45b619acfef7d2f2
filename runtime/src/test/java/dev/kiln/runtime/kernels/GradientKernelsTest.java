package dev.kiln.runtime.kernels;

import static dev.kiln.runtime.kernels.KernelFixture.assertF32;
import static dev.kiln.runtime.kernels.KernelFixture.assertF64;
import static dev.kiln.runtime.kernels.KernelFixture.assertI32;
import static dev.kiln.runtime.kernels.KernelFixture.assertInvalid;
import static dev.kiln.runtime.kernels.KernelFixture.attrs;
import static dev.kiln.runtime.kernels.KernelFixture.f32;
import static dev.kiln.runtime.kernels.KernelFixture.f64;
import static dev.kiln.runtime.kernels.KernelFixture.i32;
import static dev.kiln.runtime.kernels.KernelFixture.i64;
import static dev.kiln.runtime.kernels.KernelFixture.run;
import static dev.kiln.runtime.kernels.KernelFixture.run1;
import static dev.kiln.runtime.kernels.KernelFixture.shape;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.Literal;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientKernelsTest {
    private static final Literal LIKE = f32(shape(2, 3), 0, 0, 0, 0, 0, 0);

    @Test
    void sliceGradPlacesTheBlock() {
        assertF32(run1("slice_grad", attrs("begin", List.of(0, 1), "size", List.of(-1, 2)), LIKE,
                f32(shape(2, 2), 1, 2, 3, 4)), shape(2, 3), 0, 1, 2, 0, 3, 4);
    }

    @Test
    void stridedSliceGradPlacesTheElements() {
        assertF32(run1("strided_slice_grad", attrs("begin", List.of(0, 0), "end", List.of(0, 0), "strides", List.of(1, 2),
                "begin_mask", 3L, "end_mask", 3L), LIKE, f32(shape(2, 2), 1, 2, 3, 4)), shape(2, 3), 1, 0, 2, 3, 0, 4);
        assertF32(run1("strided_slice_grad", attrs("begin", List.of(1), "end", List.of(2), "strides", List.of(1),
                "shrink_axis_mask", 1L), LIKE, f32(7, 8, 9)), shape(2, 3), 0, 0, 0, 7, 8, 9);
        assertF64(run1("strided_slice_grad", attrs("begin", List.of(0), "end", List.of(0), "strides", List.of(-1),
                "begin_mask", 1L, "end_mask", 1L), f64(0, 0, 0), f64(1, 2, 3)), 3, 2, 1);
    }

    @Test
    void gatherGradAddsRepeatedIndices() {
        assertF32(run1("gather_grad", f32(0, 0, 0), i32(2, 0, 2), f32(1, 2, 3)), 2, 0, 4);
        assertF32(run1("gather_grad", attrs("axis", 1), LIKE, i64(2, 2), f32(shape(2, 2), 1, 2, 3, 4)), shape(2, 3),
                0, 0, 3, 0, 0, 7);
        assertInvalid("indices[0] = 3 is not in [0, 3)", () -> run1("gather_grad", f32(0, 0, 0), i32(3), f32(1)));
    }

    @Test
    void gatherNdGradAddsRepeatedRows() {
        assertF32(run1("gather_nd_grad", LIKE, i32(shape(3, 1), 1, 0, 1), f32(shape(3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9)),
                shape(2, 3), 4, 5, 6, 8, 10, 12);
        assertF32(run1("gather_nd_grad", LIKE, i64(shape(2, 2), 0, 2, 0, 2), f32(1, 2)), shape(2, 3), 0, 0, 3, 0, 0, 0);
        assertInvalid("indices[0] = [2] does not index into param shape [2,3] [Op:_GatherNdGrad]",
                () -> run1("gather_nd_grad", LIKE, i32(shape(1, 1), 2), f32(shape(1, 3), 1, 2, 3)));
    }

    @Test
    void unsortedSegmentSum() {
        assertF32(run1("unsorted_segment_sum", attrs("num_segments", 3L), f32(shape(4, 2), 1, 2, 3, 4, 5, 6, 7, 8),
                i32(2, 0, 2, -1)), shape(3, 2), 3, 4, 0, 0, 6, 8);
        assertI32(run1("unsorted_segment_sum", attrs("num_segments", 2L), i32(1, 2, 3), i64(1, 1, 0)), 3, 3);
        assertInvalid("segment_ids[1] = 5 is out of range [0, 2)",
                () -> run1("unsorted_segment_sum", attrs("num_segments", 2L), i32(1, 2), i32(0, 5)));
    }

    @Test
    void concatGradCutsAtTheLikesSizes() {
        Literal[] pieces = run("concat_grad", attrs("axis", -1L), f32(shape(2, 3), 1, 2, 3, 4, 5, 6),
                f32(shape(2, 1), 0, 0), f32(shape(2, 2), 0, 0, 0, 0));
        assertF32(pieces[0], shape(2, 1), 1, 4);
        assertF32(pieces[1], shape(2, 2), 2, 3, 5, 6);
        assertInvalid("dy must have the concat result shape [3,2], got [2,3]", () -> run("concat_grad",
                attrs("axis", 0L), f32(shape(2, 3), 1, 2, 3, 4, 5, 6), f32(shape(1, 2), 0, 0), f32(shape(2, 2), 0, 0, 0, 0)));
    }

    @Test
    void tileGradSumsTheTiles() {
        // tile([[a, b]], [2, 2]) = [[a, b, a, b], [a, b, a, b]]
        assertF32(run1("tile_grad", attrs("multiples", List.of(2, 2)), f32(shape(2, 4), 1, 2, 3, 4, 5, 6, 7, 8),
                f32(shape(1, 2), 0, 0)), shape(1, 2), 1 + 3 + 5 + 7, 2 + 4 + 6 + 8);
        assertF64(run1("tile_grad", attrs("multiples", List.of(3)), f64(1, 2, 3), f64(0)), 6);
    }

    @Test
    void oneHotLikeTakesDepthAndDtypeFromLike() {
        assertF64(run1("one_hot_like", i64(2, -1, 0), f64(shape(3, 3), 9, 9, 9, 9, 9, 9, 9, 9, 9)), shape(3, 3),
                0, 0, 1, 0, 0, 0, 1, 0, 0);
        assertF32(run1("one_hot_like", i32(shape(1, 2), 1, 3), f32(shape(1, 2, 2), 0, 0, 0, 0)), shape(1, 2, 2),
                0, 1, 0, 0);
    }

    @Test
    void maxPoolGradGradReadsGradAtEachWindowsFirstMaximum() {
        Attributes pool = attrs("ksize", List.of(1, 2, 2, 1), "strides", List.of(1, 2, 2, 1), "padding", "VALID");
        Literal x = f32(shape(1, 2, 4, 1), 1, 3, 5, 5, 3, 0, 2, 1);
        Literal y = run1("max_pool", pool, x);
        Literal grad = f32(shape(1, 2, 4, 1), 10, 20, 30, 40, 50, 60, 70, 80);
        assertF32(run1("max_pool_grad_grad", pool, x, y, grad), shape(1, 1, 2, 1), 20, 30);
    }
}
