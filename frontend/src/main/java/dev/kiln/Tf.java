package dev.kiln;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpCatalog;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * TensorFlow's op functions, with TensorFlow's names in camelCase and its argument defaults. Every
 * function accepts tensors, variables and Java values (numbers, booleans, arrays); Java values take the
 * dtype of the tensor they meet, as Python scalars do in TensorFlow.
 *
 * <pre>{@code
 * Tensor t = Tf.constant(new float[][] {{1, 2, 3}, {4, 5, 6}});
 * Tf.reduceSum(t, 1);                  // [6, 15]
 * Tf.maximum(t, 3);                    // [[3, 3, 3], [4, 5, 6]]
 * Tf.oneHot(Tf.constant(new int[] {0, 2}), 3);   // [[1, 0, 0], [0, 0, 1]]
 * }</pre>
 */
public final class Tf {
    private Tf() {}

    private static OpDef op(String name) {
        return OpCatalog.get(name);
    }

    private static Tensor run1(String op, Attributes attrs, Operand... inputs) {
        return ExecutionContext.run1(op(op), attrs, inputs);
    }

    private static Tensor run1(String op, Operand... inputs) {
        return ExecutionContext.run1(op(op), Attributes.empty(), inputs);
    }

    // ---------------------------------------------------------------- constants and factories

    /** A constant from a Java value: {@code 2f} → float32 scalar, {@code new int[][] {...}} → int32 matrix. */
    public static Tensor constant(Object value) {
        return ExecutionContext.current().constant(ArrayConversion.toLiteral(value, null));
    }

    /** A constant of {@code dtype} from a Java value ({@code constant(1e-50, FLOAT64)} keeps 1e-50). */
    public static Tensor constant(Object value, DType dtype) {
        if (value instanceof Operand o) {
            return cast(o, dtype);
        }
        return ExecutionContext.current().constant(ArrayConversion.toLiteral(value, dtype));
    }

    /** A constant of {@code shape} filled from a flat Java array or a single value. */
    public static Tensor constant(Object flatValues, Shape shape, DType dtype) {
        Literal flat = ArrayConversion.toLiteral(flatValues, dtype);
        if (flat.size() == 1 && shape.numElements() != 1) {
            return fill(shape, constant(flatValues, dtype));
        }
        if (flat.size() != shape.numElements()) {
            throw new IllegalArgumentException("Eager execution of tf.constant with unsupported shape. Value has "
                    + flat.size() + " elements, but got `shape` " + shape + " with " + shape.numElements() + " elements.");
        }
        return ExecutionContext.current().constant(flat.reshape(shape));
    }

    public static Tensor zeros(Shape shape) {
        return zeros(shape, DType.FLOAT32);
    }

    public static Tensor zeros(Shape shape, DType dtype) {
        return ExecutionContext.current().constant(Literal.zeros(dtype, shape));
    }

    public static Tensor ones(Shape shape) {
        return ones(shape, DType.FLOAT32);
    }

    public static Tensor ones(Shape shape, DType dtype) {
        return ExecutionContext.current().constant(Literal.splat(dtype, shape, 1));
    }

    public static Tensor zerosLike(Object x) {
        return run1("zeros_like", OperandConversion.tensor(x));
    }

    public static Tensor onesLike(Object x) {
        return run1("ones_like", OperandConversion.tensor(x));
    }

    /** A tensor of {@code shape} with every element {@code value} ({@code fill([2], 7)} is int32). */
    public static Tensor fill(Shape shape, Object value) {
        return run1("fill", Attributes.of("shape", shape), OperandConversion.tensor(value));
    }

    /**
     * A tensor whose shape is the value of the int vector {@code dims}, which may be computed inside a traced
     * function ({@code tf.fill} with a tensor shape): {@code fill(Tf.shape(x), 0f)} is float32 zeros shaped as
     * {@code x} is when the function runs.
     */
    public static Tensor fill(Operand dims, Object value) {
        return run1("fill_dims", dims.value(), OperandConversion.tensor(value));
    }

    /** {@code [0, 1, ..., limit-1]} as int32. */
    public static Tensor range(int limit) {
        return range(0, limit, 1);
    }

    /**
     * {@code [0, 1, ..., limit-1]} for a scalar tensor limit, in its dtype. Inside a traced function a range
     * with a symbolic limit can only be iterated, by a for-each loop that autograph turns into a graph loop
     * ({@code for (Tensor i : Tf.range(n))}).
     */
    public static Tensor range(Operand limit) {
        Tensor l = concreteBound(limit);
        return rangeOf(0, l.doubleValue(), 1, l.dtype());
    }

    /** {@code start, start + delta, ...} up to but excluding {@code limit}, for scalar tensors of one dtype. */
    public static Tensor range(Operand start, Operand limit, Operand delta) {
        Tensor l = concreteBound(limit);
        return rangeOf(concreteBound(start).doubleValue(), l.doubleValue(), concreteBound(delta).doubleValue(), l.dtype());
    }

    private static Tensor concreteBound(Operand bound) {
        Tensor b = bound.value();
        if (!b.isConcrete()) {
            throw new InvalidArgumentException("range: a bound is a symbolic tensor, so the range's length is not known"
                    + " while tracing; only a for-each loop over Tf.range(...) in a @Function method (which autograph turns"
                    + " into a graph loop) can use it");
        }
        return b;
    }

