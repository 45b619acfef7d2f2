package dev.kiln.autograph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Converts loops whose condition is a tensor: {@code while (t.bool())} and {@code for (...; t.bool(); ...)}
 * (the condition code at the loop's head becomes a test function, the rest of the loop a body
 * function), and for-each loops over a tensor ({@code for (Tensor i : Tf.range(n))}, the body over the
 * element). A {@code break} sets the {@code break_} flag and leaves the body; {@code continue} is a jump
 * inside the body and needs nothing.
 */
final class LoopConversion {
    static final String WHILE_DESC = "(Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodHandle;[Ljava/lang/Object;"
            + "Ljava/lang/Object;)[Ljava/lang/Object;";
    static final String FOR_DESC = "(Ljava/lang/Object;Ljava/lang/invoke/MethodHandle;[Ljava/lang/Object;"
            + "Ljava/lang/Object;)[Ljava/lang/Object;";

    private LoopConversion() {}

    /**
     * A loop to convert.
     *
     * @param header the loop's head, where its back edges go
     * @param nodes the loop's nodes
     * @param exit the node after the loop
     * @param bodyEntry the first node of the body
     * @param testEnd for a while loop, the last node of its condition; -1 for a for-each loop
     * @param iterSlot for a for-each loop, the iterator's slot; -1 otherwise
     * @param elemSlot for a for-each loop, the element's slot; -1 otherwise
     * @param tensorJumps the tensor jumps of the condition (a failed conversion marks them unconverted)
     */
    record Candidate(int header, BitSet nodes, int exit, int bodyEntry, int testEnd, int iterSlot, int elemSlot,
            List<Integer> tensorJumps) {
        boolean forEach() {
            return iterSlot >= 0;
        }
    }

    /** The outermost loop with a tensor condition or over a tensor, or null. */
    static Candidate find(ConversionContext cx, MethodAnalysis a) {
        FlowGraph g = a.flow;
        Map<Integer, BitSet> loops = new LinkedHashMap<>();
        for (int u = 0; u < g.exit; u++) {
            if (a.frames[u] == null) {
                continue;
            }
            for (int h : g.successors.get(u)) {
                if (h < g.exit && g.dominates(h, u)) {
                    BitSet body = loops.computeIfAbsent(h, k -> {
                        BitSet b = new BitSet();
                        b.set(k);
                        return b;
                    });
                    collect(g, u, h, body);
                }
            }
        }
        Candidate best = null;
        for (Map.Entry<Integer, BitSet> e : loops.entrySet()) {
            Candidate c = forEach(cx, a, e.getKey(), e.getValue());
            if (c == null) {
                c = whileLoop(cx, a, e.getKey(), e.getValue());
            }
            if (c != null && (best == null || c.header < best.header)) {
                best = c;
            }
        }
        return best;
    }

    private static void collect(FlowGraph g, int latch, int header, BitSet body) {
        List<Integer> work = new ArrayList<>();
        if (!body.get(latch)) {
            body.set(latch);
            work.add(latch);
        }
        while (!work.isEmpty()) {
            int x = work.remove(work.size() - 1);
            for (int p : g.predecessors.get(x)) {
                if (!body.get(p)) {
                    body.set(p);
                    work.add(p);
                }
            }
        }
    }

    private static Candidate whileLoop(ConversionContext cx, MethodAnalysis a, int h, BitSet loop) {
        FlowGraph g = a.flow;
        int end = -1;
        int exit = -1;
        BitSet forward = new BitSet();
        List<Integer> tensorJumps = new ArrayList<>();
        List<Integer> jumpsUpToEnd = List.of();
        for (int x = h; x < g.exit && loop.get(x); x++) {
            AbstractInsnNode insn = a.insn(x);
            int op = insn.getOpcode();
            if (op < 0) {
                continue;
            }
            if (Liveness.written(insn) >= 0 || op == Opcodes.GOTO || op == Opcodes.JSR || op == Opcodes.TABLESWITCH
                    || op == Opcodes.LOOKUPSWITCH || FlowGraph.isExit(insn)) {
                break;
            }
            if (insn instanceof JumpInsnNode j) {
                int t = g.index(j.label);
                boolean leaves = !loop.get(t);
                if (leaves) {
                    if (exit >= 0 && exit != t) {
                        break;
                    }
                    exit = t;
                } else if (t > x) {
                    forward.set(t);
                } else {
                    break;
                }
                if (IfConversion.isTensorJump(cx, a, x)) {
                    tensorJumps.add(x);
                }
                if (leaves && (forward.isEmpty() || forward.length() - 1 <= x + 1)) {
                    end = x;
                    jumpsUpToEnd = List.copyOf(tensorJumps);
                }
            }
        }
        if (end < 0 || jumpsUpToEnd.isEmpty()) {
            return null;
        }
        return new Candidate(h, loop, exit, end + 1, end, -1, -1, jumpsUpToEnd);
    }

