package dev.kiln.autograph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Copies a single-entry region of a method into a new static function over the variables array: the
 * function unpacks the variables it reads, runs the region's instructions unchanged (same local
 * slots), and at each way out of the region does what {@link Exit} says.
 */
final class FunctionExtraction {
    static final String BRANCH_DESC = "([Ljava/lang/Object;)[Ljava/lang/Object;";
    static final String TEST_DESC = "([Ljava/lang/Object;)Ljava/lang/Object;";

    private FunctionExtraction() {}

    /** A try block that moves with the region: its original bounds, and the new labels of its copy. */
    private record MovedTry(int from, int to, LabelNode start, LabelNode end) {}

    /** What leaving the region towards a node outside it means. */
    enum Exit {
        /** Pack the output variables (and the value left on the stack, if any) and return them. */
        PACK,
        /** Set the {@code break_} flag, then pack. */
        BREAK,
        /** Return {@code Boolean.TRUE} (a loop test choosing the body). */
        TRUE,
        /** Return {@code Boolean.FALSE} (a loop test leaving the loop). */
        FALSE
    }

    /**
     * @param region the nodes to copy
     * @param entry the node the function starts at
     * @param inputs slots to unpack, with their types as before node {@code inputsAt}
     * @param exits for each node outside the region that the region jumps or falls to, what to do
     * @param outputs slots to pack at {@link Exit#PACK}, with types as before node {@code outputsAt}
     * @param value the type of the value on the stack at a PACK exit, or null when it is empty there
     * @param returns what return instructions in the region do
     */
    record Spec(BitSet region, int entry, BitSet inputs, int inputsAt, Map<Integer, Exit> exits, BitSet outputs,
            int outputsAt, Type value, Returns returns, String descriptor) {}

    /** What a return instruction inside the region becomes. */
    enum Returns {
        /** None may occur. */
        NONE,
        /** It ends the function with the returned value in the result entry (a returning branch). */
        RESULT,
        /** It sets {@code do_return} and {@code retval_} and packs the variables (a loop body). */
        FLAG
    }

    static MethodNode extract(ConversionContext cx, MethodAnalysis a, String name, Spec spec) {
        MethodNode src = a.method;
        MethodNode f = new MethodNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, name,
                spec.descriptor(), null, null);
        int varsSlot = Math.max(src.maxLocals, cx.varsLength());
        int[] nextTemp = {varsSlot + 1};
        Map<LabelNode, LabelNode> labels = new HashMap<>();
        for (AbstractInsnNode n : a.flow.insns) {
            if (n instanceof LabelNode l) {
                labels.put(l, new LabelNode());
            }
        }
        InsnList code = f.instructions;
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode entryLabel = new LabelNode();
        code.add(start);
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(new VarInsnNode(Opcodes.ASTORE, varsSlot));
        for (int s = spec.inputs().nextSetBit(0); s >= 0; s = spec.inputs().nextSetBit(s + 1)) {
            Type t = inputType(cx, a, spec.inputsAt(), s);
            code.add(new VarInsnNode(Opcodes.ALOAD, varsSlot));
            code.add(JvmValues.push(s));
            code.add(new InsnNode(Opcodes.AALOAD));
            code.add(JvmValues.unbox(t));
            code.add(JvmValues.store(JvmValues.storable(t), s));
        }
        code.add(new JumpInsnNode(Opcodes.GOTO, entryLabel));