    public static Tensor range(int start, int limit, int delta) {
        return rangeOf(start, limit, delta, DType.INT32);
    }

    public static Tensor range(long start, long limit, long delta) {
        return rangeOf(start, limit, delta, DType.INT64);
    }

    /** A float32 range: {@code range(0f, 1f, 0.25f)} is {@code [0, 0.25, 0.5, 0.75]}. */
    public static Tensor range(float start, float limit, float delta) {
        return rangeOf(start, limit, delta, DType.FLOAT32);
    }

    public static Tensor range(double start, double limit, double delta) {
        return rangeOf(start, limit, delta, DType.FLOAT64);
    }

    private static Tensor rangeOf(double start, double limit, double delta, DType dtype) {
        return run1("range", Attributes.of("start", start, "limit", limit, "delta", delta, "dtype", dtype));
    }

    /** {@code num} evenly spaced float32 values from {@code start} to {@code stop} inclusive. */
    public static Tensor linspace(float start, float stop, int num) {
        return run1("lin_space", Attributes.of("start", (double) start, "stop", (double) stop, "num", (long) num,
                "dtype", DType.FLOAT32));
    }

    public static Tensor linspace(double start, double stop, int num) {
        return run1("lin_space", Attributes.of("start", start, "stop", stop, "num", (long) num, "dtype", DType.FLOAT64));
    }

    /** The {@code n×n} identity matrix, float32. */
    public static Tensor eye(int n) {
        return eye(n, DType.FLOAT32);
    }

    public static Tensor eye(int n, DType dtype) {
        Literal l = Literal.zeros(dtype, Shape.of(n, n));
        Object data = l.data();
        for (int i = 0; i < n; i++) {
            switch (dtype) {
                case FLOAT32 -> ((float[]) data)[i * n + i] = 1;
                case FLOAT64 -> ((double[]) data)[i * n + i] = 1;
                case INT32 -> ((int[]) data)[i * n + i] = 1;
                case INT64 -> ((long[]) data)[i * n + i] = 1;
                case UINT8 -> ((byte[]) data)[i * n + i] = 1;
                case BOOL -> ((boolean[]) data)[i * n + i] = true;
            }
        }
        return ExecutionContext.current().constant(l);
    }

    // ---------------------------------------------------------------- random

    /**
     * Sets the global random seed, {@code tf.random.set_seed}: every seeded random sequence restarts, and
     * random ops without a seed of their own become reproducible from here on.
     *
     * <pre>{@code
     * Tf.setRandomSeed(42);
     * Tensor a = Tf.randomUniform(Shape.of(2), 0, 1, 7);
     * Tf.setRandomSeed(42);
     * Tensor b = Tf.randomUniform(Shape.of(2), 0, 1, 7);   // the same values as a
     * }</pre>
     */
    public static void setRandomSeed(long seed) {
        RandomSeeds.set(seed);
        EagerContext.INSTANCE.resetRandomStreams();
    }

    /** The seed attributes of a random op with its own seed {@code seed} (0: none). */
    private static Attributes seeded(Attributes a, long seed) {
        long[] s = RandomSeeds.forOp(seed);
        return a.with("seed", s[0]).with("seed2", s[1]);
    }

    /** Normal samples; a nonzero {@code seed} makes them reproducible (see {@link #setRandomSeed}). */
    public static Tensor randomNormal(Shape shape, double mean, double stddev, long seed) {
        return randomNormal(shape, mean, stddev, seed, DType.FLOAT32);
    }

    public static Tensor randomNormal(Shape shape, double mean, double stddev, long seed, DType dtype) {
        return run1("random_normal", seeded(Attributes.of("shape", shape, "dtype", dtype, "mean", mean, "stddev", stddev),
                seed));
    }

    public static Tensor randomNormal(Shape shape) {
        return randomNormal(shape, 0, 1, 0);
    }

    /** Uniform samples in {@code [minval, maxval)}; a nonzero {@code seed} makes them reproducible. */
    public static Tensor randomUniform(Shape shape, double minval, double maxval, long seed) {
        return randomUniform(shape, minval, maxval, seed, DType.FLOAT32);
    }

    public static Tensor randomUniform(Shape shape, double minval, double maxval, long seed, DType dtype) {
        return run1("random_uniform", seeded(Attributes.of("shape", shape, "dtype", dtype, "minval", minval,
                "maxval", maxval), seed));
    }

    public static Tensor randomUniform(Shape shape) {
        return randomUniform(shape, 0, 1, 0);
    }

    /** Normal samples redrawn until within two standard deviations of the mean. */
    public static Tensor truncatedNormal(Shape shape, double mean, double stddev, long seed) {
        return truncatedNormal(shape, mean, stddev, seed, DType.FLOAT32);
    }

    public static Tensor truncatedNormal(Shape shape, double mean, double stddev, long seed, DType dtype) {
        return run1("truncated_normal", seeded(Attributes.of("shape", shape, "dtype", dtype, "mean", mean,
                "stddev", stddev), seed));
    }

    // ---------------------------------------------------------------- variables

    /** A trainable variable with the value's natural dtype ({@code variable(0f)} is float32). */
    public static Variable variable(Object initial) {
        return Variable.create(initial, null, null, true);
    }

    public static Variable variable(Object initial, DType dtype) {
        return Variable.create(initial, dtype, null, true);
    }

