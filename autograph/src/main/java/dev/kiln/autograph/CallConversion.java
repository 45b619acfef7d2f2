package dev.kiln.autograph;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Calls from converted code to user methods that take or return tensors become
 * {@code invokedynamic} sites linked by {@link Autograph#convertedCall}, TensorFlow's
 * {@code ag__.converted_call}: when the method called (after virtual dispatch) has tensor conditions,
 * its converted copy runs instead.
 */
final class CallConversion {
    static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, Autograph.INTERNAL_NAME, "convertedCall",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/Class;I)"
                    + "Ljava/lang/invoke/CallSite;", false);

    private CallConversion() {}

    static void convertCalls(ConversionContext cx, MethodNode m) {
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (!(insn instanceof MethodInsnNode call) || call.name.startsWith("<") || call.owner.startsWith("[")
                    || call.owner.equals(cx.className) || cx.conventions.isLibrary(call.owner)
                    || !cx.conventions.mentionsConverted(call.desc)) {
                continue;
            }
            String desc = call.getOpcode() == Opcodes.INVOKESTATIC ? call.desc
                    : "(L" + call.owner + ";" + call.desc.substring(1);
            m.instructions.set(call, new InvokeDynamicInsnNode(call.name, desc, BOOTSTRAP,
                    Type.getObjectType(call.owner), call.getOpcode()));
        }
    }

    /** Whether the statement list of a listing should show {@code call} as a converted call. */
    static boolean isConvertedCall(AbstractInsnNode insn) {
        return insn instanceof InvokeDynamicInsnNode d && d.bsm.equals(BOOTSTRAP);
    }
}
