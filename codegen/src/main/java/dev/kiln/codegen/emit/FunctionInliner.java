package dev.kiln.codegen.emit;

import static org.objectweb.asm.Opcodes.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Copies the bytecode of a function of {@code dev.kiln.codegen.rt.FloatVectorFunctions} into a generated
 * method, in place of a call: with the argument on the stack, the copy leaves the result there. Locals
 * are moved to fresh slots and calls to the class's other functions are copied in turn.
 *
 * <p>Why not call it: the JIT inlines a call only while its budget lasts, and a kernel inlined into a
 * large caller (a graph's {@code call}, the function that calls it) can exhaust it; the call then stays
 * and every vector crossing it is boxed on the heap, several times slower. Copied in, the function is
 * made only of Vector API methods, which the JIT always inlines, and the kernel's own size is honest, so
 * the JIT compiles a large kernel loop on its own rather than inside its callers.
 *
 * <p>The class is read as a resource, not loaded, so this works (and is never used) without the
 * Vector API module. Its functions must be straight-line code without fields of their own: anything else
 * is rejected here, when the kernel is generated.
 */
final class FunctionInliner {
    static final String OWNER = "dev/kiln/codegen/rt/FloatVectorFunctions";

    private static final Map<String, MethodNode> METHODS = read();

    private FunctionInliner() {}

    /**
     * Emits the body of the single-argument function {@code name} into {@code mv}; {@code slots}
     * reserves that many consecutive local slots and returns the first.
     */
    static void inline(MethodVisitor mv, String name, IntUnaryOperator slots) {
        MethodNode m = METHODS.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no function " + name + " in " + OWNER);
        }
        int base = slots.applyAsInt(m.maxLocals);
        // The arguments are on the stack, the last on top: store them into their slots, last first.
        Type[] args = Type.getArgumentTypes(m.desc);
        int[] at = new int[args.length];
        for (int i = 0, slot = 0; i < args.length; slot += args[i].getSize(), i++) {
            at[i] = slot;
        }
        for (int i = args.length - 1; i >= 0; i--) {
            mv.visitVarInsn(args[i].getOpcode(ISTORE), base + at[i]);
        }
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            switch (insn) {
                case VarInsnNode v -> mv.visitVarInsn(v.getOpcode(), base + v.var);
                case IincInsnNode i -> mv.visitIincInsn(base + i.var, i.incr);
                case MethodInsnNode call when call.owner.equals(OWNER) -> inline(mv, call.name, slots);
                case FieldInsnNode f when f.owner.equals(OWNER) ->
                        throw new IllegalStateException(OWNER + "." + m.name + " reads field " + f.name
                                + ": only compile-time constants can be copied");
                default -> {
                    int op = insn.getOpcode();
                    if (op >= IRETURN && op <= RETURN) {
                        for (AbstractInsnNode after = insn.getNext(); after != null; after = after.getNext()) {
                            if (after.getOpcode() >= 0) {
                                throw new IllegalStateException(OWNER + "." + m.name + " returns before its end");
                            }
                        }
                    } else if (insn.getType() == AbstractInsnNode.JUMP_INSN || insn.getType() == AbstractInsnNode.TABLESWITCH_INSN
                            || insn.getType() == AbstractInsnNode.LOOKUPSWITCH_INSN || op == ATHROW) {
                        throw new IllegalStateException(OWNER + "." + m.name + " is not straight-line code");
                    } else if (op >= 0) {
                        insn.accept(mv);
                    }
                }
            }
        }
    }

    /** The static methods of the class by name (names are unique there). */
    private static Map<String, MethodNode> read() {
        ClassNode c = new ClassNode();
        try (InputStream in = FunctionInliner.class.getClassLoader().getResourceAsStream(OWNER + ".class")) {
            if (in == null) {
                throw new IllegalStateException(OWNER + ".class is not on the class path");
            }
            new ClassReader(in).accept(c, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, MethodNode> out = new HashMap<>();
        for (MethodNode m : c.methods) {
            if ((m.access & ACC_STATIC) != 0 && !m.name.startsWith("<")) {
                out.put(m.name, m);
            }
        }
        return out;
    }
}