    /** A named variable: {@code variable(3f, "x0").name()} is {@code "x0:0"}. */
    public static Variable variable(Object initial, String name) {
        return Variable.create(initial, null, name, true);
    }

    public static Variable variable(Object initial, boolean trainable) {
        return Variable.create(initial, null, null, trainable);
    }

    public static Variable variable(Object initial, String name, boolean trainable) {
        return Variable.create(initial, null, name, trainable);
    }

    public static Variable variable(Object initial, DType dtype, String name, boolean trainable) {
        return Variable.create(initial, dtype, name, trainable);
    }

    // ---------------------------------------------------------------- unary

    public static Tensor neg(Object x) {
        return run1("neg", OperandConversion.tensor(x));
    }

    public static Tensor abs(Object x) {
        return run1("abs", OperandConversion.tensor(x));
    }

    public static Tensor sign(Object x) {
        return run1("sign", OperandConversion.tensor(x));
    }

    public static Tensor square(Object x) {
        return run1("square", OperandConversion.tensor(x));
    }

    public static Tensor sqrt(Object x) {
        return run1("sqrt", OperandConversion.tensor(x));
    }

    public static Tensor rsqrt(Object x) {
        return run1("rsqrt", OperandConversion.tensor(x));
    }

    public static Tensor exp(Object x) {
        return run1("exp", OperandConversion.tensor(x));
    }

    public static Tensor log(Object x) {
        return run1("log", OperandConversion.tensor(x));
    }

    public static Tensor log1p(Object x) {
        return run1("log1p", OperandConversion.tensor(x));
    }

    public static Tensor sin(Object x) {
        return run1("sin", OperandConversion.tensor(x));
    }

    public static Tensor cos(Object x) {
        return run1("cos", OperandConversion.tensor(x));
    }

    public static Tensor tanh(Object x) {
        return run1("tanh", OperandConversion.tensor(x));
    }

    public static Tensor sigmoid(Object x) {
        return run1("sigmoid", OperandConversion.tensor(x));
    }

    public static Tensor relu(Object x) {
        return run1("relu", OperandConversion.tensor(x));
    }

    public static Tensor relu6(Object x) {
        return run1("relu6", OperandConversion.tensor(x));
    }

    public static Tensor elu(Object x) {
        return run1("elu", OperandConversion.tensor(x));
    }

    public static Tensor selu(Object x) {
        return run1("selu", OperandConversion.tensor(x));
    }

    public static Tensor softplus(Object x) {
        return run1("softplus", OperandConversion.tensor(x));
    }

    public static Tensor leakyRelu(Object x) {
        return leakyRelu(x, 0.2);
    }

    public static Tensor leakyRelu(Object x, double alpha) {
        return run1("leaky_relu", Attributes.of("alpha", alpha), OperandConversion.tensor(x));
    }

    public static Tensor erf(Object x) {
        return run1("erf", OperandConversion.tensor(x));
    }

    public static Tensor reciprocal(Object x) {
        return run1("reciprocal", OperandConversion.tensor(x));
    }

    public static Tensor floor(Object x) {
        return run1("floor", OperandConversion.tensor(x));
    }

    public static Tensor ceil(Object x) {
        return run1("ceil", OperandConversion.tensor(x));
    }

    /** Rounds half to even, as TensorFlow. */
    public static Tensor round(Object x) {
        return run1("round", OperandConversion.tensor(x));
    }

    public static Tensor logicalNot(Object x) {
        return run1("logical_not", OperandConversion.tensor(x));
    }

    public static Tensor isNan(Object x) {
        return run1("is_nan", OperandConversion.tensor(x));
    }

    public static Tensor isInf(Object x) {
        return run1("is_inf", OperandConversion.tensor(x));
    }

    public static Tensor isFinite(Object x) {
        return run1("is_finite", OperandConversion.tensor(x));
    }

    /** Casts; a cast to the same dtype returns the input. Floats to integers truncate toward zero. */
    public static Tensor cast(Object x, DType dtype) {
        Tensor t = OperandConversion.tensor(x);
        if (t.dtype() == dtype) {
            return t;
        }
        return run1("cast", Attributes.of("dtype", dtype), t);
    }

    public static Tensor identity(Object x) {
        return run1("identity", OperandConversion.tensor(x));
    }

    /** The input, through which no gradient flows. */
    public static Tensor stopGradient(Object x) {
        return run1("stop_gradient", OperandConversion.tensor(x));
    }

    // ---------------------------------------------------------------- binary

    private static Tensor binary(String op, Object x, Object y) {
        Tensor[] p = OperandConversion.pair(x, y);
        return run1(op, p[0], p[1]);
    }

    private static Tensor binary(String op, Operand x, double y) {
        Tensor t = x.value();
        return run1(op, t, OperandConversion.scalar(y, t.dtype()));
    }

    private static Tensor binary(String op, Operand x, long y) {
        Tensor t = x.value();
        return run1(op, t, OperandConversion.scalar(y, t.dtype()));
    }

    public static Tensor add(Object x, Object y) {
        return binary("add", x, y);
    }

    static Tensor add(Operand x, double y) {
        return binary("add", x, y);
    }

    static Tensor add(Operand x, long y) {
        return binary("add", x, y);
    }

    public static Tensor sub(Object x, Object y) {
        return binary("sub", x, y);
    }

