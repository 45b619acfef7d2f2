package dev.kiln.ir.ops;

import dev.kiln.ir.AttrKind;
import dev.kiln.ir.DType;
import dev.kiln.ir.DTypes;
import dev.kiln.ir.Inference;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.OpFlag;
import dev.kiln.ir.Shape;
import dev.kiln.ir.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ops that move, select, join or create elements without arithmetic: reshapes, transposes, slices,
 * concatenation, gathers and scatter updates, padding, factories and the shape queries, plus the
 * shape-matching ops gradient rules need ({@code sum_to}, {@code reshape_like}, {@code broadcast_like}).
 */
public final class ArrayOps {
    private ArrayOps() {}

    private static final OpFlag D = OpFlag.DIFFERENTIABLE;

    public static final OpDef RESHAPE = OpDef.builder("reshape").tf("Reshape").operands("input")
            .attr("shape", AttrKind.INTS, "the new sizes; one of them may be -1 (inferred from the element count)")
            .flags(D)
            .type(in -> Inference.result(in.dtype(0),
                    ReshapeShape.reshape(in, in.shape(0), in.attrs().getLongList("shape"))))
            .doc("The same elements in row-major order under a new shape.")
            .build();

    public static final OpDef TRANSPOSE = OpDef.builder("transpose").tf("Transpose").operands("input")
            .optionalAttr("perm", AttrKind.INTS, "result dimension i is input dimension perm[i]; absent: reversed")
            .flags(D)
            .type(ArrayOps::inferTranspose)
            .doc("Permutes the dimensions.")
            .build();

    public static final OpDef EXPAND_DIMS = OpDef.builder("expand_dims").tf("ExpandDims").operands("input")
            .attr("axis", AttrKind.INT, "where the new size-1 dimension goes, in [-rank-1, rank]")
            .flags(D)
            .type(ArrayOps::inferExpandDims)
            .doc("Inserts a dimension of size 1.")
            .build();

    public static final OpDef SQUEEZE = OpDef.builder("squeeze").tf("Squeeze").operands("input")
            .optionalAttr("axes", AttrKind.INTS, "the size-1 dimensions to remove; absent: all of them")
            .flags(D)
            .type(ArrayOps::inferSqueeze)
            .doc("Removes dimensions of size 1.")
            .build();

    public static final OpDef CONCAT = OpDef.builder("concat").tf("ConcatV2").variadic("values", 1)
            .attr("axis", AttrKind.INT, "the dimension to join along")
            .flags(D)
            .type(in -> Inference.result(in.sameDTypeAll(), ConcatShape.concat(in, in.attrs().getLong("axis"))))
            .doc("Joins tensors along an existing dimension; the other dimensions must agree.")
            .build();

    public static final OpDef STACK = OpDef.builder("stack").tf("Pack").variadic("values", 1)
            .attr("axis", AttrKind.INT, 0L, "where the new dimension goes")
            .flags(D)
            .type(in -> Inference.result(in.sameDTypeAll(), ConcatShape.stack(in, in.attrs().getLong("axis"))))
            .doc("Joins tensors of one shape along a new dimension.")
            .build();

    public static final OpDef UNSTACK = OpDef.builder("unstack").tf("Unpack").operands("value")
            .attr("axis", AttrKind.INT, 0L, "the dimension to take apart (its size must be known)")
            .flags(D)
            .type(in -> SplitShape.unstack(in, in.attrs().getLong("axis")))
            .doc("One result per index along axis, each without that dimension.")
            .build();

    public static final OpDef SPLIT = OpDef.builder("split").tf("SplitV").operands("value")
            .optionalAttr("num", AttrKind.INT, "the number of equal pieces (exactly one of num and sizes)")
            .optionalAttr("sizes", AttrKind.INTS, "the piece sizes, one of them may be -1 (exactly one of num and sizes)")
            .attr("axis", AttrKind.INT, 0L, "the dimension to cut")
            .flags(D)
            .type(in -> SplitShape.split(in, in.attrs().has("num") ? in.attrs().getLong("num") : null,
                    in.attrs().has("sizes") ? in.attrs().getLongList("sizes") : null, in.attrs().getLong("axis")))
            .doc("Cuts a tensor into pieces along axis, one result per piece.")
            .build();

