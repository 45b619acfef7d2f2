package dev.kiln;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.Node;
import dev.kiln.ir.OpCatalog;
import dev.kiln.ir.OpFlag;
import dev.kiln.ir.Region;
import dev.kiln.ir.Shape;
import dev.kiln.ir.Value;
import dev.kiln.ir.ops.IteratorOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradients through {@code cond} and {@code while} nodes built inside traces. A tape that records while a
 * function is traced sees such a node as one op (the ops inside its regions belong to the regions) with a
 * rule made here:
 *
 * <ul>
 *   <li>{@code cond}: a {@code cond} on the same predicate whose branches are the gradients of the two
 *       branches (each branch replayed under a tape inside the new region).
 *   <li>{@code while}: a loop running backwards over the iterations. The forward loop counts its
 *       iterations; iteration {@code j}'s state is recomputed from the initial state by an inner loop
 *       (no intermediate values are stored, at the price of quadratic work in the trip count), and the
 *       body's vector-Jacobian product at that state carries the adjoint one iteration back. Gradients of
 *       captured values accumulate over all iterations.
 * </ul>
 */
final class ControlFlowGradients {
    private ControlFlowGradients() {}

    static void recordCond(Operand[] inputs, Tensor[] outputs, Region then, Region otherwise) {
        record(inputs, outputs, g -> condGradient(g, then, otherwise));
    }

    /** @param tripIndex the position of the iteration counter in the loop state, or -1 when it has none */
    static void recordWhile(Operand[] inputs, Tensor[] outputs, Region cond, Region body, int tripIndex) {
        record(inputs, outputs, g -> whileGradient(g, cond, body, tripIndex));
    }

    /**
     * Offers the node to the tapes with its tensor results (a loop's results also hold the variables it
     * passes through, as nulls); the rule sees the results and their gradients at their full positions.
     */
    private static void record(Operand[] inputs, Tensor[] outputs, GradientRule rule) {
        TapeStack tapes = TapeStack.current();
        if (tapes.isEmpty()) {
            return;
        }
        for (Operand in : inputs) {
            if (in instanceof Variable v) {
                tapes.accessed(v);
            }
        }
        int[] positions = java.util.stream.IntStream.range(0, outputs.length).filter(i -> outputs[i] != null).toArray();
        Tensor[] compact = new Tensor[positions.length];
        for (int i = 0; i < positions.length; i++) {
            compact[i] = outputs[positions[i]];
        }
        tapes.recordCustom(inputs, compact, g -> {
            Tensor[] dys = new Tensor[outputs.length];
            for (int i = 0; i < positions.length; i++) {
                dys[positions[i]] = g.outputGrads()[i];
            }
            return rule.apply(new GradientInputs(g.op(), g.attrs(), g.inputs(), outputs, dys));
        });
    }

    private static boolean differentiable(Operand o) {
        return o.dtype().isFloating();
    }

    // ---------------------------------------------------------------- cond

    private static Tensor[] condGradient(GradientInputs g, Region then, Region otherwise) {
        Operand[] in = g.inputs();
        List<Integer> diff = new ArrayList<>();
        for (int k = 1; k < in.length; k++) {
            if (differentiable(in[k])) {
                diff.add(k);
            }
        }
        Tensor[] out = new Tensor[in.length];
        if (diff.isEmpty()) {
            return out;
        }
        Tensor[] dys = g.outputGrads();
        Operand[] branchInputs = java.util.Arrays.copyOfRange(in, 1, in.length);
        List<Integer> sources = diff.stream().map(k -> k - 1).toList();
        Tensor[] grads = GraphRegions.cond((Tensor) in[0],
                () -> vjp(then, branchInputs, dys, sources),
                () -> vjp(otherwise, branchInputs, dys, sources));
        for (int i = 0; i < diff.size(); i++) {
            out[diff.get(i)] = grads[i];
        }
        return out;
    }

    /**
     * The vector-Jacobian product of {@code region} at {@code inputs} (one per parameter): the gradients,
     * weighted by {@code dys} (one per result), with respect to the inputs at {@code sources}; zeros where
     * unconnected. Runs in the current context.
     */
    static List<Tensor> vjp(Region region, Operand[] inputs, Tensor[] dys, List<Integer> sources) {
        List<Operand> results = new ArrayList<>();
        List<Tensor> weights = new ArrayList<>();
        List<Operand> xs = new ArrayList<>();
        try (GradientTape tape = new GradientTape(true, false)) {
            for (int k : sources) {
                tape.watch(inputs[k]);
                xs.add(inputs[k]);
            }
            Map<Value, Operand> env = new HashMap<>();
            for (int k = 0; k < inputs.length; k++) {
                env.put(region.params().get(k), inputs[k]);
            }
            GraphReplay.run(region.nodes(), env);
            for (int j = 0; j < region.results().size() && j < dys.length; j++) {
                Operand r = env.get(region.results().get(j));
                if (r != null && differentiable(r) && dys[j] != null) {
                    results.add(r instanceof Variable v ? v.value() : r);
                    weights.add(dys[j]);
                }
            }
            List<Tensor> grads = results.isEmpty() ? java.util.Collections.nCopies(xs.size(), null)
                    : tape.gradient(results, xs, weights, UnconnectedGradients.NONE);
            List<Tensor> out = new ArrayList<>(xs.size());
            for (int i = 0; i < xs.size(); i++) {
                Tensor gi = grads.get(i);
                out.add(gi != null ? gi : zeros(xs.get(i)));
            }
            return out;
        }
    }

