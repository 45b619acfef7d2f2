package dev.kiln;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.OpCatalog;
import dev.kiln.ir.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The gradient-check cases of every differentiable op that runs eagerly: random inputs away from
 * kinks, broadcasting shapes for the binary ops and representative attributes per op. Built when
 * asked for, because some inputs come from running the forward op (max_pool_grad needs max_pool's
 * output).
 */
final class GradientCases {
    private GradientCases() {}

    private static Shape s(int... dims) {
        return Shape.of(dims);
    }

    private static Attributes a(Object... namesAndValues) {
        return Attributes.of(namesAndValues);
    }

    private static final Attributes NONE = Attributes.empty();

    /** Shape pairs of the binary cases: equal, broadcast both ways, and scalars on either side. */
    private static final Shape[][] PAIRS = {
        {s(2, 3), s(2, 3)}, {s(2, 3, 4), s(3, 1)}, {s(1, 4), s(3, 1)}, {s(), s(2, 3)}, {s(2, 3), s()},
    };

    /** The cases of {@code op}; empty when the table has none (the catalog walk then fails). */
    static List<GradientCase> of(String op) {
        CaseInputs in = new CaseInputs(op.hashCode());
        List<GradientCase> cases = new ArrayList<>();
        switch (op) {
            case "neg", "square", "exp", "sin", "cos", "tanh", "sigmoid", "softplus", "erf", "identity" -> {
                cases.add(GradientCase.of(op, "matrix", NONE, in.uniform(s(2, 3), -2, 2)));
                cases.add(GradientCase.of(op, "scalar", NONE, in.uniform(s(), -2, 2)));
            }
            case "check_numerics" ->
                cases.add(GradientCase.of(op, "finite", a("message", "checked"), in.uniform(s(2, 3), -2, 2)));
            case "abs", "sign", "relu", "elu", "selu" ->
                cases.add(GradientCase.of(op, "away from 0", NONE, in.awayFrom(s(2, 3), -2, 2, 0.05, 0)));
            case "relu6" -> cases.add(GradientCase.of(op, "away from 0 and 6", NONE, in.awayFrom(s(3, 4), -2, 8, 0.05, 0, 6)));
            case "leaky_relu" -> {
                cases.add(GradientCase.of(op, "default alpha", NONE, in.awayFrom(s(2, 3), -2, 2, 0.05, 0)));
                cases.add(GradientCase.of(op, "alpha 0.3", a("alpha", 0.3), in.awayFrom(s(2, 3), -2, 2, 0.05, 0)));
            }
            case "sqrt", "rsqrt", "log" -> cases.add(GradientCase.of(op, "positive", NONE, in.uniform(s(2, 3), 0.5, 2)));
            case "log1p" -> cases.add(GradientCase.of(op, "above -1", NONE, in.uniform(s(2, 3), -0.5, 2)));
            case "reciprocal" -> cases.add(GradientCase.of(op, "away from 0", NONE, in.signed(s(2, 3), 0.5, 2)));
            case "cast" -> {
                cases.add(GradientCase.of(op, "f64 to f64", a("dtype", DType.FLOAT64), in.uniform(s(2, 3), -2, 2)));
                cases.add(GradientCase.of(op, "f64 to f32", a("dtype", DType.FLOAT32), in.uniform(s(2, 3), -2, 2))
                        .withStep(1e-2, 1e-4));
                cases.add(GradientCase.of(op, "f32 to f64", a("dtype", DType.FLOAT64), in.float32Grid(s(2, 3), -2, 2))
                        .withStep(1.0 / 1024, 1e-6));
            }
            case "add", "sub", "mul", "squared_difference" -> binary(cases, op, in, (sh, k) -> in.uniform(sh, -2, 2));
            case "div", "div_no_nan" ->
                binary(cases, op, in, (sh, k) -> k == 0 ? in.uniform(sh, -2, 2) : in.signed(sh, 0.5, 2));
            case "mod" -> {
                // x = q * y with q at least 0.1 away from an integer: floor(x / y) is constant near the point.
                Shape[][] shapes = {{s(2, 3), s(2, 3)}, {s(2, 3), s(3)}, {s(2, 3), s()}};
                for (Shape[] p : shapes) {
                    double[] q = in.awayFrom(p[0], -3, 3, 0.1, -3, -2, -1, 0, 1, 2, 3).toDoubleArray();
                    double[] y = in.signed(p[1], 0.5, 2).toDoubleArray();
                    double[] x = new double[q.length];
                    for (int i = 0; i < q.length; i++) {
                        x[i] = q[i] * y[i % y.length];
                    }
                    cases.add(GradientCase.of(op, p[0] + " with " + p[1], NONE, CaseInputs.tensor(x, p[0]),
                            CaseInputs.tensor(y, p[1])));
                }
            }
            case "pow" -> binary(cases, op, in, (sh, k) -> k == 0 ? in.uniform(sh, 0.5, 2) : in.uniform(sh, -2, 2));
            // x on a grid of 0.2, y on the grid shifted by 0.1: never tied.
            case "maximum", "minimum" -> binary(cases, op, in, (sh, k) -> in.grid(sh, 10, k == 0 ? 0 : 0.1));
            case "where" -> {
                cases.add(GradientCase.of(op, "same shapes", NONE, in.bools(s(2, 3)), in.uniform(s(2, 3), -2, 2),
                        in.uniform(s(2, 3), -2, 2)));
                cases.add(GradientCase.of(op, "broadcast", NONE, in.bools(s(3)), in.uniform(s(2, 3), -2, 2),
                        in.uniform(s(1), -2, 2)));
                cases.add(GradientCase.of(op, "broadcast all", NONE, in.bools(s(2, 1)), in.uniform(s(1, 3), -2, 2),
                        in.uniform(s(2, 3), -2, 2)));
            }
            case "add_n" -> {
                cases.add(GradientCase.of(op, "one", NONE, in.uniform(s(2, 3), -2, 2)));
                cases.add(GradientCase.of(op, "three", NONE, in.uniform(s(2, 3), -2, 2), in.uniform(s(2, 3), -2, 2),
                        in.uniform(s(2, 3), -2, 2)));
            }
            case "clip_by_value" -> {
                // t on the 0.2 grid, bounds on the shifted grid: lo in [-1.1, -0.1], hi in [0.1, 1.1].
                cases.add(GradientCase.of(op, "scalar bounds", NONE, in.grid(s(3, 4), 8, 0), 
                        CaseInputs.tensor(new double[] {-0.5}, s()), CaseInputs.tensor(new double[] {0.7}, s())));
                cases.add(GradientCase.of(op, "broadcast bounds", NONE, in.grid(s(2, 3), 8, 0),
                        CaseInputs.tensor(new double[] {-0.3, -0.9, -0.1}, s(3)),
                        CaseInputs.tensor(new double[] {0.1, 0.9}, s(2, 1))));
            }
            case "reduce_sum", "reduce_mean" -> reductions(cases, op, () -> in.uniform(s(2, 3, 4), -2, 2));
            case "reduce_max", "reduce_min" -> reductions(cases, op, () -> in.distinct(s(2, 3, 4), -2, 2));
            case "reduce_prod" -> {
                reductions(cases, op, () -> in.signed(s(2, 3, 4), 0.5, 1.5));
                // One zero in a row sends it the product of the others; two zeros send 0.
                cases.add(GradientCase.of(op, "zeros", a("axes", new int[] {1}),
                        CaseInputs.tensor(new double[] {0, 1.5, -0.7, 0, 0, 1.3}, s(2, 3))));
            }
            case "reshape" -> {
                cases.add(GradientCase.of(op, "to matrix", a("shape", new int[] {6, 4}), in.uniform(s(2, 3, 4), -2, 2)));
                cases.add(GradientCase.of(op, "flatten", a("shape", new int[] {-1}), in.uniform(s(2, 3, 4), -2, 2)));
            }
            case "transpose" -> {
                cases.add(GradientCase.of(op, "perm", a("perm", new int[] {2, 0, 1}), in.uniform(s(2, 3, 4), -2, 2)));
                cases.add(GradientCase.of(op, "reversed", NONE, in.uniform(s(2, 3, 4), -2, 2)));
            }
            case "expand_dims" -> {
                for (int axis : new int[] {0, 1, -1}) {
                    cases.add(GradientCase.of(op, "axis " + axis, a("axis", axis), in.uniform(s(2, 3), -2, 2)));
                }
            }
            case "squeeze" -> {
                cases.add(GradientCase.of(op, "all", NONE, in.uniform(s(2, 1, 3, 1), -2, 2)));
                cases.add(GradientCase.of(op, "axis 1", a("axes", new int[] {1}), in.uniform(s(2, 1, 3, 1), -2, 2)));
                cases.add(GradientCase.of(op, "axis -1", a("axes", new int[] {-1}), in.uniform(s(2, 1, 3, 1), -2, 2)));
            }
            case "concat" -> {
                cases.add(GradientCase.of(op, "axis 1", a("axis", 1), in.uniform(s(2, 1), -2, 2),
                        in.uniform(s(2, 3), -2, 2), in.uniform(s(2, 2), -2, 2)));
                cases.add(GradientCase.of(op, "axis -1", a("axis", -1), in.uniform(s(2, 1), -2, 2),
                        in.uniform(s(2, 3), -2, 2)));
                cases.add(GradientCase.of(op, "axis 0", a("axis", 0), in.uniform(s(1, 3), -2, 2),
                        in.uniform(s(2, 3), -2, 2)));
            }
            case "stack" -> {
                for (int axis : new int[] {0, 1, -1}) {
                    cases.add(GradientCase.of(op, "axis " + axis, a("axis", axis), in.uniform(s(2, 3), -2, 2),
                            in.uniform(s(2, 3), -2, 2), in.uniform(s(2, 3), -2, 2)));
                }
            }
            case "unstack" -> {
                for (int axis : new int[] {0, 1, -1}) {
                    cases.add(GradientCase.of(op, "axis " + axis, a("axis", axis), in.uniform(s(3, 2, 4), -2, 2)));
                }
            }
            case "split" -> {
                cases.add(GradientCase.of(op, "num", a("num", 3, "axis", 1), in.uniform(s(2, 6), -2, 2)));
                cases.add(GradientCase.of(op, "sizes", a("sizes", new int[] {1, -1, 2}, "axis", 1),
                        in.uniform(s(2, 6), -2, 2)));
                cases.add(GradientCase.of(op, "axis 0", a("num", 2, "axis", 0), in.uniform(s(4, 3), -2, 2)));
            }
            case "slice" -> cases.add(GradientCase.of(op, "block", a("begin", new int[] {1, 0, 2}, "size",
                    new int[] {2, -1, 2}), in.uniform(s(3, 4, 5), -2, 2)));
            case "strided_slice" -> {
                for (Object[] spec : stridedSlices()) {
                    cases.add(GradientCase.of(op, (String) spec[0], ((SliceSpec) spec[1]).attributes(),
                            in.uniform(s(4, 5, 6), -2, 2)));
                }
            }
            case "gather" -> {
                cases.add(GradientCase.of(op, "repeated indices", NONE, in.uniform(s(5, 3), -2, 2),
                        CaseInputs.ints(s(4), 0, 2, 2, 4)));
                cases.add(GradientCase.of(op, "axis 1, int64", a("axis", 1), in.uniform(s(3, 5), -2, 2),
                        CaseInputs.longs(s(2, 2), 1, 0, 4, 4)));
                cases.add(GradientCase.of(op, "batch_dims 1", a("axis", 1, "batch_dims", 1), in.uniform(s(2, 4, 3), -2, 2),
                        CaseInputs.ints(s(2, 3), 3, 0, 3, 1, 1, 2)));
            }
            case "gather_nd" -> {
                cases.add(GradientCase.of(op, "repeated rows", NONE, in.uniform(s(4, 3), -2, 2),
                        CaseInputs.ints(s(3, 1), 2, 0, 2)));
                cases.add(GradientCase.of(op, "elements, int64", NONE, in.uniform(s(3, 4), -2, 2),
                        CaseInputs.longs(s(2, 2, 2), 0, 1, 2, 3, 2, 3, 1, 0)));
            }
            case "tensor_scatter_update" -> {
                cases.add(GradientCase.of(op, "rows", NONE, in.uniform(s(4, 3), -2, 2), CaseInputs.ints(s(2, 1), 3, 1),
                        in.uniform(s(2, 3), -2, 2)));
                cases.add(GradientCase.of(op, "elements", NONE, in.uniform(s(3, 4), -2, 2),
                        CaseInputs.longs(s(3, 2), 0, 0, 2, 3, 1, 2), in.uniform(s(3), -2, 2)));
            }
            case "tile" -> {
                cases.add(GradientCase.of(op, "rows", a("multiples", new int[] {2, 1}), in.uniform(s(2, 3), -2, 2)));
                cases.add(GradientCase.of(op, "rank 3", a("multiples", new int[] {1, 3, 2}), in.uniform(s(2, 1, 3), -2, 2)));
            }
            case "broadcast_to" -> {
                cases.add(GradientCase.of(op, "to rank 3", a("shape", s(2, 3, 4)), in.uniform(s(3, 1), -2, 2)));
                cases.add(GradientCase.of(op, "scalar", a("shape", s(2, 2)), in.uniform(s(), -2, 2)));
                cases.add(GradientCase.of(op, "rows", a("shape", s(3, 4)), in.uniform(s(1, 4), -2, 2)));
            }
            case "pad" -> {
                cases.add(GradientCase.of(op, "constant 0.5", a("paddings", new int[] {1, 0, 2, 1}, "constant_value", 0.5),
                        in.uniform(s(2, 3), -2, 2)));
                cases.add(GradientCase.of(op, "rank 3", a("paddings", new int[] {0, 0, 1, 1, 0, 2}),
                        in.uniform(s(2, 3, 2), -2, 2)));
            }
            case "fill" -> cases.add(GradientCase.of(op, "matrix", a("shape", s(2, 3)), in.uniform(s(), -2, 2)));
            case "fill_dims" -> cases.add(GradientCase.of(op, "matrix", NONE, CaseInputs.ints(s(2), 2, 3),
                    in.uniform(s(), -2, 2)));
            case "sum_to" -> {
                cases.add(GradientCase.of(op, "to [3,1]", NONE, in.uniform(s(2, 3, 4), -2, 2), in.uniform(s(3, 1), -2, 2)));
                cases.add(GradientCase.of(op, "to scalar", NONE, in.uniform(s(2, 3), -2, 2), in.uniform(s(), -2, 2)));
            }
            case "reshape_like" ->
                cases.add(GradientCase.of(op, "matrix", NONE, in.uniform(s(2, 6), -2, 2), in.uniform(s(3, 4), -2, 2)));
            case "broadcast_like" ->
                cases.add(GradientCase.of(op, "rank 3", NONE, in.uniform(s(3, 1), -2, 2), in.uniform(s(2, 3, 4), -2, 2)));
            case "matmul" -> matmuls(cases, in);
            case "conv2d" -> {
                for (Object[] c : convolutions()) {
                    cases.add(GradientCase.of(op, (String) c[0], (Attributes) c[1], in.uniform((Shape) c[2], -1, 1),
                            in.uniform((Shape) c[3], -1, 1)));
                }
            }
            case "max_pool" -> {
                for (Object[] p : pools()) {
                    cases.add(GradientCase.of(op, (String) p[0], (Attributes) p[1], in.distinct((Shape) p[2], -2, 2)));
                }
            }
            case "avg_pool" -> {
                for (Object[] p : pools()) {
                    cases.add(GradientCase.of(op, (String) p[0], (Attributes) p[1], in.uniform((Shape) p[2], -2, 2)));
                }
            }
            case "bias_add" -> {
                cases.add(GradientCase.of(op, "rank 3", NONE, in.uniform(s(2, 3, 4), -2, 2), in.uniform(s(4), -2, 2)));
                cases.add(GradientCase.of(op, "matrix", NONE, in.uniform(s(5, 3), -2, 2), in.uniform(s(3), -2, 2)));
            }
            case "softmax", "log_softmax" -> {
                cases.add(GradientCase.of(op, "last axis", NONE, in.uniform(s(3, 4), -2, 2)));
                cases.add(GradientCase.of(op, "axis 0", a("axis", 0), in.uniform(s(3, 4), -2, 2)));
                cases.add(GradientCase.of(op, "axis 1 of 3", a("axis", 1), in.uniform(s(2, 3, 4), -2, 2)));
            }
            case "softmax_cross_entropy_with_logits" -> {
                cases.add(GradientCase.of(op, "matrix", NONE, in.distributions(s(3, 4)), in.uniform(s(3, 4), -2, 2)));
                cases.add(GradientCase.of(op, "rank 3", NONE, in.distributions(s(2, 2, 5)), in.uniform(s(2, 2, 5), -2, 2)));
            }
            case "sparse_softmax_cross_entropy_with_logits" -> {
                cases.add(GradientCase.of(op, "int32", NONE, CaseInputs.ints(s(3), 4, 0, 2), in.uniform(s(3, 5), -2, 2)));
                cases.add(GradientCase.of(op, "int64 rank 2", NONE, CaseInputs.longs(s(2, 2), 2, 0, 1, 1),
                        in.uniform(s(2, 2, 3), -2, 2)));
            }
            case "conv2d_backprop_input" -> {
                for (Object[] c : convolutions()) {
                    Tensor input = in.uniform((Shape) c[2], -1, 1);
                    Tensor filter = in.uniform((Shape) c[3], -1, 1);
                    Shape out = forward("conv2d", (Attributes) c[1], input, filter).shape();
                    cases.add(GradientCase.of(op, (String) c[0], (Attributes) c[1], input, filter, in.uniform(out, -1, 1)));
                }
            }
            case "conv2d_backprop_filter" -> {
                for (Object[] c : convolutions()) {
                    Tensor input = in.uniform((Shape) c[2], -1, 1);
                    Tensor filter = in.uniform((Shape) c[3], -1, 1);
                    Shape out = forward("conv2d", (Attributes) c[1], input, filter).shape();
                    cases.add(GradientCase.of(op, (String) c[0], (Attributes) c[1], input, filter, in.uniform(out, -1, 1)));
                }
            }
            case "max_pool_grad" -> {
                // Routing depends on where the maxima are, not on the values of input and output: only the
                // routed gradient is checked numerically (GradientCheckTest checks the zeros of the others).
                for (Object[] p : pools()) {
                    Tensor input = in.distinct((Shape) p[2], -2, 2);
                    Tensor output = forward("max_pool", (Attributes) p[1], input);
                    cases.add(GradientCase.of(op, (String) p[0], (Attributes) p[1], input, output,
                            in.uniform(output.shape(), -1, 1)).withSources(2));
                }
            }
            case "avg_pool_grad" -> {
                for (Object[] p : pools()) {
                    Tensor input = in.uniform((Shape) p[2], -2, 2);
                    Shape out = forward("avg_pool", (Attributes) p[1], input).shape();
                    cases.add(GradientCase.of(op, (String) p[0], (Attributes) p[1], input, in.uniform(out, -1, 1)));
                }
            }
            case "unsorted_segment_sum" -> {
                cases.add(GradientCase.of(op, "empty segment", a("num_segments", 4), in.uniform(s(5, 3), -2, 2),
                        CaseInputs.ints(s(5), 0, 2, 0, 3, 2)));
                cases.add(GradientCase.of(op, "matrix ids", a("num_segments", 3), in.uniform(s(2, 3, 4), -2, 2),
                        CaseInputs.longs(s(2, 3), 2, 0, 0, 1, 2, 2)));
            }
            case "strided_slice_grad" -> {
                for (Object[] spec : stridedSlices()) {
                    Attributes attrs = ((SliceSpec) spec[1]).attributes();
                    Tensor like = in.uniform(s(4, 5, 6), -2, 2);
                    Shape out = forward("strided_slice", attrs, like).shape();
                    cases.add(GradientCase.of(op, (String) spec[0], attrs, like, in.uniform(out, -2, 2)));
                }
            }
            case "slice_grad" -> {
                Attributes attrs = a("begin", new int[] {1, 0, 2}, "size", new int[] {2, -1, 2});
                cases.add(GradientCase.of(op, "block", attrs, in.uniform(s(3, 4, 5), -2, 2), in.uniform(s(2, 4, 2), -2, 2)));
            }
            case "gather_grad" -> {
                cases.add(GradientCase.of(op, "repeated indices", NONE, in.uniform(s(5, 3), -2, 2),
                        CaseInputs.ints(s(4), 0, 2, 2, 4), in.uniform(s(4, 3), -2, 2)));
                cases.add(GradientCase.of(op, "axis 1", a("axis", 1), in.uniform(s(3, 5), -2, 2),
                        CaseInputs.longs(s(2, 2), 1, 0, 4, 4), in.uniform(s(3, 2, 2), -2, 2)));
                cases.add(GradientCase.of(op, "batch_dims 1", a("axis", 1, "batch_dims", 1), in.uniform(s(2, 4, 3), -2, 2),
                        CaseInputs.ints(s(2, 3), 3, 0, 3, 1, 1, 2), in.uniform(s(2, 3, 3), -2, 2)));
            }
            case "gather_nd_grad" -> cases.add(GradientCase.of(op, "repeated rows", NONE, in.uniform(s(4, 3), -2, 2),
                    CaseInputs.ints(s(3, 1), 2, 0, 2), in.uniform(s(3, 3), -2, 2)));
            case "max_pool_grad_grad" -> {
                // As max_pool_grad: only the gradient of the routed operand is checked numerically.
                for (Object[] p : pools()) {
                    Tensor input = in.distinct((Shape) p[2], -2, 2);
                    Tensor output = forward("max_pool", (Attributes) p[1], input);
                    cases.add(GradientCase.of(op, (String) p[0], (Attributes) p[1], input, output,
                            in.uniform(input.shape(), -1, 1)).withSources(2));
                }
            }
            case "concat_grad" -> {
                cases.add(GradientCase.of(op, "axis 1", a("axis", 1), in.uniform(s(2, 6), -2, 2),
                        in.uniform(s(2, 1), -2, 2), in.uniform(s(2, 3), -2, 2), in.uniform(s(2, 2), -2, 2)));
                cases.add(GradientCase.of(op, "axis -2", a("axis", -2), in.uniform(s(5, 3), -2, 2),
                        in.uniform(s(2, 3), -2, 2), in.uniform(s(3, 3), -2, 2)));
            }
            case "tile_grad" -> {
                cases.add(GradientCase.of(op, "rows", a("multiples", new int[] {2, 1}), in.uniform(s(4, 3), -2, 2),
                        in.uniform(s(2, 3), -2, 2)));
                cases.add(GradientCase.of(op, "rank 3", a("multiples", new int[] {1, 3, 2}), in.uniform(s(2, 3, 6), -2, 2),
                        in.uniform(s(2, 1, 3), -2, 2)));
            }
            default -> { }
        }
        return cases;
    }

