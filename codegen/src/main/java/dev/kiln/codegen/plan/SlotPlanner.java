package dev.kiln.codegen.plan;

import dev.kiln.ir.DType;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans which values of a block get a buffer that lives in the call frame and is reused across calls,
 * and which values share one: a linear scan in instruction order that hands each planned value a free
 * slot of its dtype and element count, or a new one, and frees the slot after the last instruction that
 * reads the value (so no instruction writes a buffer it reads).
 *
 * <p>Only buffers the compiled code writes itself are planned: outputs of generated kernels and of
 * runtime kernels with an into form. Values that share an array are one buffer (an alias, a
 * pass-through result, a view op's result): it lives until the last use of any of them. A buffer is
 * never planned when any of its values escapes the call: yielded by the block (a result of the graph,
 * of a branch or a loop body), captured by a variable ({@code assign} and the other stores; only
 * {@code assign_add}/{@code assign_sub} compute a new array from it), handed to a {@code cond} or
 * {@code while} (whose regions may yield or store it), or to an interpreted node with regions or side
 * effects. Runtime kernels whose results may share an operand's array are checked per call instead
 * ({@code FrameBuffers.release}).
 *
 * <p>Unknown dimensions: values match when their dtypes, known element counts and numbers of unknown
 * dimensions do; the frame's arrays get their lengths per call, so a mismatch costs a new array, never
 * a wrong result.
 */
final class SlotPlanner {
    /** Variable ops that read their tensor operand to compute a new value instead of storing it. */
    private static final Set<String> COMPUTING_UPDATES = Set.of("assign_add", "assign_sub");

    private final Map<Value, Value> parent = new IdentityHashMap<>();
    private final Map<Value, Integer> lastUse = new IdentityHashMap<>();
    private final Map<Value, Boolean> escaped = new IdentityHashMap<>();

    private SlotPlanner() {}

    /**
     * The slots of the planned values of a block (every value sharing a planned buffer is listed),
     * numbered from {@code first}.
     */
    static Map<Value, Integer> plan(List<Instr> instrs, List<Value> results, int first) {
        return new SlotPlanner().run(instrs, results, first);
    }

    private Map<Value, Integer> run(List<Instr> instrs, List<Value> results, int first) {
        List<List<Value>> owned = new ArrayList<>();
        for (int i = 0; i < instrs.size(); i++) {
            Instr in = instrs.get(i);
            for (Value v : InstrValues.reads(in)) {
                lastUse.put(v, i);
            }
            owned.add(owned(in));
            link(in);
            escapes(in);
        }
        for (Value v : results) {
            escaped.put(find(v), true);
        }
        // Per group: its last use over every member, and whether more than one value writes it.
        Map<Value, Integer> groupLast = new IdentityHashMap<>();
        for (Map.Entry<Value, Integer> e : lastUse.entrySet()) {
            groupLast.merge(find(e.getKey()), e.getValue(), Math::max);
        }
        Map<Value, Integer> writers = new IdentityHashMap<>();
        for (List<Value> vs : owned) {
            for (Value v : vs) {
                writers.merge(find(v), 1, Integer::sum);
            }
        }
        Map<Value, Integer> slotOfGroup = new IdentityHashMap<>();
        Map<String, ArrayDeque<Integer>> free = new HashMap<>();
        Map<Integer, List<Value>> expiring = new HashMap<>();
        int next = first;
        for (int i = 0; i < instrs.size(); i++) {
            for (Value v : owned.get(i)) {
                Value g = find(v);
                if (escaped.containsKey(g) || writers.get(g) != 1 || !(v.type() instanceof TensorType t)) {
                    continue;
                }
                ArrayDeque<Integer> candidates = free.computeIfAbsent(key(t), k -> new ArrayDeque<>());
                int slot = candidates.isEmpty() ? next++ : candidates.pop();
                slotOfGroup.put(g, slot);
                expiring.computeIfAbsent(Math.max(i, groupLast.getOrDefault(g, i)), k -> new ArrayList<>()).add(v);
            }
            for (Value v : expiring.getOrDefault(i, List.of())) {
                free.get(key((TensorType) v.type())).push(slotOfGroup.get(find(v)));
            }
        }
        Map<Value, Integer> slots = new IdentityHashMap<>();
        for (Value v : parent.keySet()) {
            Integer s = slotOfGroup.get(find(v));
            if (s != null) {
                slots.put(v, s);
            }
        }
        return slots;
    }

    /** Values of one size class: same dtype and element count (symbolic when dimensions are unknown). */
    private static String key(TensorType t) {
        DType d = t.dtype();
        Shape s = t.shape();
        if (!s.hasKnownRank()) {
            return d + "/?";
        }
        if (s.isFullyDefined()) {
            return d + "/" + s.numElements();
        }
        long known = 1;
        int unknown = 0;
        for (int x : s.dims()) {
            if (x == Shape.UNKNOWN) {
                unknown++;
            } else {
                known *= x;
            }
        }
        return d + "/" + known + "x?" + unknown;
    }

    // ---------------------------------------------------------------- what each instruction does

    /** The values whose buffer the instruction writes itself: one per output array. */
    private static List<Value> owned(Instr in) {
        return switch (in) {
            case Instr.Kernel k -> {
                List<Value> out = new ArrayList<>();
                for (int o = 0; o < k.outputTypes().size(); o++) {
                    int r = k.sources().indexOf(o);
                    if (r >= 0) {
                        out.add(k.results().get(r));
                    }
                }
                yield out;
            }
            case Instr.CallInto c -> List.of(c.result());
            default -> List.of();
        };
    }

    /** Unites the values that share an array. */
    private void link(Instr in) {
        switch (in) {
            case Instr.Alias a -> union(a.result(), a.source());
            case Instr.Kernel k -> {
                for (int r = 0; r < k.results().size(); r++) {
                    int s = k.sources().get(r);
                    Value v = k.results().get(r);
                    union(v, s >= 0 ? k.results().get(k.sources().indexOf(s)) : k.inputs().get(-s - 1));
                }
            }
            case Instr.CallPure p when p.view() -> {
                for (Value r : p.results()) {
                    union(r, p.operands().get(0));
                }
            }
            default -> {
                // Other results are new arrays of their kernels, or are checked per call.
            }
        }
    }

    private void escapes(Instr in) {
        switch (in) {
            case Instr.CallVariable v -> {
                if (!COMPUTING_UPDATES.contains(v.op())) {
                    v.operands().forEach(this::escape);
                }
            }
            case Instr.Cond c -> c.inputs().forEach(this::escape);
            case Instr.While w -> w.inputs().forEach(this::escape);
            case Instr.Interpret i -> {
                if (i.node().storesOrBranches()) {
                    i.operands().forEach(this::escape);
                }
            }
            default -> {
                // Everything else only reads its operands during the instruction.
            }
        }
    }

    private void escape(Value v) {
        escaped.put(find(v), true);
    }

    // ---------------------------------------------------------------- union-find

    private Value find(Value v) {
        Value p = parent.get(v);
        if (p == null) {
            parent.put(v, v);
            return v;
        }
        if (p == v) {
            return v;
        }
        Value root = find(p);
        parent.put(v, root);
        return root;
    }

    private void union(Value a, Value b) {
        Value ra = find(a);
        Value rb = find(b);
        if (ra != rb) {
            parent.put(ra, rb);
            if (escaped.remove(ra) != null) {
                escaped.put(rb, true);
            }
        }
    }
}