    static Tensor sub(Operand x, double y) {
        return binary("sub", x, y);
    }

    static Tensor sub(Operand x, long y) {
        return binary("sub", x, y);
    }

    public static Tensor mul(Object x, Object y) {
        return binary("mul", x, y);
    }

    static Tensor mul(Operand x, double y) {
        return binary("mul", x, y);
    }

    static Tensor mul(Operand x, long y) {
        return binary("mul", x, y);
    }

    /**
     * True division, TensorFlow's {@code /}: int32 and int64 operands are cast to float64, uint8 to float32,
     * floats divide as they are.
     */
    public static Tensor div(Object x, Object y) {
        Tensor[] p = OperandConversion.pair(x, y);
        return truediv(p[0], p[1]);
    }

    static Tensor div(Operand x, double y) {
        Tensor t = x.value();
        if (t.dtype().isFloating()) {
            return run1("div", t, OperandConversion.scalar(y, t.dtype()));
        }
        // A Java double never converts to an integer tensor (TensorFlow refuses 0.5 -> int32 too).
        return truediv(t, OperandConversion.scalar(y, t.dtype()));
    }

    static Tensor div(Operand x, long y) {
        Tensor t = x.value();
        return truediv(t, OperandConversion.scalar(y, t.dtype()));
    }

    private static Tensor truediv(Tensor x, Tensor y) {
        if (x.dtype() == y.dtype() && !x.dtype().isFloating() && x.dtype() != DType.BOOL) {
            DType target = x.dtype() == DType.UINT8 ? DType.FLOAT32 : DType.FLOAT64;
            return run1("div", cast(x, target), cast(y, target));
        }
        return run1("div", x, y);
    }

    /** Division that truncates integers toward zero ({@code truncatediv(-7, 2)} is -3). */
    public static Tensor truncatediv(Object x, Object y) {
        return binary("truncatediv", x, y);
    }

    /** Floor division, Python's {@code //}: {@code floordiv(-7, 2)} is -4. */
    public static Tensor floordiv(Object x, Object y) {
        return binary("floordiv", x, y);
    }

    /** Floor modulo, Python's {@code %}: the result has the divisor's sign. */
    public static Tensor mod(Object x, Object y) {
        return binary("mod", x, y);
    }

    /** {@code x / y}, or 0 where {@code y} is 0. */
    public static Tensor divNoNan(Object x, Object y) {
        return binary("div_no_nan", x, y);
    }

    public static Tensor pow(Object x, Object y) {
        return binary("pow", x, y);
    }

    static Tensor pow(Operand x, double y) {
        return binary("pow", x, y);
    }

    static Tensor pow(Operand x, long y) {
        return binary("pow", x, y);
    }

    public static Tensor maximum(Object x, Object y) {
        return binary("maximum", x, y);
    }

    public static Tensor minimum(Object x, Object y) {
        return binary("minimum", x, y);
    }

    public static Tensor squaredDifference(Object x, Object y) {
        return binary("squared_difference", x, y);
    }

    public static Tensor equal(Object x, Object y) {
        return binary("equal", x, y);
    }

    public static Tensor notEqual(Object x, Object y) {
        return binary("not_equal", x, y);
    }

    public static Tensor less(Object x, Object y) {
        return binary("less", x, y);
    }

    public static Tensor lessEqual(Object x, Object y) {
        return binary("less_equal", x, y);
    }

    public static Tensor greater(Object x, Object y) {
        return binary("greater", x, y);
    }

    public static Tensor greaterEqual(Object x, Object y) {
        return binary("greater_equal", x, y);
    }

    public static Tensor logicalAnd(Object x, Object y) {
        return binary("logical_and", x, y);
    }

    public static Tensor logicalOr(Object x, Object y) {
        return binary("logical_or", x, y);
    }

    /** Elementwise select: {@code x} where {@code condition} is true, else {@code y}; all three broadcast. */
    public static Tensor where(Object condition, Object x, Object y) {
        Tensor c = OperandConversion.tensor(condition);
        Tensor[] p = OperandConversion.pair(x, y);
        return run1("where", c, p[0], p[1]);
    }

    /** The int64 coordinates of the true (non-zero) elements, shape {@code [n, rank]}. */
    public static Tensor where(Object condition) {
        return run1("where_indices", OperandConversion.tensor(condition));
    }

    /** The sum of tensors of identical shape and dtype; a single input is returned as it is (as TensorFlow). */
    public static Tensor addN(List<?> inputs) {
        if (inputs.size() == 1) {
            return OperandConversion.tensor(inputs.get(0));
        }
        return ExecutionContext.run1(op("add_n"), Attributes.empty(),
                inputs.stream().map(OperandConversion::tensor).toArray(Operand[]::new));
    }

    public static Tensor clipByValue(Object t, Object clipMin, Object clipMax) {
        Tensor x = OperandConversion.tensor(t);
        return run1("clip_by_value", x, OperandConversion.tensor(clipMin, x.dtype()),
                OperandConversion.tensor(clipMax, x.dtype()));
    }

    /** Rescales {@code t} so its L2 norm is at most {@code clipNorm}. */
    public static Tensor clipByNorm(Object t, double clipNorm) {
        Tensor x = OperandConversion.tensor(t);
        Tensor l2sum = reduceSum(square(x));
        Tensor clip = OperandConversion.scalar(clipNorm, x.dtype());
        Tensor pred = greater(l2sum, 0);
        Tensor safe = where(pred, l2sum, onesLike(l2sum));
        Tensor norm = where(pred, sqrt(safe), l2sum);
        return div(mul(x, clip), maximum(norm, clip));
    }

