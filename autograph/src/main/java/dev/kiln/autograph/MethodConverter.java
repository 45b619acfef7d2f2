package dev.kiln.autograph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Converts one method: copies it into a new class as a static method {@code tf__<name>} (an instance
 * method's receiver becomes the first parameter, so local slots stay the same), converts its tensor
 * loops (outermost first) and then its tensor {@code if}s, and the functions those produce in turn,
 * until no tensor condition is left. A statement that cannot be converted keeps Java semantics, with
 * its {@code bool()} call replaced by {@link Autograph#unconverted} so that on a symbolic tensor the
 * error says why.
 */
final class MethodConverter {
    private MethodConverter() {}

    /** Whether {@code method} has anything to convert: a {@code bool()} call or a for-each over a tensor or dataset. */
    static boolean needsConversion(Conventions conv, MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode m && (m.owner.equals(conv.tensorClass()) && m.name.equals(conv.boolMethod())
                    && m.desc.equals("()Z")
                    || conv.isIterable(m.owner) && m.name.equals("iterator") && m.desc.equals("()Ljava/util/Iterator;"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param owner the class file of the method's class
     * @param className internal name for the new class (in the package of {@code owner})
     */
    static ConvertedMethod convert(Conventions conv, ClassLoader loader, byte[] owner, String methodName, String desc,
            String className) {
        ClassNode user = new ClassNode();
        new ClassReader(owner).accept(user, ClassReader.SKIP_FRAMES);
        MethodNode original = null;
        for (MethodNode m : user.methods) {
            if (m.name.equals(methodName) && m.desc.equals(desc)) {
                original = m;
            }
        }
        if (original == null) {
            throw new IllegalArgumentException("no method " + methodName + desc + " in " + user.name);
        }
        if ((original.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            throw new IllegalArgumentException(user.name.replace('/', '.') + "." + methodName + " has no bytecode");
        }
        boolean isStatic = (original.access & Opcodes.ACC_STATIC) != 0;
        String entryDesc = isStatic ? original.desc : "(L" + user.name + ";" + original.desc.substring(1);
        ConversionContext cx = new ConversionContext(conv, loader, className, user.name.replace('/', '.'), methodName,
                user.sourceFile, original.maxLocals);
        MethodNode entry = new MethodNode(Opcodes.ACC_STATIC | Opcodes.ACC_PUBLIC, "tf__" + safeName(methodName), entryDesc,
                null, null);
        original.accept(entry);
        entry.access = Opcodes.ACC_STATIC | Opcodes.ACC_PUBLIC;
        entry.name = "tf__" + safeName(methodName);
        entry.desc = entryDesc;
        entry.visibleAnnotations = null;
        entry.invisibleAnnotations = null;
        entry.visibleParameterAnnotations = null;
        entry.invisibleParameterAnnotations = null;
        entry.parameters = null;
        fixSpecialCalls(user, entry);

        Deque<MethodNode> work = new ArrayDeque<>();
        work.add(entry);
        List<MethodNode> done = new ArrayList<>();
        while (!work.isEmpty()) {
            MethodNode m = work.poll();
            int before = cx.functions.size();
            convertStatements(cx, m);
            work.addAll(cx.functions.subList(before, cx.functions.size()));
            done.add(m);
        }
        ClassNode out = new ClassNode();
        out.version = Opcodes.V21;
        out.access = Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC;
        out.name = className;
        out.superName = "java/lang/Object";
        out.sourceFile = user.sourceFile;
        for (MethodNode m : done) {
            stripFrames(m);
            tidyDebugInfo(m);
            CallConversion.convertCalls(cx, m);
            ProtectedAccess.rewrite(cx, m);
            out.methods.add(m);
        }
        return new ConvertedMethod(out, bytes(out, loader), List.copyOf(cx.sites), entry.name, entry.desc, cx);
    }

    private static String safeName(String name) {
        return name.replace('<', '_').replace('>', '_').replace('$', '_');
    }

    /** Converts the statements of {@code m} (new functions go to {@code cx.functions}). */
    private static void convertStatements(ConversionContext cx, MethodNode m) {
        // Each round converts or marks one condition, so this ends; the bound guards against a rewrite that
        // would keep finding the same condition.
        for (int round = 0; ; round++) {
            if (round > 10_000) {
                throw new Unconvertible("the conversion of " + m.name + " does not terminate");
            }
            MethodAnalysis a = new MethodAnalysis(cx.className, m, cx.loader);
            LoopConversion.Candidate loop = LoopConversion.find(cx, a);
            if (loop != null) {
                try {
                    LoopConversion.convert(cx, a, loop);
                } catch (Unconvertible e) {
                    if (loop.forEach()) {
                        markIteration(a, loop, e.getMessage());
                    } else {
                        for (int j : loop.tensorJumps()) {
                            markUnconverted(cx, a, j, e.getMessage());
                        }
                    }
                }
                continue;
            }
            int j = firstTensorJump(cx, a);
            if (j < 0) {
                return;
            }
            try {
                IfConversion.convert(cx, a, j);
            } catch (Unconvertible e) {
                markUnconverted(cx, a, j, e.getMessage());
            }
        }
    }

    private static int firstTensorJump(ConversionContext cx, MethodAnalysis a) {
        for (int i = 0; i < a.flow.exit; i++) {
            if (a.frames[i] != null && IfConversion.isTensorJump(cx, a, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Replaces the {@code bool()} before jump {@code j} by {@link Autograph#unconverted} with the reason. */
    private static void markUnconverted(ConversionContext cx, MethodAnalysis a, int j, String reason) {
        AbstractInsnNode call = MethodAnalysis.previousReal(a.insn(j));
        InsnList l = new InsnList();
        l.add(new LdcInsnNode("autograph could not convert the condition at " + cx.position(a.line(j)) + ": " + reason));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Autograph.INTERNAL_NAME, "unconverted",
                "(Ljava/lang/Object;Ljava/lang/String;)Z", false));
        a.method.instructions.insertBefore(call, l);
        a.method.instructions.remove(call);
    }

    /** A for-each over a tensor that cannot be converted iterates in Java (the library refuses a symbolic tensor). */
    private static void markIteration(MethodAnalysis a, LoopConversion.Candidate loop, String reason) {
        AbstractInsnNode store = MethodAnalysis.previousReal(a.insn(loop.header()));
        AbstractInsnNode call = MethodAnalysis.previousReal(store);
        InsnList l = new InsnList();
        l.add(new LdcInsnNode(reason));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Autograph.INTERNAL_NAME, "unconvertedIterator",
                "(Ljava/lang/Object;Ljava/lang/String;)Ljava/util/Iterator;", false));
        a.method.instructions.insertBefore(call, l);
        a.method.instructions.remove(call);
    }

    /**
     * The copy lives in another class: {@code invokespecial} of the user class's private methods becomes
     * {@code invokevirtual} (allowed between nest mates); a {@code super.m()} call, which cannot be made from
     * outside the class, becomes a call site the class itself links.
     */
    private static void fixSpecialCalls(ClassNode user, MethodNode m) {
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL
                    && !call.name.equals("<init>")) {
                if (!call.owner.equals(user.name)) {
                    // super.m(): only the class itself may call it; its lookup links the call.
                    m.instructions.set(call, ProtectedAccess.superCall(user.name, call));
                    continue;
                }
                call.setOpcode((user.access & Opcodes.ACC_INTERFACE) != 0 ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL);
            }
        }
    }

    private static void stripFrames(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (insn instanceof FrameNode) {
                m.instructions.remove(insn);
            }
        }
    }

    /**
     * Removes line numbers and variable entries that cover no instruction any more (code moved out of a
     * method leaves them behind) and entries that became duplicates.
     */
    private static void tidyDebugInfo(MethodNode m) {
        java.util.Map<LabelNode, AbstractInsnNode> firstReal = new java.util.IdentityHashMap<>();
        AbstractInsnNode next = null;
        for (AbstractInsnNode insn = m.instructions.getLast(); insn != null; insn = insn.getPrevious()) {
            if (insn.getOpcode() >= 0) {
                next = insn;
            } else if (insn instanceof LabelNode l) {
                firstReal.put(l, next);
            }
        }
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (insn instanceof LineNumberNode ln && firstReal.get(ln.start) == null) {
                m.instructions.remove(insn);
            }
        }
        if (m.localVariables != null) {
            java.util.Set<List<Object>> seen = new java.util.HashSet<>();
            m.localVariables.removeIf(lv -> {
                AbstractInsnNode start = firstReal.get(lv.start);
                AbstractInsnNode end = firstReal.get(lv.end);
                return start == null || start == end
                        || !seen.add(List.of(lv.name, lv.index, System.identityHashCode(start), System.identityHashCode(end)));
            });
        }
    }

    static byte[] bytes(ClassNode node, ClassLoader loader) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected ClassLoader getClassLoader() {
                return loader;
            }
        };
        node.accept(w);
        return w.toByteArray();
    }
}
