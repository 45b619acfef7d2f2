package dev.kiln.autograph;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Converts one {@code if (t.bool())} (the jump right after a {@code bool()} call): the code between the
 * jump and the point where its two paths meet again (the jump's immediate post-dominator) becomes two
 * functions, and the jump becomes a call of {@link Autograph#ifStmt} followed by a jump to the meeting
 * point. When the paths meet only at the end of the method, both branches return, and so does the call.
 * Short-circuit conditions ({@code &&}, {@code ||}, {@code !}) need nothing special: the code of the
 * second operand is part of a branch, whose own jump is converted in turn.
 */
final class IfConversion {
    static final String IF_DESC = "(Ljava/lang/Object;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodHandle;"
            + "[Ljava/lang/Object;Ljava/lang/Object;)[Ljava/lang/Object;";

    private IfConversion() {}

    /** Whether instruction {@code i} is a jump on the result of {@code bool()}. */
    static boolean isTensorJump(ConversionContext cx, MethodAnalysis a, int i) {
        AbstractInsnNode insn = a.insn(i);
        if (!(insn instanceof JumpInsnNode j) || (j.getOpcode() != Opcodes.IFEQ && j.getOpcode() != Opcodes.IFNE)) {
            return false;
        }
        return isBoolCall(cx, MethodAnalysis.previousReal(insn));
    }

    static boolean isBoolCall(ConversionContext cx, AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKEVIRTUAL
                && m.owner.equals(cx.conventions.tensorClass()) && m.name.equals(cx.conventions.boolMethod())
                && m.desc.equals("()Z");
    }

    /** Converts the tensor jump at {@code j}; throws {@link Unconvertible} (leaving the method unchanged) when it cannot. */
    static void convert(ConversionContext cx, MethodAnalysis a, int j) {
        FlowGraph g = a.flow;
        JumpInsnNode jump = (JumpInsnNode) a.insn(j);
        int target = g.index(jump.label);
        int thenStart = jump.getOpcode() == Opcodes.IFEQ ? j + 1 : target;
        int elseStart = jump.getOpcode() == Opcodes.IFEQ ? target : j + 1;
        int m = g.ipdom(j);
        if (m < 0) {
            throw new Unconvertible("its branches never meet (an endless loop follows)");
        }
        BitSet stop = new BitSet();
        stop.set(m);
        stop.set(g.exit);
        BitSet rThen = a.withContainedHandlers(g.reach(thenStart, stop), stop);
        BitSet rElse = a.withContainedHandlers(g.reach(elseStart, stop), stop);
        BitSet region = (BitSet) rThen.clone();
        region.or(rElse);
        if (region.get(j)) {
            throw new Unconvertible("it is the condition of a loop autograph cannot convert, or a branch of it loops back"
                    + " to it (a break or continue of a Java loop inside a tensor-dependent branch)");
        }
        for (int x = region.nextSetBit(0); x >= 0; x = region.nextSetBit(x + 1)) {
            for (int p : g.predecessors.get(x)) {
                if (p != j && !region.get(p) && a.frames[p] != null) {
                    throw new Unconvertible("code after line " + a.line(p) + " jumps into its branches");
                }
            }
        }
        BitSet withJump = (BitSet) region.clone();
        withJump.set(j);
        if (a.crossesTry(withJump)) {
            throw new Unconvertible("it is inside or around a try block");
        }
        int depth = a.stackSize(j) - 1;
        for (int x = region.nextSetBit(0); x >= 0; x = region.nextSetBit(x + 1)) {
            if (a.stackSize(x) >= 0 && a.stackSize(x) < depth) {
                throw new Unconvertible("its branches use values computed before the condition");
            }
        }
        boolean returns = m == g.exit;
        Type value = null;
        if (!returns) {
            int extra = a.stackSize(m) - depth;
            if (extra == 1) {
                value = a.frames[m].getStack(a.stackSize(m) - 1).getType();
            } else if (extra != 0) {
                throw new Unconvertible("its branches leave " + extra + " values on the stack");
            }
        }
        BitSet inputs = cx.variables(a.definedAt(j));
        BitSet outputs = new BitSet();
        if (!returns) {
            // What the code after the statement reads of what the branches assign (TensorFlow's state).
            outputs = cx.variables(a.definedAt(m));
            outputs.and(a.liveness.liveIn(m));
            BitSet assigned = new BitSet();
            for (int s : written(a, rThen)) {
                assigned.set(s);
            }
            for (int s : written(a, rElse)) {
                assigned.set(s);
            }
            outputs.and(assigned);
        }
        int n = cx.nextNumber();
        Map<Integer, FunctionExtraction.Exit> exits = returns ? Map.of() : Map.of(m, FunctionExtraction.Exit.PACK);
        MethodNode thenFn = FunctionExtraction.extract(cx, a, "if_body_" + n, new FunctionExtraction.Spec(rThen, thenStart,
                inputs, j, exits, outputs, returns ? j : m, value, returnKind(returns), FunctionExtraction.BRANCH_DESC));
        MethodNode elseFn = FunctionExtraction.extract(cx, a, "else_body_" + n, new FunctionExtraction.Spec(rElse, elseStart,
                inputs, j, exits, outputs, returns ? j : m, value, returnKind(returns), FunctionExtraction.BRANCH_DESC));

        int line = a.line(j);
        IfSite.Result result = returns ? IfSite.Result.RETURN : value != null ? IfSite.Result.VALUE : IfSite.Result.NONE;
        String resultName = returns ? "the return value" : "the conditional expression";
        String resultDesc = returns ? cx.returnDescriptor(a.method)
                : value != null ? JvmValues.storable(value).getDescriptor() : "Ljava/lang/Object;";
        List<Var> vars = cx.vars(a, returns ? j : m, resultName, resultDesc);
        IfSite site = new IfSite(cx.position(line), vars, FunctionExtraction.indices(outputs), written(a, rThen),
                written(a, rElse), result, cx.resultIndex());

        MethodNode method = a.method;
        InsnList code = new InsnList();
        int temp = Math.max(method.maxLocals, cx.varsLength());
        int condSlot = temp++;
        code.add(new VarInsnNode(Opcodes.ASTORE, condSlot));
        int[] spill = new int[depth];
        Type[] spillTypes = new Type[depth];
        for (int k = depth - 1; k >= 0; k--) {
            spillTypes[k] = JvmValues.storable(a.frames[j].getStack(k).getType());
            spill[k] = temp;
            temp += spillTypes[k].getSize();
            code.add(JvmValues.store(spillTypes[k], spill[k]));
        }
        int varsSlot = temp++;
        code.add(packVars(cx, a, j, inputs, varsSlot));
        code.add(new VarInsnNode(Opcodes.ALOAD, condSlot));
        code.add(cx.handle(thenFn));
        code.add(cx.handle(elseFn));
        code.add(new VarInsnNode(Opcodes.ALOAD, varsSlot));
        code.add(cx.site(site));
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Autograph.INTERNAL_NAME, "ifStmt", IF_DESC, false));
        if (returns) {
            Type rt = Type.getReturnType(method.desc);
            if (ConversionContext.returnsVars(method)) {
                code.add(new InsnNode(Opcodes.ARETURN));
            } else if (rt.getSort() == Type.VOID) {
                code.add(new InsnNode(Opcodes.POP));
                code.add(new InsnNode(Opcodes.RETURN));
            } else {
                code.add(JvmValues.push(cx.resultIndex()));
                code.add(new InsnNode(Opcodes.AALOAD));
                code.add(JvmValues.unbox(rt));
                code.add(new InsnNode(rt.getOpcode(Opcodes.IRETURN)));
            }
        } else {
            int resultSlot = temp++;
            code.add(new VarInsnNode(Opcodes.ASTORE, resultSlot));
            code.add(unpackVars(cx, a, m, outputs, resultSlot));
            for (int k = 0; k < depth; k++) {
                code.add(JvmValues.load(spillTypes[k], spill[k]));
            }
            if (value != null) {
                code.add(new VarInsnNode(Opcodes.ALOAD, resultSlot));
                code.add(JvmValues.push(cx.resultIndex()));
                code.add(new InsnNode(Opcodes.AALOAD));
                code.add(JvmValues.unbox(value));
            }
            code.add(new JumpInsnNode(Opcodes.GOTO, labelAt(method, a.insn(m))));
        }
        method.maxLocals = Math.max(method.maxLocals, temp);
        method.maxStack = Math.max(method.maxStack, 8) + 8;
        AbstractInsnNode boolCall = MethodAnalysis.previousReal(jump);
        method.instructions.insertBefore(boolCall, code);
        method.instructions.remove(boolCall);
        method.instructions.remove(jump);
        removeReal(method, a, region);
        if (returns) {
            cx.setReturnDescriptor(thenFn, resultDesc);
            cx.setReturnDescriptor(elseFn, resultDesc);
        }
        cx.functions.add(thenFn);
        cx.functions.add(elseFn);
    }

    private static FunctionExtraction.Returns returnKind(boolean returns) {
        return returns ? FunctionExtraction.Returns.RESULT : FunctionExtraction.Returns.NONE;
    }

    static int[] written(MethodAnalysis a, BitSet region) {
        BitSet w = new BitSet();
        for (int x = region.nextSetBit(0); x >= 0; x = region.nextSetBit(x + 1)) {
            int s = Liveness.written(a.insn(x));
            if (s >= 0) {
                w.set(s);
            }
        }
        return FunctionExtraction.indices(w);
    }

    /** Code that stores a new variables array holding {@code slots} (types as before {@code at}) in {@code varsSlot}. */
    static InsnList packVars(ConversionContext cx, MethodAnalysis a, int at, BitSet slots, int varsSlot) {
        InsnList l = new InsnList();
        l.add(JvmValues.push(cx.varsLength()));
        l.add(new TypeInsnNode(Opcodes.ANEWARRAY, "java/lang/Object"));
        l.add(new VarInsnNode(Opcodes.ASTORE, varsSlot));
        for (int s = slots.nextSetBit(0); s >= 0; s = slots.nextSetBit(s + 1)) {
            Type t = JvmValues.storable(a.localType(at, s));
            l.add(new VarInsnNode(Opcodes.ALOAD, varsSlot));
            l.add(JvmValues.push(s));
            l.add(JvmValues.load(t, s));
            l.add(JvmValues.box(t));
            l.add(new InsnNode(Opcodes.AASTORE));
        }
        return l;
    }

    /** Code that loads {@code slots} (types as before {@code at}) back from the array in {@code arraySlot}. */
    static InsnList unpackVars(ConversionContext cx, MethodAnalysis a, int at, BitSet slots, int arraySlot) {
        InsnList l = new InsnList();
        for (int s = slots.nextSetBit(0); s >= 0; s = slots.nextSetBit(s + 1)) {
            Type t = FunctionExtraction.inputType(cx, a, at, s);
            l.add(new VarInsnNode(Opcodes.ALOAD, arraySlot));
            l.add(JvmValues.push(s));
            l.add(new InsnNode(Opcodes.AALOAD));
            l.add(JvmValues.unbox(t));
            l.add(JvmValues.store(JvmValues.storable(t), s));
        }
        return l;
    }

    /** A label right before {@code insn} (itself, when it is one). */
    static LabelNode labelAt(MethodNode method, AbstractInsnNode insn) {
        if (insn instanceof LabelNode l) {
            return l;
        }
        LabelNode l = new LabelNode();
        method.instructions.insertBefore(insn, l);
        return l;
    }

    /**
     * Removes the real instructions of {@code region} (labels and line numbers stay; they are harmless) and
     * the try blocks that lay in it (they moved to the extracted function with it).
     */
    static void removeReal(MethodNode method, MethodAnalysis a, BitSet region) {
        method.tryCatchBlocks.removeIf(t -> a.contains(region, t));
        for (int x = region.nextSetBit(0); x >= 0; x = region.nextSetBit(x + 1)) {
            if (x < a.flow.exit && a.insn(x).getOpcode() >= 0) {
                method.instructions.remove(a.insn(x));
            }
        }
    }
}
