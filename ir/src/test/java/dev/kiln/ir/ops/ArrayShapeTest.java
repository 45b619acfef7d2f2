package dev.kiln.ir.ops;

import static dev.kiln.ir.ops.Infer.error;
import static dev.kiln.ir.ops.Infer.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayShapeTest {
    private static Attributes shape(Integer... dims) {
        return Attributes.of("shape", List.of(dims));
    }

    @Test
    void c035_reshapeInfersMinusOne() {
        assertEquals("i32[2,3]", types("reshape", shape(-1, 3), "i32[6]"));
        assertEquals("f32[?,784]", types("reshape", shape(-1, 784), "f32[?,28,28]"));
        assertEquals("f32[4]", types("reshape", shape(4), "f32[*]"));
        assertEquals("f32[]", types("reshape", shape(), "f32[1,1]"));
        assertEquals("f32[6,?]", types("reshape", shape(6, -1), "f32[*]"));
    }

    @Test
    void c035_reshapeCountMismatch() {
        assertEquals("Input to reshape is a tensor with 6 values, but the requested shape has 4 [Op:Reshape]",
                error("reshape", shape(4), "i32[6]"));
        assertEquals("Input to reshape is a tensor with 6 values, but the requested shape requires a multiple of 4 "
                + "[Op:Reshape]", error("reshape", shape(-1, 4), "i32[6]"));
        assertEquals("Only one input size may be -1, not both 0 and 1 [Op:Reshape]", error("reshape", shape(-1, -1), "i32[6]"));
        assertEquals("Size 1 must be non-negative, not -2 [Op:Reshape]", error("reshape", shape(3, -2), "i32[6]"));
    }

    @Test
    void dimensionsBeyondIntRangeAreBadInputNamingTheOp() {
        assertEquals("a dimension of the result does not fit in 32 bits (integer overflow) [Op:OneHot]",
                error("one_hot", Attributes.of("depth", 1L << 40), "i32[3]"));
        assertEquals("a dimension of the result does not fit in 32 bits (integer overflow) [Op:Reshape]",
                error("reshape", Attributes.of("shape", List.of(1L << 40)), "f32[*]"));
    }

    @Test
    void c039_transpose() {
        assertEquals("f32[4,3,2]", types("transpose", "f32[2,3,4]"));
        assertEquals("f32[2,4,3]", types("transpose", Attributes.of("perm", List.of(0, 2, 1)), "f32[2,3,4]"));
        assertEquals("f32[10,?]", types("transpose", "f32[?,10]"));
        assertEquals("f32[?,?]", types("transpose", Attributes.of("perm", List.of(1, 0)), "f32[*]"));
        assertEquals("f32[*]", types("transpose", "f32[*]"));
        assertEquals("transpose expects a vector of size 3. But input(1) is a vector of size 2 [Op:Transpose]",
                error("transpose", Attributes.of("perm", List.of(1, 0)), "f32[2,3,4]"));
        assertEquals("2 is missing from {0,1,1}. [Op:Transpose]",
                error("transpose", Attributes.of("perm", List.of(0, 1, 1)), "f32[2,3,4]"));
        assertEquals("3 is out of range [0 .. 3) [Op:Transpose]",
                error("transpose", Attributes.of("perm", List.of(0, 1, 3)), "f32[2,3,4]"));
    }

    @Test
    void c036_expandDims() {
        assertEquals("f32[2,3,1]", types("expand_dims", Attributes.of("axis", -1), "f32[2,3]"));
        assertEquals("f32[1,2,3]", types("expand_dims", Attributes.of("axis", 0), "f32[2,3]"));
        assertEquals("u8[?,28,28,1]", types("expand_dims", Attributes.of("axis", 3), "u8[?,28,28]"));
        assertEquals("f32[*]", types("expand_dims", Attributes.of("axis", 5), "f32[*]"));
        assertEquals("Tried to expand dim index 3 for tensor with 2 dimensions. [Op:ExpandDims]",
                error("expand_dims", Attributes.of("axis", 3), "f32[2,3]"));
        assertEquals("Tried to expand dim index -4 for tensor with 2 dimensions. [Op:ExpandDims]",
                error("expand_dims", Attributes.of("axis", -4), "f32[2,3]"));
    }

    @Test
    void c036_squeeze() {
        assertEquals("f32[32]", types("squeeze", Attributes.of("axes", List.of(1)), "f32[32,1]"));
        assertEquals("f32[2]", types("squeeze", "f32[1,2,1]"));
        assertEquals("f32[?]", types("squeeze", Attributes.of("axes", List.of(-1)), "f32[?,?]"));
        assertEquals("f32[*]", types("squeeze", "f32[?,1]"));
        assertEquals("Can not squeeze dim[1], expected a dimension of 1, got 3 [Op:Squeeze]",
                error("squeeze", Attributes.of("axes", List.of(1)), "f32[2,3]"));
        assertEquals("Tried to squeeze dim index 2 for tensor with 2 dimensions. [Op:Squeeze]",
                error("squeeze", Attributes.of("axes", List.of(2)), "f32[2,1]"));
    }

    @Test
    void c037_concat() {
        Attributes axis0 = Attributes.of("axis", 0);
        assertEquals("i32[4,2]", types("concat", axis0, "i32[2,2]", "i32[2,2]"));
        assertEquals("i32[2,4]", types("concat", Attributes.of("axis", 1), "i32[2,2]", "i32[2,2]"));
        assertEquals("i32[2,5]", types("concat", Attributes.of("axis", -1), "i32[2,2]", "i32[2,3]"));
        assertEquals("f32[?,3]", types("concat", axis0, "f32[?,3]", "f32[2,?]"));
        assertEquals("f32[5,3]", types("concat", axis0, "f32[3,?]", "f32[2,3]"));
        assertEquals("f32[?,3]", types("concat", axis0, "f32[*]", "f32[2,3]"));
        assertEquals("f32[*]", types("concat", axis0, "f32[*]", "f32[*]"));
        assertEquals("ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = [2,2] vs. shape[1] = [2,3] "
                + "[Op:ConcatV2]", error("concat", axis0, "f32[2,2]", "f32[2,3]"));
        assertEquals("ConcatOp : Ranks of all input tensors should match: shape[0] = [2,2] vs. shape[1] = [2] "
                + "[Op:ConcatV2]", error("concat", axis0, "f32[2,2]", "f32[2]"));
        assertEquals("ConcatOp : Expected concatenating dimensions in the range [-2, 2), but got 2 [Op:ConcatV2]",
                error("concat", Attributes.of("axis", 2), "f32[2,2]", "f32[2,2]"));
        assertEquals("ConcatOp : Can't concatenate scalars (use tf.stack instead) [Op:ConcatV2]",
                error("concat", axis0, "f32[]", "f32[]"));
        assertEquals("cannot compute ConcatV2 as input #1(zero-based) was expected to be a int32 tensor but is a float "
                + "tensor [Op:ConcatV2]", error("concat", axis0, "i32[2]", "f32[2]"));
    }

    @Test
    void c037_stackAndUnstack() {
        assertEquals("i32[2,2,2]", types("stack", "i32[2,2]", "i32[2,2]"));
        assertEquals("i32[2,3,2]", types("stack", Attributes.of("axis", 1), "i32[2,2]", "i32[2,2]", "i32[2,2]"));
        assertEquals("f32[2,3,2]", types("stack", Attributes.of("axis", -1), "f32[?,3]", "f32[2,?]"));
        assertEquals("f32[*]", types("stack", "f32[*]", "f32[*]"));
        assertEquals("Shapes of all inputs must match: values[0].shape = [2,2] != values[1].shape = [2,3] [Op:Pack]",
                error("stack", "f32[2,2]", "f32[2,3]"));
        assertEquals("axis = 3 not in [-3, 3) [Op:Pack]", error("stack", Attributes.of("axis", 3), "f32[2,2]"));

        assertEquals("f32[3], f32[3]", types("unstack", "f32[2,3]"));
        assertEquals("f32[?], f32[?], f32[?]", types("unstack", Attributes.of("axis", 1), "f32[?,3]"));
        assertEquals("Cannot infer argument `num` from shape (None, 3) [Op:Unpack]", error("unstack", "f32[?,3]"));
        assertEquals("Cannot infer argument `num` from shape <unknown> [Op:Unpack]", error("unstack", "f32[*]"));
        assertEquals("axis = 2 not in [-2, 2) [Op:Unpack]", error("unstack", Attributes.of("axis", 2), "f32[2,3]"));
    }

    @Test
    void split() {
        assertEquals("f32[2,3], f32[2,3]", types("split", Attributes.of("num", 2), "f32[4,3]"));
        assertEquals("f32[4,1], f32[4,2]", types("split", Attributes.of("sizes", List.of(1, 2), "axis", 1), "f32[4,3]"));
        assertEquals("f32[1], f32[4], f32[2]", types("split", Attributes.of("sizes", List.of(1, -1, 2)), "f32[7]"));
        assertEquals("f32[?,3], f32[?,3]", types("split", Attributes.of("num", 2), "f32[?,3]"));
        assertEquals("f32[1,?], f32[?,?]", types("split", Attributes.of("sizes", List.of(1, -1)), "f32[?,?]"));
        assertEquals("f32[*], f32[*], f32[*]", types("split", Attributes.of("num", 3), "f32[*]"));
        assertEquals("Number of ways to split should evenly divide the split dimension, but got split_dim 0 (size = 5) "
                + "and num_split 2 [Op:SplitV]", error("split", Attributes.of("num", 2), "f32[5]"));
        assertEquals("Determined shape must either match input shape along split_dim exactly if fully specified, or be "
                + "less than the size of input along split_dim if not fully specified.  Got: 7 [Op:SplitV]",
                error("split", Attributes.of("sizes", List.of(3, 4)), "f32[6]"));
        assertEquals("There can only be one -1 in the input. [Op:SplitV]",
                error("split", Attributes.of("sizes", List.of(-1, -1)), "f32[6]"));
        assertEquals("exactly one of the attributes num and sizes must be set [Op:SplitV]", error("split", "f32[6]"));
        assertEquals("exactly one of the attributes num and sizes must be set [Op:SplitV]",
                error("split", Attributes.of("num", 2, "sizes", List.of(3, 3)), "f32[6]"));
    }

    @Test
    void slice() {
        Attributes a = Attributes.of("begin", List.of(0, 1), "size", List.of(-1, 2));
        assertEquals("f32[2,2]", types("slice", a, "f32[2,3]"));
        assertEquals("f32[?,2]", types("slice", a, "f32[?,3]"));
        assertEquals("f32[?,2]", types("slice", a, "f32[*]"));
        assertEquals("Expected size[1] in [0, 1], but got 2 [Op:Slice]", error("slice", a, "f32[2,2]"));
        assertEquals("Expected begin[0] in [0, 2], but got 3 [Op:Slice]",
                error("slice", Attributes.of("begin", List.of(3, 0), "size", List.of(1, 1)), "f32[2,2]"));
        assertEquals("Expected begin and size arguments to be 1-D tensors of size 3, but got shapes [2] and [2] instead. "
                + "[Op:Slice]", error("slice", a, "f32[2,3,4]"));
    }

    @Test
    void gather() {
        assertEquals("i32[2]", types("gather", "i32[3]", "i32[2]"));
        assertEquals("f32[?,5,4]", types("gather", "f32[10,4]", "i64[?,5]"));
        assertEquals("f32[3,2,7]", types("gather", Attributes.of("axis", 1), "f32[3,10,7]", "i32[2]"));
        assertEquals("f32[3,2]", types("gather", Attributes.of("axis", -1), "f32[3,10]", "i32[2]"));
        assertEquals("f32[3,4,6]",
                types("gather", Attributes.of("axis", 1, "batch_dims", 1), "f32[3,10,6]", "i32[?,4]"));
        assertEquals("f32[*]", types("gather", "f32[*]", "i32[2]"));
        assertEquals("Expected axis in the range [-2, 2), but got 2 [Op:GatherV2]",
                error("gather", Attributes.of("axis", 2), "f32[3,4]", "i32[2]"));
        assertEquals("params must be at least 1 dimensional [Op:GatherV2]", error("gather", "f32[]", "i32[2]"));
        assertEquals("Value for attr 'Tindices' of float is not in the list of allowed values: int32, int64 [Op:GatherV2]",
                error("gather", "f32[3]", "f32[2]"));
        assertEquals("batch_dims (1) must be less than or equal to axis (0). [Op:GatherV2]",
                error("gather", Attributes.of("batch_dims", 1), "f32[3,4]", "i32[3,2]"));
        assertEquals("params.shape[0]: 3 should be equal to indices.shape[0]: 4 [Op:GatherV2]",
                error("gather", Attributes.of("axis", 1, "batch_dims", 1), "f32[3,4]", "i32[4,2]"));
    }

    @Test
    void gatherNd() {
        assertEquals("f32[2,3]", types("gather_nd", "f32[4,3]", "i32[2,1]"));
        assertEquals("f32[2]", types("gather_nd", "f32[4,3]", "i64[2,2]"));
        assertEquals("f32[3]", types("gather_nd", "f32[4,3]", "i32[1]"));
        assertEquals("f32[?,5,3]", types("gather_nd", "f32[?,3]", "i32[?,5,1]"));
        assertEquals("f32[*]", types("gather_nd", "f32[4,3]", "i32[2,?]"));
        assertEquals("indices.shape[-1] must be <= params.rank, but saw indices shape: [2,3] and params shape: [4,3]"
                + " [Op:GatherNd]", error("gather_nd", "f32[4,3]", "i32[2,3]"));
        assertEquals("Shape must be at least rank 1 but is rank 0 [Op:GatherNd]", error("gather_nd", "f32[4,3]", "i32[]"));
        assertEquals("Value for attr 'Tindices' of float is not in the list of allowed values: int32, int64 [Op:GatherNd]",
                error("gather_nd", "f32[4,3]", "f32[2,1]"));
    }

    @Test
    void tensorScatterUpdate() {
        assertEquals("f32[4,3]", types("tensor_scatter_update", "f32[4,3]", "i32[2,1]", "f32[2,3]"));
        assertEquals("f32[4,3]", types("tensor_scatter_update", "f32[4,3]", "i64[2,2]", "f32[2]"));
        assertEquals("f32[?,3]", types("tensor_scatter_update", "f32[?,3]", "i32[1,1]", "f32[1,?]"));
        assertEquals("f32[4,3]", types("tensor_scatter_update", "f32[4,3]", "i32[*]", "f32[*]"));
        assertEquals("cannot compute TensorScatterUpdate as input #2(zero-based) was expected to be a float tensor but is"
                + " a int32 tensor [Op:TensorScatterUpdate]",
                error("tensor_scatter_update", "f32[4,3]", "i32[2,1]", "i32[2,3]"));
        assertEquals("Dimensions [0,1) of indices[shape=[2,1]] must match dimensions [0,1) of updates[shape=[3,3]]"
                + " [Op:TensorScatterUpdate]", error("tensor_scatter_update", "f32[4,3]", "i32[2,1]", "f32[3,3]"));
        assertEquals("Dimensions [1,2) of input[shape=[4,3]] must match dimensions [1,2) of updates[shape=[2,2]]"
                + " [Op:TensorScatterUpdate]", error("tensor_scatter_update", "f32[4,3]", "i32[2,1]", "f32[2,2]"));
        assertEquals("indices.shape[-1] must be <= params.rank, but saw indices shape: [2,3] and params shape: [4,3]"
                + " [Op:TensorScatterUpdate]", error("tensor_scatter_update", "f32[4,3]", "i32[2,3]", "f32[2]"));
        assertEquals("Shape must be at least rank 1 but is rank 0 [Op:TensorScatterUpdate]",
                error("tensor_scatter_update", "f32[]", "i32[1]", "f32[]"));
    }

    @Test
    void fillDims() {
        assertEquals("f32[?,?]", types("fill_dims", "i32[2]", "f32[]"));
        assertEquals("f32[*]", types("fill_dims", "i64[?]", "f32[]"));
        assertEquals("f32[3,?]", types("fill_dims", Attributes.of("shape", Shape.of(3, -1)), "i32[2]", "f32[]"));
        assertEquals("shape [3] has rank 1, but dims has 2 elements [Op:Fill]",
                error("fill_dims", Attributes.of("shape", Shape.of(3)), "i32[2]", "f32[]"));
        assertEquals("dims must be a vector, got shape [2,2] [Op:Fill]", error("fill_dims", "i32[2,2]", "f32[]"));
        assertEquals("value must be a scalar, got shape [2] [Op:Fill]", error("fill_dims", "i32[2]", "f32[2]"));
        assertEquals("Value for attr 'index_type' of float is not in the list of allowed values: int32, int64 [Op:Fill]",
                error("fill_dims", "f32[2]", "f32[]"));
    }

    @Test
    void tileAndPad() {
        assertEquals("f32[4,3]", types("tile", Attributes.of("multiples", List.of(2, 1)), "f32[2,3]"));
        assertEquals("f32[?,0]", types("tile", Attributes.of("multiples", List.of(2, 0)), "f32[?,3]"));
        assertEquals("Expected multiples argument to be a vector of length 2 but got length 1 [Op:Tile]",
                error("tile", Attributes.of("multiples", List.of(2)), "f32[2,3]"));
        assertEquals("f32[4,6]", types("pad", Attributes.of("paddings", List.of(1, 1, 2, 1)), "f32[2,3]"));
        assertEquals("f32[?,?]", types("pad", Attributes.of("paddings", List.of(1, 1, 2, 1)), "f32[*]"));
        assertEquals("f32[?,6]", types("pad", Attributes.of("paddings", List.of(1, 1, 2, 1)), "f32[?,3]"));
        assertEquals("Paddings must be non-negative: -1 0 [Op:PadV2]",
                error("pad", Attributes.of("paddings", List.of(-1, 0, 0, 0)), "f32[2,3]"));
        assertEquals("The first dimension of paddings must be the rank of inputs[1,2] [2,3] [Op:PadV2]",
                error("pad", Attributes.of("paddings", List.of(1, 1)), "f32[2,3]"));
    }

    @Test
    void c022_broadcastTo() {
        assertEquals("i32[2,3]", types("broadcast_to", Attributes.of("shape", Shape.of(2, 3)), "i32[3]"));
        assertEquals("f32[?,3]", types("broadcast_to", Attributes.of("shape", Shape.of(-1, 3)), "f32[1,3]"));
        assertEquals("f32[4,3]", types("broadcast_to", Attributes.of("shape", Shape.of(-1, 3)), "f32[4,1]"));
        assertEquals("Incompatible shapes: [2] vs. [2,3] [Op:BroadcastTo]",
                error("broadcast_to", Attributes.of("shape", Shape.of(2, 3)), "f32[2]"));
        assertEquals("Unable to broadcast tensor of shape [2,3] to tensor of shape [1,3] [Op:BroadcastTo]",
                error("broadcast_to", Attributes.of("shape", Shape.of(1, 3)), "f32[2,3]"));
        assertEquals("Unable to broadcast tensor of shape [2,3] to tensor of shape [3] [Op:BroadcastTo]",
                error("broadcast_to", Attributes.of("shape", Shape.of(3)), "f32[2,3]"));
    }

    @Test
    void c027_oneHot() {
        assertEquals("f32[4,3]", types("one_hot", Attributes.of("depth", 3), "i32[4]"));
        assertEquals("f32[?,10]", types("one_hot", Attributes.of("depth", 10), "u8[?]"));
        assertEquals("f64[3,2]", types("one_hot", Attributes.of("depth", 3, "axis", 0, "dtype", DType.FLOAT64), "i64[2]"));
        assertEquals("f32[*]", types("one_hot", Attributes.of("depth", 3), "i32[*]"));
        assertEquals("depth must be non-negative, got: -1 [Op:OneHot]", error("one_hot", Attributes.of("depth", -1), "i32[2]"));
        assertEquals("Expected axis to be -1 or between [0, 2).  But received: 2 [Op:OneHot]",
                error("one_hot", Attributes.of("depth", 3, "axis", 2), "i32[2]"));
        assertEquals("Value for attr 'TI' of float is not in the list of allowed values: uint8, int32, int64 [Op:OneHot]",
                error("one_hot", Attributes.of("depth", 3), "f32[2]"));
    }

    @Test
    void c041_factories() {
        assertEquals("i32[2]", types("fill", Attributes.of("shape", Shape.of(2)), "i32[]"));
        assertEquals("value must be a scalar, got shape [2] [Op:Fill]", error("fill", Attributes.of("shape", Shape.of(2)), "i32[2]"));
        assertEquals("shape must be fully defined, got [?] [Op:Fill]",
                error("fill", Attributes.of("shape", Shape.of(-1)), "i32[]"));
        assertEquals("i32[5]", types("range", Attributes.of("start", 0.0, "limit", 5.0)));
        assertEquals("i32[3]", types("range", Attributes.of("start", 1.0, "limit", 10.0, "delta", 3.0)));
        assertEquals("f32[4]", types("range", Attributes.of("start", 0.0, "limit", 1.0, "delta", 0.25, "dtype", DType.FLOAT32)));
        assertEquals("i64[3]", types("range", Attributes.of("start", 5.0, "limit", 2.0, "delta", -1.0, "dtype", DType.INT64)));
        assertEquals("i32[0]", types("range", Attributes.of("start", 3.0, "limit", 3.0)));
        assertEquals("Requires start <= limit when delta > 0: 5/1 [Op:Range]",
                error("range", Attributes.of("start", 5.0, "limit", 1.0)));
        assertEquals("Requires start >= limit when delta < 0: 1/5 [Op:Range]",
                error("range", Attributes.of("start", 1.0, "limit", 5.0, "delta", -1.0)));
        assertEquals("Requires delta != 0: 0 [Op:Range]", error("range", Attributes.of("start", 1.0, "limit", 5.0, "delta", 0.0)));
        assertEquals("f32[10]", types("lin_space", Attributes.of("start", -10.0, "stop", 10.0, "num", 10)));
        assertEquals("Requires num > 0: 0 [Op:LinSpace]", error("lin_space", Attributes.of("start", 0.0, "stop", 1.0, "num", 0)));
        assertEquals("i32[2]", types("zeros_like", "i32[2]"));
        assertEquals("f32[?,3]", types("ones_like", "f32[?,3]"));
    }

    @Test
    void c002_shapeQueries() {
        assertEquals("i32[2]", types("shape", "f32[2,3]"));
        assertEquals("i64[?]", types("shape", Attributes.of("out_type", DType.INT64), "f32[*]"));
        assertEquals("i32[]", types("size", "f32[?,3]"));
        assertEquals("i32[]", types("rank", "f32[*]"));
        assertEquals("Value for attr 'out_type' of float is not in the list of allowed values: int32, int64 [Op:Shape]",
                error("shape", Attributes.of("out_type", DType.FLOAT32), "f32[2]"));
    }

    @Test
    void c029_whereIndices() {
        assertEquals("i64[?,1]", types("where_indices", "bool[3]"));
        assertEquals("i64[?,2]", types("where_indices", "f32[?,4]"));
        assertEquals("i64[?,?]", types("where_indices", "bool[*]"));
    }

    @Test
    void shapeMatchingOpsForGradients() {
        assertEquals("f32[3]", types("sum_to", "f32[2,3]", "f32[3]"));
        assertEquals("f32[1,3]", types("sum_to", "f32[?,3]", "i32[1,3]"));
        assertEquals("f32[?]", types("sum_to", "f32[2,3]", "f32[?]"));
        assertEquals("Unable to broadcast tensor of shape [2,3] to tensor of shape [3] [Op:_SumTo]",
                error("sum_to", "f32[3]", "f32[2,3]"));
        assertEquals("Unable to broadcast tensor of shape [4] to tensor of shape [2,3] [Op:_SumTo]",
                error("sum_to", "f32[2,3]", "f32[4]"));
        assertEquals("f32[3,2]", types("reshape_like", "f32[2,3]", "f32[3,2]"));
        assertEquals("f32[?,2]", types("reshape_like", "f32[2,3]", "i64[?,2]"));
        assertEquals("Input to reshape is a tensor with 6 values, but the requested shape has 4 [Op:_ReshapeLike]",
                error("reshape_like", "f32[2,3]", "f32[2,2]"));
        assertEquals("f32[2,3]", types("broadcast_like", "f32[3]", "f32[2,1]"));
        assertEquals("Incompatible shapes: [3] vs. [2] [Op:_BroadcastLike]", error("broadcast_like", "f32[3]", "f32[2]"));
    }

    @Test
    void malformedAttributesRaiseIllegalArgument() {
        assertEquals("reshape: missing required attribute 'shape'",
                assertThrows(IllegalArgumentException.class, () -> types("reshape", "f32[6]")).getMessage());
        assertEquals("reshape: attribute 'shape' must be INTS, got 3",
                assertThrows(IllegalArgumentException.class, () -> types("reshape", Attributes.of("shape", "3"), "f32[6]"))
                        .getMessage());
        assertEquals("concat: expects at least 1 operands, got 0",
                assertThrows(IllegalArgumentException.class, () -> types("concat", Attributes.of("axis", 0))).getMessage());
    }
}