    public static final OpDef SLICE = OpDef.builder("slice").tf("Slice").operands("input")
            .attr("begin", AttrKind.INTS, "the first index per dimension")
            .attr("size", AttrKind.INTS, "the number of elements per dimension; -1: to the end")
            .flags(D)
            .type(in -> Inference.result(in.dtype(0), SliceShape.slice(in, in.shape(0),
                    in.attrs().getLongList("begin"), in.attrs().getLongList("size"))))
            .doc("A contiguous block: size[i] elements from begin[i] in every dimension.")
            .build();

    public static final OpDef STRIDED_SLICE = stridedSliceAttrs(OpDef.builder("strided_slice").tf("StridedSlice")
            .operands("input"))
            .flags(D)
            .type(in -> Inference.result(in.dtype(0), StridedSliceShape.infer(in, in.shape(0))))
            .doc("Python-style indexing t[b:e:s, ..., tf.newaxis, i] with TensorFlow's masks.")
            .build();

    public static final OpDef GATHER = OpDef.builder("gather").tf("GatherV2").operands("params", "indices")
            .attr("axis", AttrKind.INT, 0L, "the params dimension indexed")
            .attr("batch_dims", AttrKind.INT, 0L, "leading dimensions shared by params and indices")
            .flags(D)
            .type(in -> {
                in.requireIn("Tindices", in.dtype(1), DTypes.INDEX);
                return Inference.result(in.dtype(0), GatherShape.gather(in, in.shape(0), in.shape(1),
                        in.attrs().getLong("axis"), in.attrs().getLong("batch_dims")));
            })
            .doc("Slices of params along axis at the given indices; an out-of-range index fails at run time.")
            .build();

    public static final OpDef GATHER_ND = OpDef.builder("gather_nd").tf("GatherNd").operands("params", "indices")
            .flags(D)
            .type(in -> {
                in.requireIn("Tindices", in.dtype(1), DTypes.INDEX);
                return Inference.result(in.dtype(0), IndexRowsShape.gatherNd(in, in.shape(0), in.shape(1)));
            })
            .doc("result[i...] = params[indices[i...]]: each row of indices' last dimension (length K) picks the slice"
                    + " params[i0, ..., iK-1]; an out-of-range index fails at run time.")
            .build();

    public static final OpDef TENSOR_SCATTER_UPDATE = OpDef.builder("tensor_scatter_update").tf("TensorScatterUpdate")
            .operands("tensor", "indices", "updates")
            .flags(D)
            .type(ArrayOps::inferTensorScatterUpdate)
            .doc("A copy of tensor with the slice at each index row of indices (as gather_nd) replaced by the matching"
                    + " slice of updates; an out-of-range index fails at run time.")
            .build();

    public static final OpDef TILE = OpDef.builder("tile").tf("Tile").operands("input")
            .attr("multiples", AttrKind.INTS, "how often to repeat each dimension")
            .flags(D)
            .type(ArrayOps::inferTile)
            .doc("Repeats the tensor multiples[i] times along dimension i.")
            .build();

    public static final OpDef BROADCAST_TO = OpDef.builder("broadcast_to").tf("BroadcastTo").operands("input")
            .attr("shape", AttrKind.SHAPE, "the target shape; ? only where the input dimension decides")
            .flags(D)
            .type(ArrayOps::inferBroadcastTo)
            .doc("Broadcasts the tensor to a shape (NumPy rules).")
            .build();

    public static final OpDef PAD = OpDef.builder("pad").tf("PadV2").operands("input")
            .attr("paddings", AttrKind.INTS, "before and after counts per dimension, flattened: [b0, a0, b1, a1, ...]")
            .attr("constant_value", AttrKind.FLOAT, 0.0, "the value of the padding, converted to the input's dtype")
            .flags(D)
            .type(ArrayOps::inferPad)
            .doc("Pads every dimension with a constant value.")
            .build();

