package dev.kiln.runtime.kernels;

import static dev.kiln.runtime.kernels.KernelFixture.assertBools;
import static dev.kiln.runtime.kernels.KernelFixture.assertF32;
import static dev.kiln.runtime.kernels.KernelFixture.assertF64;
import static dev.kiln.runtime.kernels.KernelFixture.assertI32;
import static dev.kiln.runtime.kernels.KernelFixture.assertI64;
import static dev.kiln.runtime.kernels.KernelFixture.assertInvalid;
import static dev.kiln.runtime.kernels.KernelFixture.assertU8;
import static dev.kiln.runtime.kernels.KernelFixture.attrs;
import static dev.kiln.runtime.kernels.KernelFixture.bools;
import static dev.kiln.runtime.kernels.KernelFixture.f32;
import static dev.kiln.runtime.kernels.KernelFixture.f64;
import static dev.kiln.runtime.kernels.KernelFixture.i32;
import static dev.kiln.runtime.kernels.KernelFixture.i64;
import static dev.kiln.runtime.kernels.KernelFixture.run;
import static dev.kiln.runtime.kernels.KernelFixture.run1;
import static dev.kiln.runtime.kernels.KernelFixture.shape;
import static dev.kiln.runtime.kernels.KernelFixture.u8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayKernelsTest {
    private static final Literal T = f32(shape(2, 3), 1, 2, 3, 4, 5, 6);

    private static Literal range(int n) {
        return run1("range", attrs("start", 0.0, "limit", (double) n));
    }

    @Test
    void c035_reshape() {
        assertI32(run1("reshape", attrs("shape", List.of(-1, 3)), range(6)), shape(2, 3), 0, 1, 2, 3, 4, 5);
        assertF32(run1("reshape", attrs("shape", List.of(6)), T), 1, 2, 3, 4, 5, 6);
        assertInvalid("Input to reshape is a tensor with 6 values, but the requested shape has 4",
                () -> run1("reshape", attrs("shape", List.of(4)), range(6)));
        assertI32(run1("reshape_like", range(6), f64(shape(3, 2), 0, 0, 0, 0, 0, 0)), shape(3, 2), 0, 1, 2, 3, 4, 5);
    }

    @Test
    void c036_expandDimsAndSqueeze() {
        assertEquals(shape(2, 3, 1), run1("expand_dims", attrs("axis", -1), T).shape());
        assertEquals(shape(1, 2, 3), run1("expand_dims", attrs("axis", 0), T).shape());
        Literal column = Literal.zeros(DType.FLOAT32, shape(32, 1));
        assertEquals(shape(32), run1("squeeze", attrs("axes", List.of(1)), column).shape());
        assertF32(run1("squeeze", f32(shape(1, 2, 1), 7, 8)), shape(2), 7, 8);
        assertInvalid("Can not squeeze dim[1], expected a dimension of 1, got 3",
                () -> run1("squeeze", attrs("axes", List.of(1)), T));
    }

    @Test
    void c002_shapeSizeRank() {
        assertI32(run1("shape", T), 2, 3);
        assertI64(run1("shape", attrs("out_type", DType.INT64), T), 2, 3);
        assertI32(run1("size", T), shape(), 6);
        assertI64(run1("size", attrs("out_type", DType.INT64), T), shape(), 6);
        assertI32(run1("rank", T), shape(), 2);
        assertI32(run1("rank", Literal.scalar(1f)), shape(), 0);
    }

    @Test
    void c039_transpose() {
        assertF32(run1("transpose", T), shape(3, 2), 1, 4, 2, 5, 3, 6);
        Literal cube = run1("reshape", attrs("shape", List.of(2, 3, 4)), range(24));
        assertEquals(shape(4, 3, 2), run1("transpose", cube).shape());
        Literal p = run1("transpose", attrs("perm", List.of(0, 2, 1)), cube);
        assertEquals(shape(2, 4, 3), p.shape());
        assertEquals(cube.ints()[1 * 12 + 2 * 4 + 3], p.ints()[1 * 12 + 3 * 3 + 2]);
        assertInvalid("is missing from", () -> run1("transpose", attrs("perm", List.of(0, 0)), T));
    }

    @Test
    void c037_concatStackUnstackSplit() {
        Literal a = i32(shape(2, 2), 1, 2, 3, 4);
        Literal b = i32(shape(2, 2), 5, 6, 7, 8);
        assertI32(run1("concat", attrs("axis", 0), a, b), shape(4, 2), 1, 2, 3, 4, 5, 6, 7, 8);
        assertI32(run1("concat", attrs("axis", 1), a, b), shape(2, 4), 1, 2, 5, 6, 3, 4, 7, 8);
        assertI32(run1("concat", attrs("axis", -1), a, i32(shape(2, 1), 9, 9)), shape(2, 3), 1, 2, 9, 3, 4, 9);
        assertI32(run1("stack", a, b), shape(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8);
        assertI32(run1("stack", attrs("axis", 1), a, b), shape(2, 2, 2), 1, 2, 5, 6, 3, 4, 7, 8);
        assertF64(run1("stack", attrs("axis", 1), f64(1, 2), f64(3, 4)), shape(2, 2), 1, 3, 2, 4);
        Literal[] rows = run("unstack", Attributes.empty(), a);
        assertEquals(2, rows.length);
        assertI32(rows[1], 3, 4);
        Literal[] cols = run("unstack", attrs("axis", 1), a);
        assertI32(cols[0], 1, 3);
        Literal[] halves = run("split", attrs("num", 3L, "axis", 1), T);
        assertEquals(3, halves.length);
        assertF32(halves[2], shape(2, 1), 3, 6);
        Literal[] pieces = run("split", attrs("sizes", List.of(1, -1)), f32(1, 2, 3));
        assertF32(pieces[0], 1);
        assertF32(pieces[1], 2, 3);
        assertInvalid("Dimension 1 in both shapes must be equal", () -> run1("concat", attrs("axis", 0), a, i32(shape(1, 3), 1, 2, 3)));
    }

    @Test
    void sliceAndErrors() {
        assertF32(run1("slice", attrs("begin", List.of(0, 1), "size", List.of(-1, 2)), T), shape(2, 2), 2, 3, 5, 6);
        assertF32(run1("slice", attrs("begin", List.of(1, 0), "size", List.of(1, 1)), T), shape(1, 1), 4);
        assertInvalid("[Op:Slice]", () -> run1("slice", attrs("begin", List.of(0, 2), "size", List.of(1, 2)), T));
    }

    private static Attributes slice(List<Integer> begin, List<Integer> end, List<Integer> strides, Object... masks) {
        Attributes a = attrs("begin", begin, "end", end, "strides", strides);
        for (int i = 0; i < masks.length; i += 2) {
            a = a.with((String) masks[i], masks[i + 1]);
        }
        return a;
    }

    @Test
    void c003_c004_c005_stridedSlice() {
        assertF32(run1("strided_slice", slice(List.of(0, 1), List.of(0, 0), List.of(1, 1), "begin_mask", 1L,
                "end_mask", 3L), T), shape(2, 2), 2, 3, 5, 6);
        assertF32(run1("strided_slice", slice(List.of(0, 1, 0), List.of(0, 2, 0), List.of(1, 1, 1), "ellipsis_mask", 1L,
                "shrink_axis_mask", 2L, "new_axis_mask", 4L), T), shape(2, 1), 2, 5);
        assertF32(run1("strided_slice", slice(List.of(1), List.of(2), List.of(1), "shrink_axis_mask", 1L), T), 4, 5, 6);
        assertF32(run1("strided_slice", slice(List.of(1, 2), List.of(2, 3), List.of(1, 1), "shrink_axis_mask", 3L), T),
                shape(), 6);
        assertF32(run1("strided_slice", slice(List.of(-1, -1), List.of(0, 0), List.of(1, 1), "shrink_axis_mask", 3L), T),
                shape(), 6);
        assertF32(run1("strided_slice", slice(List.of(0, 0), List.of(0, 0), List.of(1, 2), "begin_mask", 3L,
                "end_mask", 3L), T), shape(2, 2), 1, 3, 4, 6);
        assertF32(run1("strided_slice", slice(List.of(0), List.of(0), List.of(-1), "begin_mask", 1L, "end_mask", 1L), T),
                shape(2, 3), 4, 5, 6, 1, 2, 3);
        assertF32(run1("strided_slice", slice(List.of(0, 0, 0), List.of(0, 0, 0), List.of(1, 1, 1), "begin_mask", 5L,
                "end_mask", 5L, "new_axis_mask", 2L), T), shape(2, 1, 3), 1, 2, 3, 4, 5, 6);
        assertF32(run1("strided_slice", slice(List.of(-2), List.of(-5), List.of(-1)), f32(1, 2, 3, 4)), 3, 2, 1);
        assertF32(run1("strided_slice", slice(List.of(3), List.of(1), List.of(1)), f32(1, 2, 3, 4)), new float[0]);
        assertInvalid("slice index 5 of dimension 0 out of bounds.",
                () -> run1("strided_slice", slice(List.of(5), List.of(6), List.of(1), "shrink_axis_mask", 1L), T));
    }

    @Test
    void c043_gather() {
        assertI32(run1("gather", i32(10, 20, 30), i32(2, 0)), 30, 10);
        assertI32(run1("gather", i32(10, 20, 30), i64(shape(2, 2), 0, 1, 2, 2)), shape(2, 2), 10, 20, 30, 30);
        assertF32(run1("gather", attrs("axis", 1), T, i32(2, 0)), shape(2, 2), 3, 1, 6, 4);
        assertF32(run1("gather", attrs("axis", 1, "batch_dims", 1), T, i32(shape(2, 2), 2, 0, 1, 1)),
                shape(2, 2), 3, 1, 5, 5);
        assertBools(run1("gather", bools(true, false), i32(1)), false);
        assertInvalid("indices[0] = 5 is not in [0, 3)", () -> run1("gather", i32(10, 20, 30), i32(5)));
        assertInvalid("indices[1,0] = -1 is not in [0, 3)",
                () -> run1("gather", i32(10, 20, 30), i32(shape(2, 1), 0, -1)));
    }

    @Test
    void gatherNdReadsIndexRows() {
        assertF32(run1("gather_nd", T, i32(shape(2, 1), 1, 0)), shape(2, 3), 4, 5, 6, 1, 2, 3);
        assertF32(run1("gather_nd", T, i64(shape(3, 2), 0, 2, 1, 0, 1, 2)), 3, 4, 6);
        assertF32(run1("gather_nd", T, i32(1)), 4, 5, 6);
        assertInvalid("indices[1] = [0, 3] does not index into param shape [2,3] [Op:GatherNd]",
                () -> run1("gather_nd", T, i32(shape(2, 2), 0, 0, 0, 3)));
        assertInvalid("indices = [-1] does not index into param shape [2,3] [Op:GatherNd]",
                () -> run1("gather_nd", T, i32(-1)));
    }

    @Test
    void tensorScatterUpdateReplacesTheAddressedSlices() {
        assertF32(run1("tensor_scatter_update", T, i32(shape(1, 1), 1), f32(shape(1, 3), 7, 8, 9)), shape(2, 3),
                1, 2, 3, 7, 8, 9);
        assertF32(run1("tensor_scatter_update", T, i64(shape(2, 2), 0, 2, 1, 0), f32(-1, -2)), shape(2, 3),
                1, 2, -1, -2, 5, 6);
        assertI32(run1("tensor_scatter_update", i32(0, 0, 0), i32(shape(2, 1), 2, 0), i32(5, 6)), 6, 0, 5);
        assertBools(run1("tensor_scatter_update", bools(false, false), i32(shape(1, 1), 1), bools(true)), false, true);
        // The input is not modified: the op returns a copy.
        assertF32(T, shape(2, 3), 1, 2, 3, 4, 5, 6);
        assertInvalid("indices[0] = [2] does not index into shape [2,3] [Op:TensorScatterUpdate]",
                () -> run1("tensor_scatter_update", T, i32(shape(1, 1), 2), f32(shape(1, 3), 7, 8, 9)));
        assertInvalid("Dimensions [1,2) of input[shape=[2,3]] must match dimensions [1,2) of updates[shape=[1,2]]",
                () -> run1("tensor_scatter_update", T, i32(shape(1, 1), 0), f32(shape(1, 2), 7, 8)));
    }

    @Test
    void fillDimsTakesItsShapeAtRunTime() {
        assertF32(run1("fill_dims", i32(2, 3), f32(shape(), 0.5f)), shape(2, 3), 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f);
        assertI64(run1("fill_dims", attrs("shape", Shape.of(Shape.UNKNOWN, 0)), i64(3, 0), i64(shape(), 7)), shape(3, 0));
        assertInvalid("dims [2,3] do not fit the shape [2,4] known while tracing [Op:Fill]",
                () -> run1("fill_dims", attrs("shape", shape(2, 4)), i32(2, 3), f32(shape(), 0)));
        assertInvalid("Dimension -1 must be >= 0 [Op:Fill]", () -> run1("fill_dims", i32(-1), f32(shape(), 0)));
    }

    @Test
    void c022_tileBroadcastPad() {
        assertI32(run1("tile", attrs("multiples", List.of(2)), i32(1, 2)), 1, 2, 1, 2);
        assertI32(run1("tile", attrs("multiples", List.of(2, 2)), i32(shape(2, 1), 1, 2)), shape(4, 2),
                1, 1, 2, 2, 1, 1, 2, 2);
        assertI32(run1("broadcast_to", attrs("shape", shape(2, 3)), i32(1, 2, 3)), shape(2, 3), 1, 2, 3, 1, 2, 3);
        assertF32(run1("broadcast_to", attrs("shape", shape(2, 2)), f32(shape(2, 1), 1, 2)), shape(2, 2), 1, 1, 2, 2);
        assertF32(run1("broadcast_to", attrs("shape", Shape.of(2, Shape.UNKNOWN)), f32(1, 2, 3)), shape(2, 3),
                1, 2, 3, 1, 2, 3);
        assertInvalid("Incompatible shapes", () -> run1("broadcast_to", attrs("shape", shape(2, 4)), i32(1, 2, 3)));
        assertF32(run1("broadcast_like", f32(1, 2), f32(shape(2, 1), 0, 0)), shape(2, 2), 1, 2, 1, 2);
        assertI32(run1("pad", attrs("paddings", List.of(1, 0, 0, 1), "constant_value", 9.0), i32(shape(2, 2), 1, 2, 3, 4)),
                shape(3, 3), 9, 9, 9, 1, 2, 9, 3, 4, 9);
        assertF32(run1("pad", attrs("paddings", List.of(1, 1)), f32(5)), 0, 5, 0);
        assertU8(run1("pad", attrs("paddings", List.of(0, 1), "constant_value", 7.0), u8(1)), 1, 7);
    }

    @Test
    void c027_oneHot() {
        assertF32(run1("one_hot", attrs("depth", 3L), i32(0, 2, -1, 3)), shape(4, 3),
                1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0);
        assertF32(run1("one_hot", attrs("depth", 3L), i64(2, 0)), shape(2, 3), 0, 0, 1, 1, 0, 0);
        assertI32(run1("one_hot", attrs("depth", 3L, "axis", 0L, "dtype", DType.INT32, "on_value", 5.0,
                "off_value", -1.0), u8(0, 2)), shape(3, 2), 5, -1, -1, -1, -1, 5);
        assertBools(run1("one_hot", attrs("depth", 2L, "dtype", DType.BOOL), i32(1)), shape(1, 2), false, true);
    }

    @Test
    void c041_c042_factories() {
        assertI32(run1("fill", attrs("shape", shape(2)), Literal.scalar(7)), 7, 7);
        assertF64(run1("fill", attrs("shape", shape(1, 2)), Literal.scalar(0.5)), shape(1, 2), 0.5, 0.5);
        assertI32(range(5), 0, 1, 2, 3, 4);
        assertI32(run1("range", attrs("start", 1.0, "limit", 10.0, "delta", 3.0)), 1, 4, 7);
        assertI64(run1("range", attrs("start", 5.0, "limit", 0.0, "delta", -2.0, "dtype", DType.INT64)), 5, 3, 1);
        assertF32(run1("range", attrs("start", 0.0, "limit", 1.0, "delta", 0.25, "dtype", DType.FLOAT32)),
                0, 0.25f, 0.5f, 0.75f);
        assertF64(run1("range", attrs("start", 0.0, "limit", 0.3, "delta", 0.1, "dtype", DType.FLOAT64)), 0, 0.1, 0.2);
        assertInvalid("Requires start <= limit when delta > 0: 5/1",
                () -> run1("range", attrs("start", 5.0, "limit", 1.0)));
        assertF32(run1("lin_space", attrs("start", -10.0, "stop", 10.0, "num", 10L)), -10f, -7.7777777f, -5.5555553f,
                -3.333333f, -1.1111107f, 1.1111116f, 3.333334f, 5.5555563f, 7.7777786f, 10f);
        assertF32(run1("lin_space", attrs("start", -5.0, "stop", 5.0, "num", 10L)), -5f, -3.8888888f, -2.7777777f,
                -1.6666665f, -0.55555534f, 0.5555558f, 1.666667f, 2.7777781f, 3.8888893f, 5f);
        assertF64(run1("lin_space", attrs("start", 1.0, "stop", 2.0, "num", 1L, "dtype", DType.FLOAT64)), 1);
        assertI32(run1("zeros_like", i32(1, 2)), 0, 0);
        assertBools(run1("ones_like", bools(false)), true);
        assertF64(run1("ones_like", f64(3)), 1);
        assertU8(run1("zeros_like", u8(3)), 0);
    }

    @Test
    void c029_whereIndices() {
        assertI64(run1("where_indices", bools(true, false, true)), shape(2, 1), 0, 2);
        assertI64(run1("where_indices", f32(shape(2, 2), 0, 1, 2, 0)), shape(2, 2), 0, 1, 1, 0);
        assertI64(run1("where_indices", i32(0, 0)), shape(0, 1));
    }

    @Test
    void sumToReducesBroadcastDimensions() {
        Literal g = f32(shape(2, 3), 1, 2, 3, 4, 5, 6);
        assertF32(run1("sum_to", g, f32(0, 0, 0)), 5, 7, 9);
        assertF32(run1("sum_to", g, f32(shape(2, 1), 0, 0)), shape(2, 1), 6, 15);
        assertF32(run1("sum_to", g, f32(shape(1, 3), 0, 0, 0)), shape(1, 3), 5, 7, 9);
        assertF32(run1("sum_to", g, Literal.scalar(0f)), shape(), 21);
        assertI32(run1("sum_to", i32(shape(2, 2), 1, 2, 3, 4), i32(shape(2, 2), 0, 0, 0, 0)), shape(2, 2), 1, 2, 3, 4);
        assertInvalid("Unable to broadcast tensor of shape [4] to tensor of shape [2,3]",
                () -> run1("sum_to", g, f32(0, 0, 0, 0)));
    }
}