    private static Tensor zeros(Operand o) {
        return o instanceof Variable v ? Tf.zeros(v.shape(), v.dtype()) : Tf.zerosLike(o);
    }

    // ---------------------------------------------------------------- while

    /**
     * Why re-running {@code r} would not give the iterations' values again (the error message), or null when it
     * would: the rule replays the loop body to recompute the carried states, and a body that changes state
     * (assigns a variable, reads an iterator) or draws random numbers gives other values, or other effects, a
     * second time. Reads of variables, prints and numeric checks replay as they ran.
     */
    private static String notReplayable(Region r) {
        for (Node n : r.allNodes()) {
            if (IteratorOps.ALL.contains(n.op())) {
                return "gradients through a loop over a dataset are not supported (as in TensorFlow, whose dataset loops"
                        + " have no gradient)";
            }
            if (n.op().has(OpFlag.RANDOM)) {
                return "gradients through a loop that draws random numbers (" + n.op().name() + ") are not supported";
            }
            if (n.op().has(OpFlag.SIDE_EFFECTING) && !REPLAYABLE_EFFECTS.contains(n.op().name())) {
                return "gradients through a loop that changes state (" + n.op().name() + ") are not supported";
            }
        }
        return null;
    }

    private static final java.util.Set<String> REPLAYABLE_EFFECTS = java.util.Set.of("read_variable", "print",
            "check_numerics");

    /**
     * @param cond the loop's test region (used to count iterations when {@code tripIndex} is -1)
     * @param tripIndex where the loop state holds its iteration count, or -1 when it does not
     */
    private static Tensor[] whileGradient(GradientInputs g, Region cond, Region body, int tripIndex) {
        Operand[] in = g.inputs();
        Tensor[] dys = g.outputGrads();
        boolean[] carried = new boolean[in.length];
        List<Integer> carriedDiff = new ArrayList<>();
        List<Integer> fixedDiff = new ArrayList<>();
        for (int k = 0; k < in.length; k++) {
            // A body result that is its own parameter is a value the loop only reads (a capture).
            carried[k] = body.results().get(k) != body.params().get(k);
            if (differentiable(in[k])) {
                (carried[k] ? carriedDiff : fixedDiff).add(k);
            }
        }
        Tensor[] out = new Tensor[in.length];
        if (carriedDiff.isEmpty() && fixedDiff.isEmpty()) {
            return out;
        }
        String why = notReplayable(cond) != null ? notReplayable(cond) : notReplayable(body);
        if (why != null) {
            throw new UnsupportedOperationException(why + ": compute gradients inside the loop body, with a"
                    + " GradientTape per step");
        }
        Tensor trips = tripIndex >= 0 ? g.outputs()[tripIndex] : count(cond, body, in, carried);
        // Backward state: the iteration index, the adjoints of the carried differentiable values, and the
        // accumulated gradients of the differentiable values the loop only reads.
        List<Tensor> state = new ArrayList<>();
        state.add(trips);
        for (int k : carriedDiff) {
            state.add(dys[k]);
        }
        for (int k : fixedDiff) {
            state.add(zeros(in[k]));
        }
        // Each iteration's carried values, stacked by one forward pass (linear in the trip count); values of
        // unknown rank cannot be stacked, and then each backward step recomputes its state from the start.
        List<Tensor> stacks = stackable(in, carried) ? forwardStates(body, in, carried, trips) : null;
        List<Tensor> result = GraphRegions.whileLoop(state, s -> Tf.greater(s.get(0), Tf.constant(0)), s -> {
            Tensor j = Tf.sub(s.get(0), Tf.constant(1));
            List<Tensor> at = stacks != null ? stacks.stream().map(st -> Tf.gather(st, j)).toList()
                    : iterate(body, in, carried, j);
            Operand[] bodyInputs = in.clone();
            int c = 0;
            for (int k = 0; k < in.length; k++) {
                if (carried[k]) {
                    bodyInputs[k] = at.get(c++);
                }
            }
            Tensor[] weights = new Tensor[body.results().size()];
            for (int i = 0; i < carriedDiff.size(); i++) {
                weights[carriedDiff.get(i)] = s.get(1 + i);
            }
            List<Integer> sources = new ArrayList<>(carriedDiff);
            sources.addAll(fixedDiff);
            List<Tensor> grads = vjp(body, bodyInputs, weights, sources);
            List<Tensor> next = new ArrayList<>();
            next.add(j);
            for (int i = 0; i < carriedDiff.size(); i++) {
                next.add(grads.get(i));
            }
            for (int i = 0; i < fixedDiff.size(); i++) {
                next.add(Tf.add(s.get(1 + carriedDiff.size() + i), grads.get(carriedDiff.size() + i)));
            }
            return next;
        });
        for (int i = 0; i < carriedDiff.size(); i++) {
            out[carriedDiff.get(i)] = result.get(1 + i);
        }
        for (int i = 0; i < fixedDiff.size(); i++) {
            int k = fixedDiff.get(i);
            Tensor acc = result.get(1 + carriedDiff.size() + i);
            out[k] = dys[k] == null ? acc : Tf.add(acc, dys[k]);
        }
        return out;
    }