    public static final OpDef ONE_HOT = OpDef.builder("one_hot").tf("OneHot").operands("indices")
            .attr("depth", AttrKind.INT, "the size of the new dimension")
            .attr("on_value", AttrKind.FLOAT, 1.0, "the value at the index")
            .attr("off_value", AttrKind.FLOAT, 0.0, "the value elsewhere")
            .attr("axis", AttrKind.INT, -1L, "where the new dimension goes; -1: last")
            .attr("dtype", AttrKind.DTYPE, DType.FLOAT32, "the result dtype")
            .type(ArrayOps::inferOneHot)
            .doc("One-hot encoding; an out-of-range index (e.g. -1) gives an all-off row.")
            .build();

    public static final OpDef FILL = OpDef.builder("fill").tf("Fill").operands("value")
            .attr("shape", AttrKind.SHAPE, "the result shape (fully defined)")
            .flags(D)
            .type(ArrayOps::inferFill)
            .doc("A tensor of the given shape with every element equal to the scalar value.")
            .build();

    public static final OpDef FILL_DIMS = OpDef.builder("fill_dims").tf("Fill").operands("dims", "value")
            .optionalAttr("shape", AttrKind.SHAPE, "what is known of dims while tracing (? where only the run-time value"
                    + " decides; checked at run time); absent: every dimension unknown")
            .flags(D)
            .type(ArrayOps::inferFillDims)
            .doc("A tensor whose shape is the value of the int vector dims (read at run time) with every element equal"
                    + " to the scalar value.")
            .build();

    public static final OpDef RANGE = OpDef.builder("range").tf("Range")
            .attr("start", AttrKind.FLOAT, "the first value (converted to dtype; integers truncate)")
            .attr("limit", AttrKind.FLOAT, "the exclusive end")
            .attr("delta", AttrKind.FLOAT, 1.0, "the step, nonzero")
            .attr("dtype", AttrKind.DTYPE, DType.INT32, "the result dtype (numeric)")
            .type(ArrayOps::inferRange)
            .doc("start, start + delta, ... up to but excluding limit.")
            .build();

    public static final OpDef LIN_SPACE = OpDef.builder("lin_space").tf("LinSpace")
            .attr("start", AttrKind.FLOAT, "the first value")
            .attr("stop", AttrKind.FLOAT, "the last value")
            .attr("num", AttrKind.INT, "the number of values, positive")
            .attr("dtype", AttrKind.DTYPE, DType.FLOAT32, "the result dtype (floating)")
            .type(ArrayOps::inferLinSpace)
            .doc("num evenly spaced values from start to stop inclusive.")
            .build();

    public static final OpDef ZEROS_LIKE = OpDef.builder("zeros_like").tf("ZerosLike").operands("x")
            .flags(OpFlag.ELEMENTWISE)
            .type(in -> List.of(in.tensor(0)))
            .doc("Zeros of x's dtype and shape.")
            .build();

    public static final OpDef ONES_LIKE = OpDef.builder("ones_like").tf("OnesLike").operands("x")
            .flags(OpFlag.ELEMENTWISE)
            .type(in -> List.of(in.tensor(0)))
            .doc("Ones of x's dtype and shape.")
            .build();

    public static final OpDef SHAPE = OpDef.builder("shape").tf("Shape").operands("input")
            .attr("out_type", AttrKind.DTYPE, DType.INT32, "i32 or i64")
            .type(in -> {
                DType out = in.attrs().getDType("out_type");
                in.requireIn("out_type", out, DTypes.INDEX);
                Shape s = in.shape(0);
                return Inference.result(out, Shape.of(s.hasKnownRank() ? s.rank() : Shape.UNKNOWN));
            })
            .doc("The input's shape as a vector.")
            .build();

