package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpCatalog;
import dev.kiln.ir.OpDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Checks a tape's gradient of one op (or of a function) against central differences in double precision (the seed's
 * {@code approximate_derivative}, {@link Numerics#approximateDerivative}). The scalar differentiated is
 * {@code sum_k sum(out_k * u_k)} over the op's results with random upstream gradients {@code u_k}, so
 * the tape computes a vector-Jacobian product with a non-trivial upstream gradient.
 */
final class GradientChecker {
    private GradientChecker() {}

    static void check(GradientCase c) {
        OpDef op = OpCatalog.get(c.op());
        Operand[] inputs = c.inputs().toArray(Operand[]::new);
        List<Tensor> sources = new ArrayList<>();
        for (int s : c.sources()) {
            sources.add(c.inputs().get(s));
        }

        GradientTape tape = new GradientTape();
        Tensor[] outs;
        try (tape) {
            tape.watch(sources);
            outs = ExecutionContext.run(op, c.attrs(), inputs);
        }
        Random rng = new Random(c.label().hashCode() * 31L + c.op().hashCode());
        List<Tensor> targets = new ArrayList<>();
        List<Tensor> upstream = new ArrayList<>();
        for (Tensor o : outs) {
            if (o.dtype().isFloating()) {
                targets.add(o);
                upstream.add(randomLike(o, rng));
            }
        }
        List<Tensor> analytic = tape.gradient(targets, sources, upstream, UnconnectedGradients.ZERO);

        for (int k = 0; k < sources.size(); k++) {
            Tensor source = sources.get(k);
            Tensor grad = analytic.get(k);
            int index = c.sources()[k];
            assertEquals(source.dtype(), grad.dtype(), () -> c + ": dtype of the gradient of input #" + index);
            assertEquals(source.shape(), grad.shape(), () -> c + ": shape of the gradient of input #" + index);
            Literal x = source.literal();
            double[] tapeValues = grad.toDoubleArray();
            for (int j = 0; j < x.size(); j++) {
                int element = j;
                double numeric = Numerics.approximateDerivative(
                        v -> objective(op, c, inputs, index, with(x, element, v), upstream), x.getDouble(j), c.eps());
                double got = tapeValues[j];
                if (!(Math.abs(got - numeric) <= c.tolerance() * (1 + Math.abs(numeric)))) {
                    fail(c + ": d/d input #" + index + " element " + j + ": tape " + got + ", central differences "
                            + numeric + "\n tape gradient " + grad);
                }
            }
        }
    }

    /**
     * Checks the tape's gradient of {@code sum(f(x) * u)} with respect to {@code x} (float64), for a random
     * {@code u}, against central differences: for code made of many ops (a traced function, a loop).
     */
    static void checkFunction(String label, java.util.function.UnaryOperator<Tensor> f, Tensor x) {
        GradientTape tape = new GradientTape();
        Tensor y;
        try (tape) {
            tape.watch(x);
            y = f.apply(x);
        }
        Tensor u = randomLike(y, new Random(label.hashCode()));
        Tensor grad = tape.gradient(List.of(y), List.of(x), List.of(u), UnconnectedGradients.ZERO).get(0);
        assertEquals(x.shape(), grad.shape(), () -> label + ": shape of the gradient");
        Literal xs = x.literal();
        double[] tapeValues = grad.toDoubleArray();
        for (int j = 0; j < xs.size(); j++) {
            int element = j;
            double numeric = Numerics.approximateDerivative(v -> {
                Literal out = f.apply(with(xs, element, v)).literal();
                double sum = 0;
                for (int i = 0; i < out.size(); i++) {
                    sum += out.getDouble(i) * u.literal().getDouble(i);
                }
                return sum;
            }, xs.getDouble(j), GradientCase.EPS);
            if (!(Math.abs(tapeValues[j] - numeric) <= GradientCase.TOLERANCE * (1 + Math.abs(numeric)))) {
                fail(label + ": element " + j + ": tape " + tapeValues[j] + ", central differences " + numeric
                        + "\n tape gradient " + grad);
            }
        }
    }

    /** {@code sum_k sum(out_k * u_k)} with input {@code index} replaced by {@code replaced}. */
    private static double objective(OpDef op, GradientCase c, Operand[] inputs, int index, Tensor replaced,
            List<Tensor> upstream) {
        Operand[] in = inputs.clone();
        in[index] = replaced;
        Tensor[] outs = ExecutionContext.run(op, c.attrs(), in);
        double sum = 0;
        int u = 0;
        for (Tensor o : outs) {
            if (!o.dtype().isFloating()) {
                continue;
            }
            Literal out = o.literal();
            Literal up = upstream.get(u++).literal();
            for (int i = 0; i < out.size(); i++) {
                sum += out.getDouble(i) * up.getDouble(i);
            }
        }
        return sum;
    }

    private static Tensor with(Literal x, int element, double value) {
        if (x.dtype() == DType.FLOAT64) {
            double[] v = x.doubles().clone();
            v[element] = value;
            return Tensor.of(Literal.of(v, x.shape()));
        }
        float[] v = x.floats().clone();
        v[element] = (float) value;
        return Tensor.of(Literal.of(v, x.shape()));
    }

    private static Tensor randomLike(Tensor t, Random rng) {
        int n = t.shape().size();
        if (t.dtype() == DType.FLOAT64) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextDouble() * 2 - 1;
            }
            return Tensor.of(Literal.of(v, t.shape()));
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return Tensor.of(Literal.of(v, t.shape()));
    }
}