    // ---------------------------------------------------------------- reductions

    private static Tensor reduce(String op, Object x, int[] axes, boolean keepdims) {
        Attributes a = axes == null ? Attributes.of("keepdims", keepdims)
                : Attributes.of("axes", axes, "keepdims", keepdims);
        return run1(op, a, OperandConversion.tensor(x));
    }

    /** The sum of all elements. */
    public static Tensor reduceSum(Object x) {
        return reduce("reduce_sum", x, null, false);
    }

    public static Tensor reduceSum(Object x, int axis) {
        return reduce("reduce_sum", x, new int[] {axis}, false);
    }

    public static Tensor reduceSum(Object x, int axis, boolean keepdims) {
        return reduce("reduce_sum", x, new int[] {axis}, keepdims);
    }

    /** Sums over {@code axes}; null means all axes. */
    public static Tensor reduceSum(Object x, int[] axes, boolean keepdims) {
        return reduce("reduce_sum", x, axes, keepdims);
    }

    public static Tensor reduceMean(Object x) {
        return reduce("reduce_mean", x, null, false);
    }

    public static Tensor reduceMean(Object x, int axis) {
        return reduce("reduce_mean", x, new int[] {axis}, false);
    }

    public static Tensor reduceMean(Object x, int axis, boolean keepdims) {
        return reduce("reduce_mean", x, new int[] {axis}, keepdims);
    }

    public static Tensor reduceMean(Object x, int[] axes, boolean keepdims) {
        return reduce("reduce_mean", x, axes, keepdims);
    }

    public static Tensor reduceMax(Object x) {
        return reduce("reduce_max", x, null, false);
    }

    public static Tensor reduceMax(Object x, int axis) {
        return reduce("reduce_max", x, new int[] {axis}, false);
    }

    public static Tensor reduceMax(Object x, int axis, boolean keepdims) {
        return reduce("reduce_max", x, new int[] {axis}, keepdims);
    }

    public static Tensor reduceMax(Object x, int[] axes, boolean keepdims) {
        return reduce("reduce_max", x, axes, keepdims);
    }

    public static Tensor reduceMin(Object x) {
        return reduce("reduce_min", x, null, false);
    }

    public static Tensor reduceMin(Object x, int axis) {
        return reduce("reduce_min", x, new int[] {axis}, false);
    }

    public static Tensor reduceMin(Object x, int axis, boolean keepdims) {
        return reduce("reduce_min", x, new int[] {axis}, keepdims);
    }

    public static Tensor reduceMin(Object x, int[] axes, boolean keepdims) {
        return reduce("reduce_min", x, axes, keepdims);
    }

    public static Tensor reduceProd(Object x) {
        return reduce("reduce_prod", x, null, false);
    }

    public static Tensor reduceProd(Object x, int axis) {
        return reduce("reduce_prod", x, new int[] {axis}, false);
    }

    public static Tensor reduceProd(Object x, int[] axes, boolean keepdims) {
        return reduce("reduce_prod", x, axes, keepdims);
    }

    public static Tensor reduceAny(Object x) {
        return reduce("reduce_any", x, null, false);
    }

    public static Tensor reduceAny(Object x, int[] axes, boolean keepdims) {
        return reduce("reduce_any", x, axes, keepdims);
    }

    public static Tensor reduceAll(Object x) {
        return reduce("reduce_all", x, null, false);
    }

    public static Tensor reduceAll(Object x, int[] axes, boolean keepdims) {
        return reduce("reduce_all", x, axes, keepdims);
    }

    /** Index of the largest element along axis 0, as int64; ties give the first index. */
    public static Tensor argmax(Object x) {
        return argmax(x, 0, DType.INT64);
    }

    public static Tensor argmax(Object x, int axis) {
        return argmax(x, axis, DType.INT64);
    }

    public static Tensor argmax(Object x, int axis, DType outputType) {
        return run1("argmax", Attributes.of("axis", (long) axis, "output_type", outputType), OperandConversion.tensor(x));
    }

    public static Tensor argmin(Object x) {
        return argmin(x, 0, DType.INT64);
    }

    public static Tensor argmin(Object x, int axis) {
        return argmin(x, axis, DType.INT64);
    }

    public static Tensor argmin(Object x, int axis, DType outputType) {
        return run1("argmin", Attributes.of("axis", (long) axis, "output_type", outputType), OperandConversion.tensor(x));
    }

    // ---------------------------------------------------------------- shapes and arrays

    /** Reshapes; one dimension may be -1 (inferred). */
    public static Tensor reshape(Object x, int... shape) {
        return run1("reshape", Attributes.of("shape", shape), OperandConversion.tensor(x));
    }

    public static Tensor reshape(Object x, Shape shape) {
        return reshape(x, shape.dims());
    }

    /** Reverses the axes. */
    public static Tensor transpose(Object x) {
        return run1("transpose", OperandConversion.tensor(x));
    }

    public static Tensor transpose(Object x, int... perm) {
        return run1("transpose", Attributes.of("perm", perm), OperandConversion.tensor(x));
    }