    public static final OpDef SIZE = OpDef.builder("size").tf("Size").operands("input")
            .attr("out_type", AttrKind.DTYPE, DType.INT32, "i32 or i64")
            .type(in -> {
                DType out = in.attrs().getDType("out_type");
                in.requireIn("out_type", out, DTypes.INDEX);
                in.tensor(0);
                return Inference.result(out, Shape.scalar());
            })
            .doc("The input's number of elements as a scalar.")
            .build();

    public static final OpDef RANK = OpDef.builder("rank").tf("Rank").operands("input")
            .type(in -> {
                in.tensor(0);
                return Inference.result(DType.INT32, Shape.scalar());
            })
            .doc("The input's rank as an i32 scalar.")
            .build();

    public static final OpDef WHERE_INDICES = OpDef.builder("where_indices").tf("Where").operands("condition")
            .type(in -> {
                Shape s = in.shape(0);
                return Inference.result(DType.INT64, Shape.of(Shape.UNKNOWN, s.hasKnownRank() ? s.rank() : Shape.UNKNOWN));
            })
            .doc("The coordinates of the true (nonzero) elements, one row each, in row-major order.")
            .build();

    public static final OpDef SUM_TO = OpDef.builder("sum_to").tf("_SumTo").operands("grad", "like")
            .flags(D)
            .type(ArrayOps::inferSumTo)
            .doc("Sums grad over the dimensions that broadcasting like's shape to grad's shape added or stretched.")
            .build();

    public static final OpDef RESHAPE_LIKE = OpDef.builder("reshape_like").tf("_ReshapeLike").operands("x", "like")
            .flags(D)
            .type(in -> Inference.result(in.dtype(0), ReshapeShape.reshapeTo(in, in.shape(0), in.shape(1))))
            .doc("x reshaped to like's shape (like's values are not read).")
            .build();

    public static final OpDef BROADCAST_LIKE = OpDef.builder("broadcast_like").tf("_BroadcastLike").operands("x", "like")
            .flags(D)
            .type(in -> Inference.result(in.dtype(0), in.broadcast(0, 1)))
            .doc("x broadcast against like's shape (like's values are not read).")
            .build();

    public static final List<OpDef> ALL = List.of(RESHAPE, TRANSPOSE, EXPAND_DIMS, SQUEEZE, CONCAT, STACK, UNSTACK, SPLIT,
            SLICE, STRIDED_SLICE, GATHER, GATHER_ND, TENSOR_SCATTER_UPDATE, TILE, BROADCAST_TO, PAD, ONE_HOT, FILL,
            FILL_DIMS, RANGE, LIN_SPACE, ZEROS_LIKE, ONES_LIKE,
            SHAPE, SIZE, RANK, WHERE_INDICES, SUM_TO, RESHAPE_LIKE, BROADCAST_LIKE);

    /** Declares the attributes of strided_slice (shared by the ops that assign to or differentiate a slice). */
    static OpDef.Builder stridedSliceAttrs(OpDef.Builder b) {
        return b.attr("begin", AttrKind.INTS, "start index per slice position")
                .attr("end", AttrKind.INTS, "end index (exclusive) per slice position")
                .attr("strides", AttrKind.INTS, "step per slice position, nonzero")
                .attr("begin_mask", AttrKind.INT, 0L, "bit i: ignore begin[i], start at the first element in the step's direction")
                .attr("end_mask", AttrKind.INT, 0L, "bit i: ignore end[i], run to the last element in the step's direction")
                .attr("ellipsis_mask", AttrKind.INT, 0L, "bit i: position i is '...' (at most one bit)")
                .attr("new_axis_mask", AttrKind.INT, 0L, "bit i: position i inserts a size-1 dimension (tf.newaxis)")
                .attr("shrink_axis_mask", AttrKind.INT, 0L, "bit i: position i is a single index, its dimension is dropped");
    }