    @FunctionalInterface
    private interface ShapedInput {
        Tensor make(Shape shape, int operand);
    }

    private static void binary(List<GradientCase> cases, String op, CaseInputs in, ShapedInput input) {
        for (Shape[] p : PAIRS) {
            cases.add(GradientCase.of(op, p[0] + " with " + p[1], NONE, input.make(p[0], 0), input.make(p[1], 1)));
        }
    }

    private static void reductions(List<GradientCase> cases, String op, java.util.function.Supplier<Tensor> x) {
        cases.add(GradientCase.of(op, "all axes", NONE, x.get()));
        cases.add(GradientCase.of(op, "axis 1", a("axes", new int[] {1}), x.get()));
        cases.add(GradientCase.of(op, "axes 0 and 2, keepdims", a("axes", new int[] {0, 2}, "keepdims", true), x.get()));
        cases.add(GradientCase.of(op, "axis -1", a("axes", new int[] {-1}), x.get()));
        cases.add(GradientCase.of(op, "all axes, keepdims", a("keepdims", true), x.get()));
    }

    private static void matmuls(List<GradientCase> cases, CaseInputs in) {
        Object[][] shapes = {
            {"plain", false, false, s(3, 4), s(4, 5)},
            {"transpose_a", true, false, s(4, 3), s(4, 5)},
            {"transpose_b", false, true, s(3, 4), s(5, 4)},
            {"both transposed", true, true, s(4, 3), s(5, 4)},
            {"batch with matrix", false, false, s(2, 3, 4), s(4, 5)},
            {"broadcast batch", false, false, s(2, 1, 3, 4), s(3, 4, 2)},
            {"batch transposed", true, true, s(2, 4, 3), s(2, 5, 4)},
        };
        for (Object[] m : shapes) {
            cases.add(GradientCase.of("matmul", (String) m[0], a("transpose_a", m[1], "transpose_b", m[2]),
                    in.uniform((Shape) m[3], -2, 2), in.uniform((Shape) m[4], -2, 2)));
        }
    }