    /**
     * {@code aload it; hasNext; ifeq E; aload it; next; checkcast T; astore x} after {@code astore it} of
     * {@code t.iterator()} on a tensor (T the tensor class) or a dataset.
     */
    private static Candidate forEach(ConversionContext cx, MethodAnalysis a, int h, BitSet loop) {
        AbstractInsnNode first = a.insn(h).getOpcode() >= 0 ? a.insn(h) : MethodAnalysis.nextReal(a.insn(h));
        if (!(first instanceof VarInsnNode load) || load.getOpcode() != Opcodes.ALOAD) {
            return null;
        }
        AbstractInsnNode hasNext = MethodAnalysis.nextReal(first);
        AbstractInsnNode test = hasNext == null ? null : MethodAnalysis.nextReal(hasNext);
        AbstractInsnNode load2 = test == null ? null : MethodAnalysis.nextReal(test);
        AbstractInsnNode next = load2 == null ? null : MethodAnalysis.nextReal(load2);
        AbstractInsnNode cast = next == null ? null : MethodAnalysis.nextReal(next);
        AbstractInsnNode store = cast == null ? null : MethodAnalysis.nextReal(cast);
        if (!isIteratorCall(hasNext, "hasNext", "()Z") || !(test instanceof JumpInsnNode j) || j.getOpcode() != Opcodes.IFEQ
                || !(load2 instanceof VarInsnNode l2) || l2.var != load.var || !isIteratorCall(next, "next", "()Ljava/lang/Object;")
                || !(cast instanceof TypeInsnNode c) || c.getOpcode() != Opcodes.CHECKCAST
                || !(store instanceof VarInsnNode st) || st.getOpcode() != Opcodes.ASTORE) {
            return null;
        }
        AbstractInsnNode before = MethodAnalysis.previousReal(a.insn(h));
        AbstractInsnNode iteratorCall = before == null ? null : MethodAnalysis.previousReal(before);
        if (!(before instanceof VarInsnNode b) || b.getOpcode() != Opcodes.ASTORE || b.var != load.var
                || !(iteratorCall instanceof MethodInsnNode call) || !cx.conventions.isIterable(call.owner)
                || !call.name.equals("iterator") || !call.desc.equals("()Ljava/util/Iterator;")) {
            return null;
        }
        // Over a tensor the element is a tensor; over a dataset, whatever the loop variable's type is.
        if (call.owner.equals(cx.conventions.tensorClass()) && !c.desc.equals(cx.conventions.tensorClass())) {
            return null;
        }
        int exit = a.flow.index(j.label);
        if (loop.get(exit)) {
            return null;
        }
        return new Candidate(h, loop, exit, a.flow.index(store) + 1, -1, load.var, st.var, List.of());
    }

    private static boolean isIteratorCall(AbstractInsnNode insn, String name, String desc) {
        return insn instanceof MethodInsnNode m && m.owner.equals("java/util/Iterator") && m.name.equals(name)
                && m.desc.equals(desc);
    }