    private static List<Type> inferTranspose(Inference in) {
        Shape s = in.shape(0);
        if (!in.attrs().has("perm")) {
            if (!s.hasKnownRank()) {
                return Inference.result(in.dtype(0), s);
            }
            int[] d = s.dims();
            int[] out = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = d[d.length - 1 - i];
            }
            return Inference.result(in.dtype(0), Shape.of(out));
        }
        List<Long> perm = in.attrs().getLongList("perm");
        int n = perm.size();
        if (s.hasKnownRank() && s.rank() != n) {
            throw in.error("transpose expects a vector of size " + s.rank() + ". But input(1) is a vector of size " + n);
        }
        boolean[] seen = new boolean[n];
        for (long p : perm) {
            if (p < 0 || p >= n) {
                throw in.error(p + " is out of range [0 .. " + n + ")");
            }
            seen[(int) p] = true;
        }
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                throw in.error(i + " is missing from {"
                        + perm.stream().map(String::valueOf).collect(Collectors.joining(",")) + "}.");
            }
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.hasKnownRank() ? s.dim(Math.toIntExact(perm.get(i))) : Shape.UNKNOWN;
        }
        return Inference.result(in.dtype(0), Shape.of(out));
    }

    private static List<Type> inferExpandDims(Inference in) {
        Shape s = in.shape(0);
        if (!s.hasKnownRank()) {
            return Inference.result(in.dtype(0), s);
        }
        long axis = in.attrs().getLong("axis");
        int rank = s.rank();
        if (axis < -rank - 1 || axis > rank) {
            throw in.error("Tried to expand dim index " + axis + " for tensor with " + rank + " dimensions.");
        }
        int k = (int) (axis < 0 ? axis + rank + 1 : axis);
        return Inference.result(in.dtype(0), Shape.of(Dims.insert(s.dims(), k, 1)));
    }

    private static List<Type> inferSqueeze(Inference in) {
        Shape s = in.shape(0);
        if (!s.hasKnownRank()) {
            return Inference.result(in.dtype(0), s);
        }
        int rank = s.rank();
        boolean[] drop = new boolean[rank];
        if (!in.attrs().has("axes")) {
            for (int i = 0; i < rank; i++) {
                if (s.dim(i) == Shape.UNKNOWN) {
                    // The unknown dimension may or may not be 1: even the rank is unknown.
                    return Inference.result(in.dtype(0), Shape.unknownRank());
                }
                drop[i] = s.dim(i) == 1;
            }
        } else {
            for (long a : in.attrs().getLongList("axes")) {
                if (a < -rank || a >= rank) {
                    throw in.error("Tried to squeeze dim index " + a + " for tensor with " + rank + " dimensions.");
                }
                int k = (int) (a < 0 ? a + rank : a);
                int d = s.dim(k);
                if (d != Shape.UNKNOWN && d != 1) {
                    throw in.error("Can not squeeze dim[" + k + "], expected a dimension of 1, got " + d);
                }
                drop[k] = true;
            }
        }
        int[] out = new int[rank];
        int n = 0;
        for (int i = 0; i < rank; i++) {
            if (!drop[i]) {
                out[n++] = s.dim(i);
            }
        }
        return Inference.result(in.dtype(0), Shape.of(Arrays.copyOf(out, n)));
    }

    private static List<Type> inferTile(Inference in) {
        return Inference.result(in.dtype(0), tile(in, in.shape(0)));
    }

    /** The shape of {@code s} tiled by the {@code multiples} attribute (also tile_grad's forward check). */
    static Shape tile(Inference in, Shape s) {
        List<Long> multiples = in.attrs().getLongList("multiples");
        int n = multiples.size();
        if (s.hasKnownRank() && s.rank() != n) {
            throw in.error("Expected multiples argument to be a vector of length " + s.rank() + " but got length " + n);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            long m = multiples.get(i);
            if (m < 0) {
                throw in.error("Expected multiples[" + i + "] >= 0, but got " + m);
            }
            int d = s.hasKnownRank() ? s.dim(i) : Shape.UNKNOWN;
            out[i] = m == 0 ? 0 : d == Shape.UNKNOWN ? Shape.UNKNOWN : Math.toIntExact(d * m);
        }
        return Shape.of(out);
    }

    private static List<Type> inferBroadcastTo(Inference in) {
        Shape s = in.shape(0);
        Shape target = in.attrs().getShape("shape");
        if (!s.hasKnownRank() || !target.hasKnownRank()) {
            return Inference.result(in.dtype(0), target);
        }
        int rank = target.rank();
        if (s.rank() > rank) {
            throw in.error("Unable to broadcast tensor of shape " + s.toIrString() + " to tensor of shape "
                    + target.toIrString());
        }
        int[] out = target.dims();
        int offset = rank - s.rank();
        for (int i = 0; i < s.rank(); i++) {
            int d = s.dim(i);
            int t = out[offset + i];
            if (t == Shape.UNKNOWN) {
                out[offset + i] = d == 1 ? Shape.UNKNOWN : d;
            } else if (d != Shape.UNKNOWN && d != 1 && d != t) {
                throw in.error(t == 1
                        ? "Unable to broadcast tensor of shape " + s.toIrString() + " to tensor of shape " + target.toIrString()
                        : "Incompatible shapes: " + s.toIrString() + " vs. " + target.toIrString());
            }
        }
        return Inference.result(in.dtype(0), Shape.of(out));
    }

    private static List<Type> inferPad(Inference in) {
        Shape s = in.shape(0);
        List<Long> paddings = in.attrs().getLongList("paddings");
        if (paddings.size() % 2 != 0) {
            throw in.error("paddings must be a matrix with 2 columns: [" + paddings.size() + "]");
        }
        int n = paddings.size() / 2;
        if (s.hasKnownRank() && s.rank() != n) {
            throw in.error("The first dimension of paddings must be the rank of inputs[" + n + ",2] " + s.toIrString());
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            long before = paddings.get(2 * i);
            long after = paddings.get(2 * i + 1);
            if (before < 0 || after < 0) {
                throw in.error("Paddings must be non-negative: " + before + " " + after);
            }
            int d = s.hasKnownRank() ? s.dim(i) : Shape.UNKNOWN;
            out[i] = d == Shape.UNKNOWN ? Shape.UNKNOWN : Math.toIntExact(d + before + after);
        }
        return Inference.result(in.dtype(0), Shape.of(out));
    }

    private static List<Type> inferOneHot(Inference in) {
        in.requireIn("TI", in.dtype(0), Set.of(DType.UINT8, DType.INT32, DType.INT64));
        long depth = in.attrs().getLong("depth");
        if (depth < 0) {
            throw in.error("depth must be non-negative, got: " + depth);
        }
        DType out = in.attrs().getDType("dtype");
        Shape s = in.shape(0);
        long axis = in.attrs().getLong("axis");
        if (!s.hasKnownRank()) {
            if (axis < -1) {
                throw in.error("Expected axis to be -1 or between [0, rank+1).  But received: " + axis);
            }
            return Inference.result(out, Shape.unknownRank());
        }
        int rank = s.rank() + 1;
        if (axis != -1 && (axis < 0 || axis >= rank)) {
            throw in.error("Expected axis to be -1 or between [0, " + rank + ").  But received: " + axis);
        }
        int k = axis == -1 ? rank - 1 : (int) axis;
        return Inference.result(out, Shape.of(Dims.insert(s.dims(), k, Math.toIntExact(depth))));
    }

    private static List<Type> inferFill(Inference in) {
        Shape v = in.shape(0);
        if (v.hasKnownRank() && v.rank() != 0) {
            throw in.error("value must be a scalar, got shape " + v.toIrString());
        }
        Shape shape = in.attrs().getShape("shape");
        if (!shape.isFullyDefined()) {
            throw in.error("shape must be fully defined, got " + shape.toIrString());
        }
        return Inference.result(in.dtype(0), shape);
    }

    private static List<Type> inferTensorScatterUpdate(Inference in) {
        DType dtype = in.sameDType(0, 2);
        in.requireIn("Tindices", in.dtype(1), DTypes.INDEX);
        Shape tensor = in.shape(0);
        Shape indices = in.shape(1);
        Shape updates = in.shape(2);
        IndexRowsShape.atLeastVector(in, tensor);
        IndexRowsShape.atLeastVector(in, indices);
        if (tensor.hasKnownRank() && indices.hasKnownRank() && updates.hasKnownRank()) {
            IndexRowsShape.scatterUpdates(in, tensor, indices, updates, indices.rank() - 1, indices.dim(-1));
        }
        return Inference.result(dtype, tensor);
    }

    private static List<Type> inferFillDims(Inference in) {
        in.requireIn("index_type", in.dtype(0), DTypes.INDEX);
        Shape dims = in.shape(0);
        if (dims.hasKnownRank() && dims.rank() != 1) {
            throw in.error("dims must be a vector, got shape " + dims.toIrString());
        }
        Shape v = in.shape(1);
        if (v.hasKnownRank() && v.rank() != 0) {
            throw in.error("value must be a scalar, got shape " + v.toIrString());
        }
        int rank = dims.hasKnownRank() ? dims.dim(0) : Shape.UNKNOWN;
        if (!in.attrs().has("shape")) {
            return Inference.result(in.dtype(1), rank == Shape.UNKNOWN ? Shape.unknownRank() : Shape.unknown(rank));
        }
        Shape known = in.attrs().getShape("shape");
        if (rank != Shape.UNKNOWN && known.hasKnownRank() && known.rank() != rank) {
            throw in.error("shape " + known.toIrString() + " has rank " + known.rank() + ", but dims has " + rank
                    + " elements");
        }
        return Inference.result(in.dtype(1), known);
    }

    private static List<Type> inferRange(Inference in) {
        DType dtype = in.attrs().getDType("dtype");
        in.requireIn("Tidx", dtype, DTypes.NUMERIC);
        double start = in.attrs().getDouble("start");
        double limit = in.attrs().getDouble("limit");
        double delta = in.attrs().getDouble("delta");
        if (dtype.isInteger()) {
            start = (long) start;
            limit = (long) limit;
            delta = (long) delta;
        } else if (dtype == DType.FLOAT32) {
            start = (float) start;
            limit = (float) limit;
            delta = (float) delta;
        }
        if (delta == 0) {
            throw in.error("Requires delta != 0: " + number(delta));
        }
        if (delta > 0 && start > limit) {
            throw in.error("Requires start <= limit when delta > 0: " + number(start) + "/" + number(limit));
        }
        if (delta < 0 && start < limit) {
            throw in.error("Requires start >= limit when delta < 0: " + number(start) + "/" + number(limit));
        }
        long size;
        if (dtype.isInteger()) {
            long span = Math.abs((long) limit - (long) start);
            long step = Math.abs((long) delta);
            size = (span + step - 1) / step;
        } else if (dtype == DType.FLOAT32) {
            size = (long) Math.ceil(Math.abs(((float) limit - (float) start) / (float) delta));
        } else {
            size = (long) Math.ceil(Math.abs((limit - start) / delta));
        }
        return Inference.result(dtype, Shape.of(Math.toIntExact(size)));
    }

    private static List<Type> inferLinSpace(Inference in) {
        DType dtype = in.attrs().getDType("dtype");
        in.requireIn("T", dtype, DTypes.FLOATING);
        long num = in.attrs().getLong("num");
        if (num <= 0) {
            throw in.error("Requires num > 0: " + num);
        }
        return Inference.result(dtype, Shape.of(Math.toIntExact(num)));
    }

    private static List<Type> inferSumTo(Inference in) {
        Shape grad = in.shape(0);
        Shape like = in.shape(1);
        Shape broadcast;
        try {
            broadcast = Shape.broadcast(like, grad);
        } catch (IllegalArgumentException e) {
            broadcast = null;
        }
        if (broadcast == null || !broadcast.isCompatibleWith(grad)) {
            throw in.error("Unable to broadcast tensor of shape " + like.toIrString() + " to tensor of shape "
                    + grad.toIrString());
        }
        return Inference.result(in.dtype(0), like);
    }

    /** A number as TensorFlow prints it in range messages: {@code 5}, {@code 0.5}. */
    private static String number(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