    public static Tensor expandDims(Object x, int axis) {
        return run1("expand_dims", Attributes.of("axis", (long) axis), OperandConversion.tensor(x));
    }

    /** Removes every dimension of size 1. */
    public static Tensor squeeze(Object x) {
        return run1("squeeze", OperandConversion.tensor(x));
    }

    public static Tensor squeeze(Object x, int... axes) {
        return run1("squeeze", Attributes.of("axes", axes), OperandConversion.tensor(x));
    }

    public static Tensor concat(List<?> values, int axis) {
        return ExecutionContext.run1(op("concat"), Attributes.of("axis", (long) axis), tensors(values));
    }

    public static Tensor stack(List<?> values) {
        return stack(values, 0);
    }

    public static Tensor stack(List<?> values, int axis) {
        return ExecutionContext.run1(op("stack"), Attributes.of("axis", (long) axis), tensors(values));
    }

    public static List<Tensor> unstack(Object x) {
        return unstack(x, 0);
    }

    public static List<Tensor> unstack(Object x, int axis) {
        return List.of(ExecutionContext.run(op("unstack"), Attributes.of("axis", (long) axis), OperandConversion.tensor(x)));
    }

    /** Splits into {@code num} equal pieces along {@code axis}. */
    public static List<Tensor> split(Object x, int num, int axis) {
        return List.of(ExecutionContext.run(op("split"), Attributes.of("num", (long) num, "axis", (long) axis),
                OperandConversion.tensor(x)));
    }

    /** Splits into pieces of the given sizes (one may be -1) along {@code axis}. */
    public static List<Tensor> split(Object x, int[] sizes, int axis) {
        return List.of(ExecutionContext.run(op("split"), Attributes.of("sizes", sizes, "axis", (long) axis),
                OperandConversion.tensor(x)));
    }

    /** {@code tf.slice}: {@code size[i] == -1} takes the rest of dimension i. */
    public static Tensor slice(Object x, int[] begin, int[] size) {
        return run1("slice", Attributes.of("begin", begin, "size", size), OperandConversion.tensor(x));
    }

    /** Python-style indexing, {@code t[...]}; see {@link Index}. */
    public static Tensor slice(Object x, Index... indices) {
        return run1("strided_slice", SliceSpec.of(indices).attributes(), OperandConversion.tensor(x));
    }

    public static Tensor gather(Object params, Object indices) {
        return gather(params, indices, 0, 0);
    }

    public static Tensor gather(Object params, Object indices, int axis) {
        return gather(params, indices, axis, 0);
    }

    public static Tensor gather(Object params, Object indices, int axis, int batchDims) {
        return run1("gather", Attributes.of("axis", (long) axis, "batch_dims", (long) batchDims),
                OperandConversion.tensor(params), OperandConversion.tensor(indices));
    }

    /**
     * {@code tf.gather_nd}: each row of {@code indices}' last dimension (length K) picks the slice
     * {@code params[i0, ..., iK-1]}.
     *
     * <pre>{@code
     * Tensor t = Tf.constant(new float[][] {{1, 2}, {3, 4}});
     * Tf.gatherNd(t, new int[][] {{1}, {0}});       // [[3, 4], [1, 2]]
     * Tf.gatherNd(t, new int[][] {{0, 1}, {1, 0}});  // [2, 3]
     * }</pre>
     */
    public static Tensor gatherNd(Object params, Object indices) {
        return run1("gather_nd", OperandConversion.tensor(params), OperandConversion.tensor(indices));
    }

    /**
     * {@code tf.tensor_scatter_nd_update}: a copy of {@code tensor} whose slices at the index rows of
     * {@code indices} (as {@link #gatherNd}) are replaced by those of {@code updates}.
     *
     * <pre>{@code
     * Tf.tensorScatterNdUpdate(Tf.zeros(Shape.of(4)), new int[][] {{1}, {3}}, new float[] {5, 7});   // [0, 5, 0, 7]
     * }</pre>
     */
    public static Tensor tensorScatterNdUpdate(Object tensor, Object indices, Object updates) {
        Tensor t = OperandConversion.tensor(tensor);
        return run1("tensor_scatter_update", t, OperandConversion.tensor(indices), OperandConversion.tensor(updates, t.dtype()));
    }

    public static Tensor tile(Object x, int... multiples) {
        return run1("tile", Attributes.of("multiples", multiples), OperandConversion.tensor(x));
    }

    public static Tensor broadcastTo(Object x, Shape shape) {
        return run1("broadcast_to", Attributes.of("shape", shape), OperandConversion.tensor(x));
    }

    public static Tensor broadcastTo(Object x, int... shape) {
        return broadcastTo(x, Shape.of(shape));
    }

    /** Pads with zeros; {@code paddings[i] = {before, after}} for dimension i. */
    public static Tensor pad(Object x, int[][] paddings) {
        return pad(x, paddings, 0);
    }

    public static Tensor pad(Object x, int[][] paddings, double constantValue) {
        int[] flat = Arrays.stream(paddings).flatMapToInt(Arrays::stream).toArray();
        return run1("pad", Attributes.of("paddings", flat, "constant_value", constantValue), OperandConversion.tensor(x));
    }