    /** Label, attributes, input shape, filter shape. */
    private static Object[][] convolutions() {
        return new Object[][] {
            {"stride 1 VALID", a("strides", new int[] {1, 1, 1, 1}, "padding", "VALID"), s(2, 5, 5, 3), s(3, 3, 3, 4)},
            {"stride 2 SAME", a("strides", new int[] {1, 2, 2, 1}, "padding", "SAME"), s(2, 6, 5, 2), s(3, 2, 2, 3)},
            {"dilation 2 VALID", a("padding", "VALID", "dilations", new int[] {1, 2, 2, 1}), s(1, 7, 7, 2), s(2, 2, 2, 2)},
            {"strides 1x2 SAME", a("strides", new int[] {1, 1, 2, 1}, "padding", "SAME"), s(1, 5, 6, 2), s(2, 3, 2, 2)},
        };
    }

    /** Label, attributes, input shape. */
    private static Object[][] pools() {
        return new Object[][] {
            {"2x2 stride 2 VALID", a("ksize", new int[] {1, 2, 2, 1}, "strides", new int[] {1, 2, 2, 1}, "padding", "VALID"),
                s(2, 4, 4, 3)},
            {"3x3 stride 2 SAME", a("ksize", new int[] {1, 3, 3, 1}, "strides", new int[] {1, 2, 2, 1}, "padding", "SAME"),
                s(1, 5, 5, 2)},
            {"2x2 stride 1 overlapping", a("ksize", new int[] {1, 2, 2, 1}, "strides", new int[] {1, 1, 1, 1},
                "padding", "VALID"), s(1, 4, 5, 2)},
            {"2x3 stride 2x1 SAME", a("ksize", new int[] {1, 2, 3, 1}, "strides", new int[] {1, 2, 1, 1}, "padding", "SAME"),
                s(1, 5, 4, 2)},
        };
    }

    /** Label and Python-style index of the strided-slice cases (on a [4, 5, 6] tensor). */
    private static Object[][] stridedSlices() {
        return new Object[][] {
            {"x[1:3, ::2]", SliceSpec.of(Index.range(1, 3), Index.range(null, null, 2))},
            {"x[:, 1:4, ::2]", SliceSpec.of(Index.all(), Index.range(1, 4), Index.range(null, null, 2))},
            {"x[1]", SliceSpec.of(Index.at(1))},
            {"x[..., 1, newaxis]", SliceSpec.of(Index.ellipsis(), Index.at(1), Index.newAxis())},
            {"x[::-1, 1:4:2, -1]", SliceSpec.of(Index.range(null, null, -1), Index.range(1, 4, 2), Index.at(-1))},
            {"x[newaxis, 2:, ..., :-2]", SliceSpec.of(Index.newAxis(), Index.range(2, null), Index.ellipsis(),
                Index.range(null, -2))},
            {"x[-1:0:-2, 3]", SliceSpec.of(Index.range(-1, 0, -2), Index.at(3))},
        };
    }

    private static Tensor forward(String op, Attributes attrs, Tensor... inputs) {
        return ExecutionContext.run1(OpCatalog.get(op), attrs, inputs);
    }
}