    static void convert(ConversionContext cx, MethodAnalysis a, Candidate c) {
        FlowGraph g = a.flow;
        int h = c.header();
        if (a.stackSize(h) != 0) {
            throw new Unconvertible("the loop is inside an expression");
        }
        BitSet leave = new BitSet();
        leave.set(c.exit());
        BitSet nodes = a.withContainedHandlers(c.nodes(), leave);
        if (a.crossesTry(nodes)) {
            throw new Unconvertible("the loop is inside or around a try block");
        }
        for (int x = c.nodes().nextSetBit(0); x >= 0; x = c.nodes().nextSetBit(x + 1)) {
            if (x != h) {
                for (int p : g.predecessors.get(x)) {
                    if (!c.nodes().get(p) && a.frames[p] != null) {
                        throw new Unconvertible("code after line " + a.line(p) + " jumps into the loop");
                    }
                }
            }
        }
        BitSet stop = new BitSet();
        stop.set(h);
        stop.set(c.exit());
        stop.set(g.exit);
        BitSet body = a.withContainedHandlers(g.reach(c.bodyEntry(), stop), stop);
        boolean breaks = false;
        boolean returns = false;
        for (int x = body.nextSetBit(0); x >= 0; x = body.nextSetBit(x + 1)) {
            for (int s : g.successors.get(x)) {
                if (s == c.exit()) {
                    breaks = true;
                } else if (s == g.exit && FlowGraph.isReturn(a.insn(x))) {
                    returns = true;
                }
            }
        }
        if (returns && ConversionContext.returnsVars(a.method)) {
            throw new Unconvertible("it returns from inside a loop inside a returning branch");
        }

        BitSet defined = cx.variables(a.definedAt(h));
        if (c.forEach()) {
            defined.clear(c.iterSlot());
        }
        BitSet live = (BitSet) a.liveness.liveIn(h).clone();
        live.or(a.liveness.liveIn(c.exit()));
        BitSet state = new BitSet();
        for (int x = body.nextSetBit(0); x >= 0; x = body.nextSetBit(x + 1)) {
            int s = Liveness.written(a.insn(x));
            if (s >= 0) {
                state.set(s);
            }
        }
        state.and(defined);
        state.and(live);
        if (c.forEach()) {
            state.clear(c.elemSlot());
        }

        int n = cx.nextNumber();
        BitSet bodyInputs = (BitSet) defined.clone();
        if (c.forEach()) {
            bodyInputs.set(c.elemSlot());
        }
        BitSet bodyOutputs = (BitSet) state.clone();
        if (breaks) {
            bodyInputs.set(cx.breakIndex());
            bodyOutputs.set(cx.breakIndex());
        }
        if (returns) {
            bodyInputs.set(cx.returnIndex());
            bodyOutputs.set(cx.returnIndex());
            bodyInputs.set(cx.retvalIndex());
            bodyOutputs.set(cx.retvalIndex());
        }
        Map<Integer, FunctionExtraction.Exit> bodyExits = new LinkedHashMap<>();
        bodyExits.put(h, FunctionExtraction.Exit.PACK);
        bodyExits.put(c.exit(), FunctionExtraction.Exit.BREAK);
        MethodNode bodyFn = FunctionExtraction.extract(cx, a, "loop_body_" + n, new FunctionExtraction.Spec(body,
                c.bodyEntry(), bodyInputs, c.bodyEntry(), bodyExits, bodyOutputs, h, null, FunctionExtraction.Returns.FLAG,
                FunctionExtraction.BRANCH_DESC));
        MethodNode testFn = null;
        if (!c.forEach()) {
            BitSet test = new BitSet();
            test.set(h, c.testEnd() + 1);
            Map<Integer, FunctionExtraction.Exit> testExits = Map.of(c.bodyEntry(), FunctionExtraction.Exit.TRUE, c.exit(),
                    FunctionExtraction.Exit.FALSE);
            testFn = FunctionExtraction.extract(cx, a, "loop_test_" + n, new FunctionExtraction.Spec(test, h, defined, h,
                    testExits, new BitSet(), h, null, FunctionExtraction.Returns.NONE, FunctionExtraction.TEST_DESC));
        }

        int line = a.line(c.forEach() ? h : c.testEnd());
        LoopSite site = new LoopSite(cx.position(line), cx.vars(a, c.bodyEntry(), "the loop value", "Ljava/lang/Object;"),
                FunctionExtraction.indices(state), c.forEach() ? c.elemSlot() : -1, breaks ? cx.breakIndex() : -1,
                returns ? cx.returnIndex() : -1, returns ? cx.retvalIndex() : -1);

        MethodNode method = a.method;
        InsnList code = new InsnList();
        int temp = Math.max(method.maxLocals, cx.varsLength());
        int varsSlot = temp++;
        code.add(IfConversion.packVars(cx, a, h, defined, varsSlot));
        if (breaks) {
            code.add(flag(varsSlot, cx.breakIndex()));
        }
        if (returns) {
            code.add(flag(varsSlot, cx.returnIndex()));
        }
        if (c.forEach()) {
            code.add(new VarInsnNode(Opcodes.ALOAD, c.iterSlot()));
            code.add(cx.handle(bodyFn));
            code.add(new VarInsnNode(Opcodes.ALOAD, varsSlot));
            code.add(cx.site(site));
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Autograph.INTERNAL_NAME, "forStmt", FOR_DESC, false));
        } else {
            code.add(cx.handle(testFn));
            code.add(cx.handle(bodyFn));
            code.add(new VarInsnNode(Opcodes.ALOAD, varsSlot));
            code.add(cx.site(site));
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Autograph.INTERNAL_NAME, "whileStmt", WHILE_DESC, false));
        }
        int resultSlot = temp++;
        code.add(new VarInsnNode(Opcodes.ASTORE, resultSlot));
        code.add(IfConversion.unpackVars(cx, a, h, state, resultSlot));
        LabelNode after = IfConversion.labelAt(method, a.insn(c.exit()));
        if (returns) {
            // After the loop: if (do_return) return retval_; with do_return a tensor's bool(), so that the
            // next round converts this if too when the flag came out of the loop as a tensor.
            // The flag and value go to their own slots (variables the if's branches can read).
            code.add(new VarInsnNode(Opcodes.ALOAD, resultSlot));
            code.add(JvmValues.push(cx.returnIndex()));
            code.add(new InsnNode(Opcodes.AALOAD));
            code.add(new VarInsnNode(Opcodes.ASTORE, cx.returnIndex()));
            code.add(new VarInsnNode(Opcodes.ALOAD, resultSlot));
            code.add(JvmValues.push(cx.retvalIndex()));
            code.add(new InsnNode(Opcodes.AALOAD));
            code.add(new VarInsnNode(Opcodes.ASTORE, cx.retvalIndex()));
            code.add(new VarInsnNode(Opcodes.ALOAD, cx.returnIndex()));
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Autograph.INTERNAL_NAME, "condition",
                    "(Ljava/lang/Object;)Ljava/lang/Object;", false));
            code.add(new TypeInsnNode(Opcodes.CHECKCAST, cx.conventions.tensorClass()));
            code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, cx.conventions.tensorClass(), cx.conventions.boolMethod(),
                    "()Z", false));
            code.add(new JumpInsnNode(Opcodes.IFEQ, after));
            org.objectweb.asm.Type rt = org.objectweb.asm.Type.getReturnType(method.desc);
            if (rt.getSort() == org.objectweb.asm.Type.VOID) {
                code.add(new InsnNode(Opcodes.RETURN));
            } else {
                code.add(new VarInsnNode(Opcodes.ALOAD, cx.retvalIndex()));
                code.add(JvmValues.unbox(rt));
                code.add(new InsnNode(rt.getOpcode(Opcodes.IRETURN)));
            }
        } else {
            code.add(new JumpInsnNode(Opcodes.GOTO, after));
        }
        method.maxLocals = Math.max(method.maxLocals, temp);
        method.maxStack = Math.max(method.maxStack, 8) + 8;
        if (c.forEach()) {
            rewriteIterable(cx, method, a.insn(h));
        }
        method.instructions.insertBefore(a.insn(h), code);
        // Code that only the loop led to (a return inside it) goes with it.
        BitSet gone = (BitSet) nodes.clone();
        gone.or(body);
        gone.clear(g.exit);
        IfConversion.removeReal(method, a, gone);
        cx.functions.add(bodyFn);
        if (testFn != null) {
            cx.functions.add(testFn);
        }
    }

    /** Code that sets entry {@code index} of the array in {@code varsSlot} to {@code Boolean.FALSE}. */
    private static InsnList flag(int varsSlot, int index) {
        InsnList l = new InsnList();
        l.add(new VarInsnNode(Opcodes.ALOAD, varsSlot));
        l.add(JvmValues.push(index));
        l.add(new FieldInsnNode(Opcodes.GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;"));
        l.add(new InsnNode(Opcodes.AASTORE));
        return l;
    }

    /**
     * Before a for-each loop: {@code <tensor> iterator() astore it} becomes {@code <iterable> astore it}, and a
     * range made right there by the range factory becomes a lazy range (no tensor of the range exists).
     */
    private static void rewriteIterable(ConversionContext cx, MethodNode method, AbstractInsnNode header) {
        AbstractInsnNode store = MethodAnalysis.previousReal(header);
        AbstractInsnNode iteratorCall = MethodAnalysis.previousReal(store);
        AbstractInsnNode producer = MethodAnalysis.previousReal(iteratorCall);
        method.instructions.remove(iteratorCall);
        Conventions k = cx.conventions;
        if (producer instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKESTATIC && m.owner.equals(k.rangeOwner())
                && m.name.equals(k.rangeMethod())) {
            m.owner = k.rangeFactoryOwner();
            m.desc = m.desc.substring(0, m.desc.indexOf(')') + 1) + "Ljava/lang/Object;";
        }
    }
}