        // Every PACK and BREAK exit ends in one shared packing block, so that paths leaving the region
        // different ways still meet (a branch inside that breaks out merges with one that does not).
        LabelNode pack = new LabelNode();
        boolean[] packUsed = {false};
        Map<Integer, LabelNode> exitLabels = new LinkedHashMap<>();
        java.util.function.IntFunction<LabelNode> exitLabel = t -> {
            FunctionExtraction.Exit kind = spec.exits().get(t);
            if (kind == null) {
                throw new Unconvertible("it jumps out of the converted region at line " + a.line(t) + " in a way autograph"
                        + " cannot convert (a labeled break, or a branch out of a Java loop)");
            }
            if (kind == Exit.PACK) {
                packUsed[0] = true;
                return pack;
            }
            return exitLabels.computeIfAbsent(t, k -> new LabelNode());
        };
        java.util.Set<LabelNode> placed = new java.util.HashSet<>();
        BitSet region = spec.region();
        List<MovedTry> moved = new ArrayList<>();
        for (TryCatchBlockNode t : src.tryCatchBlocks) {
            if (a.contains(region, t)) {
                MovedTry m = new MovedTry(a.flow.index(t.start), a.flow.index(t.end), new LabelNode(), new LabelNode());
                moved.add(m);
                f.tryCatchBlocks.add(new TryCatchBlockNode(m.start(), m.end(), labels.get(t.handler), t.type));
            }
        }
        java.util.Set<LabelNode> placedBounds = new java.util.HashSet<>();
        for (int x = region.nextSetBit(0); x >= 0; x = region.nextSetBit(x + 1)) {
            AbstractInsnNode node = a.insn(x);
            // A moved try block covers the copies of the instructions it covered: its bounds go before the first
            // copied node at or after each original bound (its own labels may not be in the region).
            for (MovedTry m : moved) {
                if (x >= m.from() && placedBounds.add(m.start())) {
                    code.add(m.start());
                }
                if (x >= m.to() && placedBounds.add(m.end())) {
                    code.add(m.end());
                }
            }
            if (x == spec.entry()) {
                code.add(entryLabel);
            }
            switch (node) {
                case LabelNode l -> {
                    code.add(labels.get(l));
                    placed.add(labels.get(l));
                }
                case LineNumberNode ln -> {
                    if (placed.contains(labels.get(ln.start))) {
                        code.add(new LineNumberNode(ln.line, labels.get(ln.start)));
                    }
                }
                case FrameNode fr -> {
                    // Frames are recomputed when the class is written.
                }
                default -> {
                    if (FlowGraph.isReturn(node)) {
                        switch (spec.returns()) {
                            case NONE -> throw new Unconvertible("it returns from inside a statement that cannot");
                            case RESULT -> code.add(returnSequence(cx, src, node.getOpcode(), nextTemp));
                            case FLAG -> {
                                if (ConversionContext.returnsVars(src)) {
                                    throw new Unconvertible("it returns from inside a loop inside a returning branch");
                                }
                                if (node.getOpcode() != Opcodes.RETURN) {
                                    code.add(JvmValues.box(Type.getReturnType(src.desc)));
                                    code.add(new VarInsnNode(Opcodes.ASTORE, cx.retvalIndex()));
                                }
                                code.add(new FieldInsnNode(Opcodes.GETSTATIC, "java/lang/Boolean", "TRUE",
                                        "Ljava/lang/Boolean;"));
                                code.add(new VarInsnNode(Opcodes.ASTORE, cx.returnIndex()));
                                packUsed[0] = true;
                                code.add(new JumpInsnNode(Opcodes.GOTO, pack));
                            }
                        }
                    } else {
                        AbstractInsnNode copy = node.clone(labels);
                        retarget(a, node, copy, region, exitLabel);
                        code.add(copy);
                    }
                }
            }
            if (fallsThrough(node) && !region.get(x + 1)) {
                code.add(new JumpInsnNode(Opcodes.GOTO, exitLabel.apply(x + 1)));
            }
        }
        for (MovedTry m : moved) {
            if (placedBounds.add(m.end())) {
                code.add(m.end());
            }
        }
        if (spec.entry() >= a.flow.exit || !region.get(spec.entry())) {
            // An empty region: the function goes straight to its exit.
            code.add(entryLabel);
            code.add(new JumpInsnNode(Opcodes.GOTO, exitLabel.apply(spec.entry())));
        }
        for (Map.Entry<Integer, LabelNode> e : exitLabels.entrySet()) {
            code.add(e.getValue());
            switch (spec.exits().get(e.getKey())) {
                case BREAK -> {
                    code.add(new FieldInsnNode(Opcodes.GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;"));
                    code.add(new VarInsnNode(Opcodes.ASTORE, cx.breakIndex()));
                    packUsed[0] = true;
                    code.add(new JumpInsnNode(Opcodes.GOTO, pack));
                }
                case TRUE, FALSE -> {
                    String which = spec.exits().get(e.getKey()) == Exit.TRUE ? "TRUE" : "FALSE";
                    code.add(new FieldInsnNode(Opcodes.GETSTATIC, "java/lang/Boolean", which, "Ljava/lang/Boolean;"));
                    code.add(new InsnNode(Opcodes.ARETURN));
                }
                case PACK -> throw new IllegalStateException("pack exits share one block");
            }
        }
        if (packUsed[0]) {
            code.add(pack);
            code.add(packSequence(cx, a, spec, nextTemp));
        }
        code.add(end);
        f.localVariables = new java.util.ArrayList<>();
        for (int s = spec.inputs().nextSetBit(0); s >= 0; s = spec.inputs().nextSetBit(s + 1)) {
            if (s < cx.locals) {
                Type t = JvmValues.storable(inputType(cx, a, spec.inputsAt(), s));
                f.localVariables.add(new LocalVariableNode(a.name(s, spec.inputsAt()), t.getDescriptor(), null, entryLabel,
                        end, s));
            }
        }
        for (int s = spec.outputs().nextSetBit(0); s >= 0; s = spec.outputs().nextSetBit(s + 1)) {
            // Outputs first assigned inside the region keep their names too (javac starts their range later).
            if (s < cx.locals && !spec.inputs().get(s)) {
                String varName = a.name(s, spec.outputsAt());
                Type t = JvmValues.storable(inputType(cx, a, spec.outputsAt(), s));
                if (!varName.startsWith("local")) {
                    f.localVariables.add(new LocalVariableNode(varName, t.getDescriptor(), null, entryLabel, end, s));
                }
            }
        }
        if (src.localVariables != null) {
            for (LocalVariableNode lv : src.localVariables) {
                LabelNode s = labels.get(lv.start);
                LabelNode e = labels.get(lv.end);
                if (placed.contains(s)) {
                    f.localVariables.add(new LocalVariableNode(lv.name, lv.desc, lv.signature, s, placed.contains(e) ? e : end,
                            lv.index));
                }
            }
        }
        f.maxLocals = nextTemp[0];
        f.maxStack = src.maxStack + 8;
        return f;
    }

    /** The type of input slot {@code s}: from the frame, or Object for autograph's own entries. */
    static Type inputType(ConversionContext cx, MethodAnalysis a, int at, int s) {
        Type t = s < cx.locals || a.localType(at, s) != null ? a.localType(at, s) : null;
        return t == null ? JvmValues.OBJECT : t;
    }

    private static void retarget(MethodAnalysis a, AbstractInsnNode original, AbstractInsnNode copy, BitSet region,
            java.util.function.IntFunction<LabelNode> exitLabel) {
        switch (copy) {
            case JumpInsnNode j -> {
                int t = a.flow.index(((JumpInsnNode) original).label);
                if (!region.get(t)) {
                    j.label = exitLabel.apply(t);
                }
            }
            case TableSwitchInsnNode sw -> {
                TableSwitchInsnNode o = (TableSwitchInsnNode) original;
                sw.dflt = outside(a, o.dflt, sw.dflt, region, exitLabel);
                for (int i = 0; i < sw.labels.size(); i++) {
                    sw.labels.set(i, outside(a, o.labels.get(i), sw.labels.get(i), region, exitLabel));
                }
            }
            case LookupSwitchInsnNode sw -> {
                LookupSwitchInsnNode o = (LookupSwitchInsnNode) original;
                sw.dflt = outside(a, o.dflt, sw.dflt, region, exitLabel);
                for (int i = 0; i < sw.labels.size(); i++) {
                    sw.labels.set(i, outside(a, o.labels.get(i), sw.labels.get(i), region, exitLabel));
                }
            }
            default -> {
            }
        }
    }

    private static LabelNode outside(MethodAnalysis a, LabelNode original, LabelNode copy, BitSet region,
            java.util.function.IntFunction<LabelNode> exitLabel) {
        int t = a.flow.index(original);
        return region.get(t) ? copy : exitLabel.apply(t);
    }

    static boolean fallsThrough(AbstractInsnNode node) {
        int op = node.getOpcode();
        return !(op == Opcodes.GOTO || op == Opcodes.TABLESWITCH || op == Opcodes.LOOKUPSWITCH || FlowGraph.isExit(node));
    }

    /** Packs the outputs (and a value left on the stack) into a new variables array and returns it. */
    private static InsnList packSequence(ConversionContext cx, MethodAnalysis a, Spec spec, int[] nextTemp) {
        InsnList l = new InsnList();
        int valueSlot = -1;
        if (spec.value() != null) {
            Type vt = JvmValues.storable(spec.value());
            valueSlot = nextTemp[0];
            nextTemp[0] += vt.getSize();
            l.add(JvmValues.store(vt, valueSlot));
        }
        int arr = nextTemp[0]++;
        l.add(JvmValues.push(cx.varsLength()));
        l.add(new TypeInsnNode(Opcodes.ANEWARRAY, "java/lang/Object"));
        l.add(new VarInsnNode(Opcodes.ASTORE, arr));
        for (int s = spec.outputs().nextSetBit(0); s >= 0; s = spec.outputs().nextSetBit(s + 1)) {
            Type t = JvmValues.storable(inputType(cx, a, spec.outputsAt(), s));
            l.add(new VarInsnNode(Opcodes.ALOAD, arr));
            l.add(JvmValues.push(s));
            l.add(JvmValues.load(t, s));
            l.add(JvmValues.box(t));
            l.add(new InsnNode(Opcodes.AASTORE));
        }
        if (valueSlot >= 0) {
            Type vt = JvmValues.storable(spec.value());
            l.add(new VarInsnNode(Opcodes.ALOAD, arr));
            l.add(JvmValues.push(cx.resultIndex()));
            l.add(JvmValues.load(vt, valueSlot));
            l.add(JvmValues.box(vt));
            l.add(new InsnNode(Opcodes.AASTORE));
        }
        l.add(new VarInsnNode(Opcodes.ALOAD, arr));
        l.add(new InsnNode(Opcodes.ARETURN));
        return l;
    }

    /** A return in a returning branch: the value goes to the result entry of a new array, which is returned. */
    private static InsnList returnSequence(ConversionContext cx, MethodNode src, int opcode, int[] nextTemp) {
        InsnList l = new InsnList();
        if (ConversionContext.returnsVars(src)) {
            // A returning branch's return already hands back a variables array with the value in it.
            l.add(new InsnNode(Opcodes.ARETURN));
            return l;
        }
        Type rt = Type.getReturnType(src.desc);
        int valueSlot = -1;
        if (opcode != Opcodes.RETURN) {
            l.add(JvmValues.box(rt));
            valueSlot = nextTemp[0]++;
            l.add(new VarInsnNode(Opcodes.ASTORE, valueSlot));
        }
        l.add(JvmValues.push(cx.varsLength()));
        l.add(new TypeInsnNode(Opcodes.ANEWARRAY, "java/lang/Object"));
        if (valueSlot >= 0) {
            l.add(new InsnNode(Opcodes.DUP));
            l.add(JvmValues.push(cx.resultIndex()));
            l.add(new VarInsnNode(Opcodes.ALOAD, valueSlot));
            l.add(new InsnNode(Opcodes.AASTORE));
        }
        l.add(new InsnNode(Opcodes.ARETURN));
        return l;
    }

    /** Indices of set bits, for sites. */
    static int[] indices(BitSet b) {
        return b.stream().toArray();
    }
}