    /**
     * {@code tf.pad} with a mode: "CONSTANT" fills with {@code constantValue}; "REFLECT" mirrors without the
     * edge ({@code [1, 2, 3]} padded by 2 before: {@code [3, 2, 1, 2, 3]}); "SYMMETRIC" mirrors with it
     * ({@code [2, 1, 1, 2, 3]}). Mirror padding gathers along each padded dimension, so its gradient sums
     * the mirrored elements back, as TensorFlow's MirrorPadGrad does.
     */
    public static Tensor pad(Object x, int[][] paddings, String mode, double constantValue) {
        String m = mode.toUpperCase(Locale.ROOT);
        if (m.equals("CONSTANT")) {
            return pad(x, paddings, constantValue);
        }
        if (!m.equals("REFLECT") && !m.equals("SYMMETRIC")) {
            throw new InvalidArgumentException("pad mode must be CONSTANT, REFLECT or SYMMETRIC, got " + mode + " [Op:MirrorPad]");
        }
        Tensor t = OperandConversion.tensor(x);
        int[] dims = t.shape().dims();
        if (paddings.length != dims.length || Arrays.stream(paddings).anyMatch(p -> p.length != 2)) {
            throw new InvalidArgumentException("paddings must hold one [before, after] pair per dimension of the input "
                    + t.shape() + ", got " + Arrays.deepToString(paddings) + " [Op:MirrorPad]");
        }
        // REFLECT leaves the edge out, so it can mirror one element fewer than SYMMETRIC.
        int edge = m.equals("REFLECT") ? 1 : 0;
        for (int d = 0; d < dims.length; d++) {
            int before = paddings[d][0];
            int after = paddings[d][1];
            if (before < 0 || after < 0 || before > dims[d] - edge || after > dims[d] - edge) {
                throw new InvalidArgumentException((edge == 1 ? "paddings must be less than the dimension size: "
                        : "paddings must be no greater than the dimension size: ") + before + ", " + after
                        + (edge == 1 ? " not less than " : " greater than ") + dims[d] + " [Op:MirrorPad]");
            }
            if (before + after == 0) {
                continue;
            }
            int n = dims[d];
            int[] index = new int[before + n + after];
            for (int i = 0; i < index.length; i++) {
                int j = i - before;
                index[i] = j < 0 ? -j - 1 + edge : j >= n ? 2 * n - j - 1 - edge : j;
            }
            t = gather(t, constant(index), d);
        }
        return t;
    }

    /** One-hot float32 rows; out-of-range indices give all-zero rows. */
    public static Tensor oneHot(Object indices, int depth) {
        return run1("one_hot", Attributes.of("depth", (long) depth), OperandConversion.tensor(indices));
    }

    public static Tensor oneHot(Object indices, int depth, double onValue, double offValue, int axis, DType dtype) {
        return run1("one_hot", Attributes.of("depth", (long) depth, "on_value", onValue, "off_value", offValue,
                "axis", (long) axis, "dtype", dtype), OperandConversion.tensor(indices));
    }

    /** The shape as an int32 tensor ({@code tf.shape}). */
    public static Tensor shape(Object x) {
        return run1("shape", OperandConversion.tensor(x));
    }

    public static Tensor size(Object x) {
        return run1("size", OperandConversion.tensor(x));
    }

    public static Tensor rank(Object x) {
        return run1("rank", OperandConversion.tensor(x));
    }

    private static Operand[] tensors(List<?> values) {
        List<Operand> out = new ArrayList<>(values.size());
        DType first = null;
        for (Object v : values) {
            if (v instanceof Operand o) {
                first = o.dtype();
                break;
            }
        }
        for (Object v : values) {
            out.add(OperandConversion.tensor(v, first));
        }
        return out.toArray(Operand[]::new);
    }

    // ---------------------------------------------------------------- neural network

    public static Tensor matmul(Object a, Object b) {
        return matmul(a, b, false, false);
    }

    /** Batched matrix product; batch dimensions broadcast. */
    public static Tensor matmul(Object a, Object b, boolean transposeA, boolean transposeB) {
        Tensor[] p = OperandConversion.pair(a, b);
        return run1("matmul", Attributes.of("transpose_a", transposeA, "transpose_b", transposeB), p[0], p[1]);
    }

    /** 2-D convolution, NHWC input and HWIO filter; {@code strides} = {@code {sh, sw}}, padding VALID or SAME. */
    public static Tensor conv2d(Object input, Object filter, int[] strides, String padding) {
        return conv2d(input, filter, strides, padding, new int[] {1, 1});
    }

    public static Tensor conv2d(Object input, Object filter, int[] strides, String padding, int[] dilations) {
        Tensor[] p = OperandConversion.pair(input, filter);
        return run1("conv2d", Attributes.of("strides", nhwc(strides), "padding", padding, "dilations", nhwc(dilations)),
                p[0], p[1]);
    }

    /** Max pooling over {@code ksize = {kh, kw}} windows with {@code strides = {sh, sw}}. */
    public static Tensor maxPool2d(Object input, int[] ksize, int[] strides, String padding) {
        return run1("max_pool", Attributes.of("ksize", nhwc(ksize), "strides", nhwc(strides), "padding", padding),
                OperandConversion.tensor(input));
    }

    public static Tensor avgPool2d(Object input, int[] ksize, int[] strides, String padding) {
        return run1("avg_pool", Attributes.of("ksize", nhwc(ksize), "strides", nhwc(strides), "padding", padding),
                OperandConversion.tensor(input));
    }

