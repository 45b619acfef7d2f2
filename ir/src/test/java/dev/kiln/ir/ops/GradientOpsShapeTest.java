package dev.kiln.ir.ops;

import static dev.kiln.ir.ops.Infer.error;
import static dev.kiln.ir.ops.Infer.types;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ir.Attributes;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientOpsShapeTest {
    private static final Attributes POOL = Attributes.of("ksize", List.of(1, 2, 2, 1), "strides", List.of(1, 2, 2, 1));

    @Test
    void convBackpropResultsHaveTheForwardOperandTypes() {
        assertEquals("f32[?,28,28,1]",
                types("conv2d_backprop_input", "f32[?,28,28,1]", "f32[3,3,1,16]", "f32[?,26,26,16]"));
        assertEquals("f32[3,3,1,16]",
                types("conv2d_backprop_filter", "f32[8,28,28,1]", "f32[3,3,1,16]", "f32[8,26,26,16]"));
        assertEquals("out_backprop must have the conv2d result shape [8,26,26,16], got [8,28,28,16] "
                + "[Op:Conv2DBackpropInput]",
                error("conv2d_backprop_input", "f32[8,28,28,1]", "f32[3,3,1,16]", "f32[8,28,28,16]"));
    }

    @Test
    void poolGrads() {
        assertEquals("f32[?,28,28,3]", types("max_pool_grad", POOL, "f32[?,28,28,3]", "f32[?,14,14,3]", "f32[?,14,14,3]"));
        assertEquals("f32[1,4,4,1]", types("avg_pool_grad", POOL, "f32[1,4,4,1]", "f32[1,2,2,1]"));
        assertEquals("grad must have the avg_pool result shape [1,2,2,1], got [1,4,4,1] [Op:AvgPoolGrad]",
                error("avg_pool_grad", POOL, "f32[1,4,4,1]", "f32[1,4,4,1]"));
    }

    @Test
    void unsortedSegmentSum() {
        Attributes n = Attributes.of("num_segments", 5);
        assertEquals("f32[5,3]", types("unsorted_segment_sum", n, "f32[4,3]", "i32[4]"));
        assertEquals("f32[5]", types("unsorted_segment_sum", n, "f32[?,2]", "i64[?,2]"));
        assertEquals("f32[*]", types("unsorted_segment_sum", n, "f32[*]", "i32[4]"));
        assertEquals("data.shape = [4,3] does not start with segment_ids.shape = [3] [Op:UnsortedSegmentSum]",
                error("unsorted_segment_sum", n, "f32[4,3]", "i32[3]"));
        assertEquals("Input num_segments == -1 must not be negative. [Op:UnsortedSegmentSum]",
                error("unsorted_segment_sum", Attributes.of("num_segments", -1), "f32[4]", "i32[4]"));
    }

    @Test
    void sliceGradsCheckDyAgainstTheForwardSlice() {
        Attributes ss = Attributes.of("begin", List.of(0, 1), "end", List.of(0, 0), "strides", List.of(1, 1),
                "begin_mask", 1, "end_mask", 3);
        assertEquals("f32[2,3]", types("strided_slice_grad", ss, "f32[2,3]", "f32[2,2]"));
        assertEquals("dy must have the strided_slice result shape [2,2], got [2,3] [Op:StridedSliceGrad]",
                error("strided_slice_grad", ss, "f32[2,3]", "f32[2,3]"));
        Attributes s = Attributes.of("begin", List.of(1), "size", List.of(2));
        assertEquals("f32[4]", types("slice_grad", s, "f32[4]", "f32[2]"));
        assertEquals("dy must have the slice result shape [2], got [3] [Op:_SliceGrad]",
                error("slice_grad", s, "f32[4]", "f32[3]"));
        assertEquals("f32[10,4]", types("gather_grad", "f32[10,4]", "i32[?]", "f32[?,4]"));
        assertEquals("dy must have the gather result shape [3,4], got [3,5] [Op:_GatherGrad]",
                error("gather_grad", "f32[10,4]", "i32[3]", "f32[3,5]"));
        assertEquals("f32[4,3]", types("gather_nd_grad", "f32[4,3]", "i32[?,1]", "f32[?,3]"));
        assertEquals("dy must have the gather_nd result shape [2], got [2,3] [Op:_GatherNdGrad]",
                error("gather_nd_grad", "f32[4,3]", "i32[2,2]", "f32[2,3]"));
    }

    @Test
    void concatGradHasOneResultPerLike() {
        Attributes axis0 = Attributes.of("axis", 0);
        assertEquals("f32[?,3], f32[4,3]", types("concat_grad", axis0, "f32[?,3]", "f32[?,3]", "f32[4,3]"));
        assertEquals("f32[2,?], f32[2,5]", types("concat_grad", Attributes.of("axis", -1), "f32[2,7]", "f32[2,?]",
                "f32[2,5]"));
        assertEquals("dy must have the concat result shape [6,3], got [5,3] [Op:_ConcatGrad]",
                error("concat_grad", axis0, "f32[5,3]", "f32[2,3]", "f32[4,3]"));
    }

    @Test
    void tileGradHasTheLikeType() {
        Attributes m = Attributes.of("multiples", List.of(2, 3));
        assertEquals("f32[?,4]", types("tile_grad", m, "f32[?,12]", "f32[?,4]"));
        assertEquals("dy must have the tile result shape [4,12], got [4,4] [Op:_TileGrad]",
                error("tile_grad", m, "f32[4,4]", "f32[2,4]"));
    }

    @Test
    void oneHotLikeTakesTheDepthFromLike() {
        assertEquals("f32[?,?]", types("one_hot_like", "i32[?]", "f32[?,?]"));
        assertEquals("f64[3,2,5]", types("one_hot_like", "i64[3,2]", "f64[3,2,5]"));
        assertEquals("like must have the shape of indices [3] plus a depth dimension, got [3] [Op:_OneHotLike]",
                error("one_hot_like", "i32[3]", "f32[3]"));
    }

    @Test
    void maxPoolGradGradHasTheOutputType() {
        assertEquals("f32[?,14,14,3]",
                types("max_pool_grad_grad", POOL, "f32[?,28,28,3]", "f32[?,14,14,3]", "f32[?,28,28,3]"));
        assertEquals("grad must have orig_input's shape [1,4,4,1], got [1,2,2,1] [Op:MaxPoolGradGrad]",
                error("max_pool_grad_grad", POOL, "f32[1,4,4,1]", "f32[1,2,2,1]", "f32[1,2,2,1]"));
    }
}
