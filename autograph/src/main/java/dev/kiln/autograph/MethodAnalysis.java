package dev.kiln.autograph;

import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * One method as the converter sees it: its flow graph, the verifier's frames (the exact type of every
 * local and stack entry at each instruction), liveness, and its variable names and line numbers.
 * Rebuilt after every rewrite.
 */
final class MethodAnalysis {
    final MethodNode method;
    final FlowGraph flow;
    final Frame<BasicValue>[] frames;
    final Liveness liveness;

    MethodAnalysis(String owner, MethodNode method, ClassLoader loader) {
        this.method = method;
        this.flow = FlowGraph.of(method.instructions);
        SimpleVerifier verifier = new SimpleVerifier(Type.getObjectType(owner),
                Type.getObjectType("java/lang/Object"), List.of(), false);
        verifier.setClassLoader(loader);
        try {
            this.frames = new Analyzer<>(verifier).analyze(owner, method);
        } catch (AnalyzerException e) {
            throw new Unconvertible("the bytecode of " + method.name + " could not be analyzed: " + e.getMessage(), e);
        }
        this.liveness = new Liveness(flow);
    }

    AbstractInsnNode insn(int i) {
        return flow.insns[i];
    }

    /** The JVM type held in local {@code slot} before instruction {@code i}, or null when the slot holds nothing usable. */
    Type localType(int i, int slot) {
        Frame<BasicValue> f = frames[i];
        if (f == null || slot >= f.getLocals()) {
            return null;
        }
        return usable(f.getLocal(slot));
    }

    static Type usable(BasicValue v) {
        if (v == null || v == BasicValue.UNINITIALIZED_VALUE || v.getType() == null) {
            return null;
        }
        return v.getType();
    }

    /** Slots that hold a value before instruction {@code i} (the second halves of longs and doubles excluded). */
    BitSet definedAt(int i) {
        BitSet out = new BitSet();
        Frame<BasicValue> f = frames[i];
        if (f == null) {
            return out;
        }
        for (int s = 0; s < f.getLocals(); s++) {
            if (usable(f.getLocal(s)) != null) {
                out.set(s);
            }
        }
        return out;
    }

    int stackSize(int i) {
        return frames[i] == null ? -1 : frames[i].getStackSize();
    }

    /** The name of local {@code slot} around instruction {@code i}, from the variable table. */
    String name(int slot, int i) {
        LocalVariableNode best = null;
        if (method.localVariables != null) {
            for (LocalVariableNode lv : method.localVariables) {
                if (lv.index != slot) {
                    continue;
                }
                int start = flow.index(lv.start);
                int end = flow.index(lv.end);
                if (start <= i && i < end) {
                    return lv.name;
                }
                // javac starts a variable's range after its first store: take the nearest one starting after i.
                if (start >= i && (best == null || start < flow.index(best.start))) {
                    best = lv;
                }
            }
        }
        return best != null ? best.name : "local" + slot;
    }

    /** The declared type of local {@code slot} around instruction {@code i} from the variable table, or null. */
    String declaredDescriptor(int slot, int i) {
        if (method.localVariables != null) {
            for (LocalVariableNode lv : method.localVariables) {
                if (lv.index == slot && flow.index(lv.start) <= i && i < flow.index(lv.end)) {
                    return lv.desc;
                }
            }
        }
        return null;
    }

    /** The source line of instruction {@code i}, or -1. */
    int line(int i) {
        for (int k = i; k >= 0; k--) {
            if (flow.insns[k] instanceof LineNumberNode l) {
                return l.line;
            }
        }
        for (int k = i + 1; k < flow.insns.length; k++) {
            if (flow.insns[k] instanceof LineNumberNode l) {
                return l.line;
            }
        }
        return -1;
    }

    /**
     * Whether {@code region} crosses a try block: the block covers part of it, or its handler is in it while
     * the block is not. A region entirely inside a try block is fine (an exception in the extracted code
     * propagates out of the control-flow call, which stays inside the block), and so is a try block entirely
     * inside the region, handler included ({@link #withContainedHandlers}: it moves with the region).
     */
    boolean crossesTry(BitSet region) {
        for (TryCatchBlockNode t : method.tryCatchBlocks) {
            if (contains(region, t)) {
                continue;
            }
            int start = flow.index(t.start);
            int end = flow.index(t.end);
            int handler = flow.index(t.handler);
            BitSet covered = new BitSet();
            covered.set(start, end);
            BitSet inside = (BitSet) region.clone();
            inside.and(covered);
            if (region.get(handler) || !inside.isEmpty() && !inside.equals(realOnly(region))) {
                return true;
            }
        }
        return false;
    }

    /** Whether try block {@code t} lies wholly in {@code region}: its handler and every instruction it covers. */
    boolean contains(BitSet region, TryCatchBlockNode t) {
        if (!region.get(flow.index(t.handler))) {
            return false;
        }
        boolean any = false;
        for (int x = flow.index(t.start); x < flow.index(t.end); x++) {
            if (flow.insns[x].getOpcode() >= 0 && frames[x] != null) {
                if (!region.get(x)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /**
     * {@code region} with the handler code of each try block whose covered instructions all lie in it (a
     * try-with-resources in a loop body), so that the block can move with the region. The flow graph has no
     * exception edges: handler code is reached from its handler label only, up to the region's own code or
     * the nodes in {@code stop} (where the region is left).
     */
    BitSet withContainedHandlers(BitSet region, BitSet stop) {
        BitSet r = (BitSet) region.clone();
        for (boolean changed = true; changed; ) {
            changed = false;
            for (TryCatchBlockNode t : method.tryCatchBlocks) {
                int handler = flow.index(t.handler);
                if (r.get(handler)) {
                    continue;
                }
                BitSet withHandler = (BitSet) r.clone();
                withHandler.set(handler);
                if (contains(withHandler, t)) {
                    BitSet ends = (BitSet) r.clone();
                    ends.or(stop);
                    ends.set(flow.exit);
                    r.or(flow.reach(handler, ends));
                    changed = true;
                }
            }
        }
        return r;
    }

    /** {@code region} without the virtual exit. */
    private BitSet realOnly(BitSet region) {
        BitSet b = (BitSet) region.clone();
        b.clear(flow.exit);
        return b;
    }

    /** The previous instruction that is not a label, line number or frame. */
    static AbstractInsnNode previousReal(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getPrevious();
        while (p != null && p.getOpcode() < 0) {
            p = p.getPrevious();
        }
        return p;
    }

    static AbstractInsnNode nextReal(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getNext();
        while (p != null && p.getOpcode() < 0) {
            p = p.getNext();
        }
        return p;
    }
}