    /** Expands {@code {h, w}} (or a single value) to TensorFlow's four-element NHWC form. */
    private static int[] nhwc(int[] hw) {
        return switch (hw.length) {
            case 1 -> new int[] {1, hw[0], hw[0], 1};
            case 2 -> new int[] {1, hw[0], hw[1], 1};
            case 4 -> hw;
            default -> throw new IllegalArgumentException("expected 1, 2 or 4 values, got " + Arrays.toString(hw));
        };
    }

    public static Tensor biasAdd(Object value, Object bias) {
        Tensor[] p = OperandConversion.pair(value, bias);
        return run1("bias_add", p[0], p[1]);
    }

    public static Tensor softmax(Object logits) {
        return softmax(logits, -1);
    }

    public static Tensor softmax(Object logits, int axis) {
        return run1("softmax", Attributes.of("axis", (long) axis), OperandConversion.tensor(logits));
    }

    public static Tensor logSoftmax(Object logits) {
        return logSoftmax(logits, -1);
    }

    public static Tensor logSoftmax(Object logits, int axis) {
        return run1("log_softmax", Attributes.of("axis", (long) axis), OperandConversion.tensor(logits));
    }

    /** Per-example cross-entropy between probability {@code labels} and {@code logits}. */
    public static Tensor softmaxCrossEntropyWithLogits(Object labels, Object logits) {
        Tensor lg = OperandConversion.tensor(logits);
        return run1("softmax_cross_entropy_with_logits", OperandConversion.tensor(labels, lg.dtype()), lg);
    }

    /**
     * The cross-entropy over {@code axis} instead of the last dimension: as TensorFlow's Python layer does,
     * both operands get {@code axis} moved to the end first, so the loss keeps the other dimensions in order.
     */
    public static Tensor softmaxCrossEntropyWithLogits(Object labels, Object logits, int axis) {
        Tensor lg = OperandConversion.tensor(logits);
        Tensor lb = OperandConversion.tensor(labels, lg.dtype());
        int rank = lg.rank();
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new InvalidArgumentException("axis " + axis + " is out of range for logits of rank " + rank
                    + " [Op:SoftmaxCrossEntropyWithLogits]");
        }
        if (a != rank - 1) {
            int[] perm = new int[rank];
            for (int i = 0, k = 0; i < rank; i++) {
                if (i != a) {
                    perm[k++] = i;
                }
            }
            perm[rank - 1] = a;
            lg = transpose(lg, perm);
            lb = transpose(lb, perm);
        }
        return run1("softmax_cross_entropy_with_logits", lb, lg);
    }

    /** Per-example cross-entropy between integer class {@code labels} and {@code logits}. */
    public static Tensor sparseSoftmaxCrossEntropyWithLogits(Object labels, Object logits) {
        return run1("sparse_softmax_cross_entropy_with_logits", OperandConversion.tensor(labels),
                OperandConversion.tensor(logits));
    }

    // ---------------------------------------------------------------- gradients

    /**
     * A function whose gradient is given rather than derived ({@code @tf.custom_gradient}): the ops inside
     * {@code f} are not recorded; tapes see one op from the input to the result, whose gradient is
     * {@link CustomGradient#gradient()} of the upstream gradient.
     */
    public static UnaryOperator<Tensor> customGradient(Function<Tensor, CustomGradient> f) {
        return x -> {
            TapeStack tapes = TapeStack.current();
            CustomGradient cg;
            Tensor result;
            try (RecordingPause p = tapes.suspend()) {
                cg = f.apply(x);
                // A fresh tensor, so the recorded op's output is never the input itself.
                result = identity(cg.result());
            }
            CustomGradient rule = cg;
            tapes.recordCustom(new Operand[] {x}, new Tensor[] {result}, g -> new Tensor[] {rule.gradient().apply(g.dy())});
            return result;
        };
    }

    // ---------------------------------------------------------------- side effects

    /**
     * Returns {@code x}, or fails with {@link InvalidArgumentException} {@code "<message> : Tensor had Inf values"}
     * ({@code NaN values}, {@code Inf and NaN values}) when x holds an infinity or a NaN
     * ({@code tf.debugging.check_numerics}). Inside a traced function the check runs even when its
     * result is unused, unless the {@code debug_stripper} graph optimization is on
     * ({@link GraphOptimizerOptions}).
     *
     * <pre>{@code
     * Tf.checkNumerics(Tf.constant(Float.POSITIVE_INFINITY), "Bad!");  // "Bad! : Tensor had Inf values"
     * }</pre>
     */
    public static Tensor checkNumerics(Object x, String message) {
        return run1("check_numerics", Attributes.of("message", message), OperandConversion.tensor(x));
    }

    /** Prints the inputs each time it runs, also inside traced functions ({@code tf.print}). */
    public static void print(Object... inputs) {
        StringBuilder template = new StringBuilder();
        List<Operand> tensors = new ArrayList<>();
        for (Object o : inputs) {
            if (template.length() > 0) {
                template.append(' ');
            }
            if (o instanceof Operand op) {
                tensors.add(op.value());
                template.append("{}");
            } else {
                // Literal braces in user text must not be taken for placeholders.
                template.append(String.valueOf(o).replace("{}", "{ }"));
            }
        }
        ExecutionContext.run(op("print"), Attributes.of("template", template.toString()), tensors.toArray(Operand[]::new));
    }
}
