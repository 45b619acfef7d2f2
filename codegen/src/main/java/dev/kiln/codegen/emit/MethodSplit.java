package dev.kiln.codegen.emit;

import dev.kiln.codegen.plan.Block;
import dev.kiln.codegen.plan.Instr;
import dev.kiln.codegen.plan.InstrValues;
import dev.kiln.ir.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a block whose code is too big for one JIT-compiled method is cut into parts, each a method of its
 * own: HotSpot leaves methods of more than 8000 bytes of bytecode to the interpreter
 * ({@code -XX:+DontCompileHugeMethods}, the default), so a big graph in one {@code call} method would
 * never run as machine code. Parts are runs of consecutive top-level instructions (a {@code cond} or
 * {@code while} stays whole in one part) of at most a given estimated size. Inside a part values live in
 * locals; a value one part defines and a later one reads crosses in the call's environment, an
 * {@code Object[]} with one element per such value, cleared after the last part that reads it.
 * Parameters are read from the call's arguments.
 *
 * @param parts the parts in order
 * @param env the environment index of every value that crosses a part boundary or is a result
 * @param envSize the environment's length
 */
record MethodSplit(List<Part> parts, Map<Value, Integer> env, int envSize) {
    /** Estimated bytes to load or store one crossing value (aload, index, aaload or aastore, astore). */
    static final int CROSSING_BYTES = 10;

    /**
     * Instructions {@code [from, to)} of the block.
     *
     * @param liveIn values read here and defined before (parameters included): loaded on entry
     * @param liveOut values defined here and read later or returned: stored into the environment on exit
     * @param dropped environment values read for the last time here: cleared on exit
     */
    record Part(int from, int to, List<Value> liveIn, List<Value> liveOut, List<Value> dropped) {}

    /**
     * Cuts {@code body} so that each part's estimated size (its instructions' {@code sizes} plus the
     * loads and stores of crossing values) stays within {@code budget} where one instruction alone allows.
     */
    static MethodSplit of(Block body, int[] sizes, int budget) {
        List<Instr> instrs = body.instrs();
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        long cost = 0;
        Set<Value> defined = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Value> loaded = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < instrs.size(); i++) {
            Instr in = instrs.get(i);
            long add = sizes[i];
            for (Value v : InstrValues.reads(in)) {
                if (!defined.contains(v) && !loaded.contains(v)) {
                    add += CROSSING_BYTES;
                }
            }
            add += (long) CROSSING_BYTES * InstrValues.defines(in).size();
            if (i > from && cost + add > budget) {
                ranges.add(new int[] {from, i});
                from = i;
                cost = 0;
                defined.clear();
                loaded.clear();
                add = sizes[i] + (long) CROSSING_BYTES
                        * (InstrValues.reads(in).size() + InstrValues.defines(in).size());
            }
            cost += add;
            for (Value v : InstrValues.reads(in)) {
                if (!defined.contains(v)) {
                    loaded.add(v);
                }
            }
            defined.addAll(InstrValues.defines(in));
        }
        ranges.add(new int[] {from, instrs.size()});
        return of(body, ranges);
    }

    private static MethodSplit of(Block body, List<int[]> ranges) {
        List<Instr> instrs = body.instrs();
        int[] partOf = new int[instrs.size()];
        for (int p = 0; p < ranges.size(); p++) {
            for (int i = ranges.get(p)[0]; i < ranges.get(p)[1]; i++) {
                partOf[i] = p;
            }
        }
        Map<Value, Integer> definedIn = new IdentityHashMap<>();
        Map<Value, Integer> lastReadIn = new IdentityHashMap<>();
        for (int i = 0; i < instrs.size(); i++) {
            for (Value v : InstrValues.defines(instrs.get(i))) {
                definedIn.put(v, partOf[i]);
            }
            for (Value v : InstrValues.reads(instrs.get(i))) {
                lastReadIn.merge(v, partOf[i], Math::max);
            }
        }
        Set<Value> results = Collections.newSetFromMap(new IdentityHashMap<>());
        results.addAll(body.results());
        Map<Value, Integer> env = new IdentityHashMap<>();
        List<Part> parts = new ArrayList<>();
        for (int p = 0; p < ranges.size(); p++) {
            int from = ranges.get(p)[0];
            int to = ranges.get(p)[1];
            Set<Value> liveIn = new LinkedHashSet<>();
            List<Value> liveOut = new ArrayList<>();
            for (int i = from; i < to; i++) {
                for (Value v : InstrValues.reads(instrs.get(i))) {
                    if (definedIn.getOrDefault(v, -1) != p) {
                        liveIn.add(v);
                    }
                }
                for (Value v : InstrValues.defines(instrs.get(i))) {
                    if (results.contains(v) || lastReadIn.getOrDefault(v, -1) > p) {
                        env.put(v, env.size());
                        liveOut.add(v);
                    }
                }
            }
            List<Value> dropped = new ArrayList<>();
            for (Value v : liveIn) {
                if (env.containsKey(v) && lastReadIn.get(v) == p && !results.contains(v)) {
                    dropped.add(v);
                }
            }
            parts.add(new Part(from, to, List.copyOf(liveIn), liveOut, dropped));
        }
        return new MethodSplit(parts, env, env.size());
    }
}