    private static boolean stackable(Operand[] in, boolean[] carried) {
        for (int k = 0; k < in.length; k++) {
            if (carried[k] && !((Tensor) in[k]).shape().hasKnownRank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The carried values entering each of the loop's {@code trips} iterations, one stack per carried value
     * ({@code [trips, ...]}): the loop again, writing its state into the stacks before each step.
     */
    private static List<Tensor> forwardStates(Region body, Operand[] in, boolean[] carried, Tensor trips) {
        List<Tensor> values = carriedValues(in, carried);
        List<Tensor> state = new ArrayList<>(values);
        for (Tensor v : values) {
            Tensor dims = Tf.concat(List.of(Tf.reshape(trips, Shape.of(1)), Tf.shape(v)), 0);
            int[] known = new int[v.rank() + 1];
            known[0] = Shape.UNKNOWN;
            System.arraycopy(v.shape().dims(), 0, known, 1, v.rank());
            Tensor zero = Tf.cast(Tf.constant(0), v.dtype());
            state.add(ExecutionContext.run1(OpCatalog.get("fill_dims"), Attributes.of("shape", Shape.of(known)), dims,
                    zero));
        }
        state.add(Tf.constant(0));
        int n = values.size();
        List<Tensor> end = GraphRegions.whileLoop(state, s -> Tf.less(s.get(s.size() - 1), trips), s -> {
            Tensor i = s.get(s.size() - 1);
            List<Tensor> next = new ArrayList<>(replayCarried(body, in, carried, s.subList(0, n)));
            Tensor at = Tf.reshape(i, Shape.of(1, 1));
            for (int c = 0; c < n; c++) {
                next.add(Tf.tensorScatterNdUpdate(s.get(n + c), at, Tf.expandDims(s.get(c), 0)));
            }
            next.add(Tf.add(i, Tf.constant(1)));
            return next;
        });
        return end.subList(n, 2 * n);
    }

    /** How many iterations the loop makes from {@code in}: the loop again, with a counter. */
    private static Tensor count(Region cond, Region body, Operand[] in, boolean[] carried) {
        List<Tensor> state = carriedValues(in, carried);
        state.add(Tf.constant(0));
        List<Tensor> end = GraphRegions.whileLoop(state, s -> replay(cond, in, carried, s).get(0),
                s -> withCounter(replayCarried(body, in, carried, s), s));
        return end.get(end.size() - 1);
    }

    /**
     * The carried values after {@code j} iterations of {@code body} from {@code in}: an inner loop with its own
     * counter (the loop's test is not consulted; the forward loop ran at least that far).
     */
    private static List<Tensor> iterate(Region body, Operand[] in, boolean[] carried, Tensor j) {
        List<Tensor> state = carriedValues(in, carried);
        state.add(Tf.constant(0));
        List<Tensor> end = GraphRegions.whileLoop(state, s -> Tf.less(s.get(s.size() - 1), j),
                s -> withCounter(replayCarried(body, in, carried, s), s));
        return end.subList(0, end.size() - 1);
    }

    private static List<Tensor> carriedValues(Operand[] in, boolean[] carried) {
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < in.length; k++) {
            if (carried[k]) {
                out.add((Tensor) in[k]);
            }
        }
        return out;
    }

    private static List<Tensor> withCounter(List<Tensor> values, List<Tensor> state) {
        List<Tensor> out = new ArrayList<>(values);
        out.add(Tf.add(state.get(state.size() - 1), Tf.constant(1)));
        return out;
    }

    /** Replays {@code region} with the carried parameters from {@code state} and the others from {@code in}. */
    private static List<Tensor> replay(Region region, Operand[] in, boolean[] carried, List<Tensor> state) {
        Map<Value, Operand> env = new HashMap<>();
        int c = 0;
        for (int k = 0; k < in.length; k++) {
            env.put(region.params().get(k), carried[k] ? state.get(c++) : in[k]);
        }
        GraphReplay.run(region.nodes(), env);
        List<Tensor> out = new ArrayList<>();
        for (Value r : region.results()) {
            Operand o = env.get(r);
            out.add(o instanceof Tensor t ? t : null);
        }
        return out;
    }

    private static List<Tensor> replayCarried(Region body, Operand[] in, boolean[] carried, List<Tensor> state) {
        List<Tensor> all = replay(body, in, carried, state);
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < in.length; k++) {
            if (carried[k]) {
                out.add(all.get(k));
            }
        }
        return out;
    }
}
