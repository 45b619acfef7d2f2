package dev.kiln.codegen.plan;

import dev.kiln.ir.Value;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which variable reads of a graph's body the compiled call borrows ({@code VariableSlot.borrow}) instead
 * of reading, and when it gives each back. A read marks the variable's array shared, so that its next
 * update copies; a borrowed one leaves it the slot's own, so that an update (later in the call, or in
 * the next call) can write it in place, as TensorFlow updates a buffer nothing else refers to.
 *
 * <p>A read is borrowed when neither its value nor any value that may share its array leaves the call:
 * none is a result, stored by a variable op (other than {@code assign_add}/{@code assign_sub}, which
 * only read their operand), handed to a {@code cond} or {@code while}, or to an interpreted node with
 * side effects or regions. Which values may share the array: aliases, a generated kernel's pass-through
 * results, and every result of a runtime kernel, random or interpreted node that reads one (such kernels
 * may hand back an operand as it is); a generated kernel's own outputs never do (its interpreted fallback
 * copies a result that would). The borrow is given back after the last instruction that reads any of
 * them. Only reads of parameters in the top-level block are borrowed, within one method of the code.
 */
public final class ReadBorrows {
    private static final Set<String> COMPUTING_UPDATES = Set.of("assign_add", "assign_sub");

    private ReadBorrows() {}

    /**
     * The borrowed reads among instructions {@code [from, to)} of {@code body}: the index of each read
     * to the index of the instruction after which it is given back, also in {@code [from, to)}.
     */
    public static Map<Integer, Integer> plan(Block body, int from, int to) {
        Set<Value> params = identitySet();
        params.addAll(body.params());
        Set<Value> results = identitySet();
        results.addAll(body.results());
        Map<Integer, Integer> out = new LinkedHashMap<>();
        List<Instr> instrs = body.instrs();
        for (int i = from; i < to; i++) {
            if (instrs.get(i) instanceof Instr.ReadVariable r && params.contains(r.slot())) {
                int last = lastUse(instrs, r.result(), i, results);
                if (last >= 0 && last < to) {
                    out.put(i, last);
                }
            }
        }
        return out;
    }

    /**
     * The last instruction reading {@code read} or a value that may share its array, or -1 when one of
     * them leaves the call.
     */
    private static int lastUse(List<Instr> instrs, Value read, int at, Set<Value> results) {
        Set<Value> sharing = identitySet();
        sharing.add(read);
        if (results.contains(read)) {
            return -1;
        }
        int last = at;
        for (int j = at + 1; j < instrs.size(); j++) {
            Instr in = instrs.get(j);
            List<Value> reads = InstrValues.reads(in);
            if (Collections.disjoint(sharing, reads)) {
                continue;
            }
            last = j;
            if (escapes(in)) {
                return -1;
            }
            for (Value v : mayShare(in, sharing)) {
                if (results.contains(v)) {
                    return -1;
                }
                sharing.add(v);
            }
        }
        return last;
    }

    /** Whether {@code in} may keep its operands beyond the call. */
    private static boolean escapes(Instr in) {
        return switch (in) {
            case Instr.CallVariable v -> !COMPUTING_UPDATES.contains(v.op());
            case Instr.Cond c -> true;
            case Instr.While w -> true;
            case Instr.Interpret i -> i.node().storesOrBranches();
            default -> false;
        };
    }

    /** The results of {@code in} (which reads a value of {@code sharing}) that may share that value's array. */
    private static List<Value> mayShare(Instr in, Set<Value> sharing) {
        return switch (in) {
            case Instr.Alias a -> List.of(a.result());
            case Instr.Kernel k -> {
                List<Value> out = new java.util.ArrayList<>();
                for (int r = 0; r < k.results().size(); r++) {
                    int s = k.sources().get(r);
                    if (s < 0 && sharing.contains(k.inputs().get(-s - 1))) {
                        out.add(k.results().get(r));
                    }
                }
                yield out;
            }
            case Instr.Print p -> List.of();
            default -> InstrValues.defines(in);
        };
    }

    private static Set<Value> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
