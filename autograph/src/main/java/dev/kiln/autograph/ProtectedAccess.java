package dev.kiln.autograph;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Converted code runs in a hidden class that is a nest mate of the user's class but not a subclass of its
 * superclass: a protected member declared in another package is out of its reach. Such field accesses and
 * calls, and {@code super.m()} calls, become call sites that the user's class links ({@link Autograph#ownerAccess}).
 */
final class ProtectedAccess {
    static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, Autograph.INTERNAL_NAME, "ownerAccess",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/Class;I)"
                    + "Ljava/lang/invoke/CallSite;", false);

    private ProtectedAccess() {}

    static void rewrite(ConversionContext cx, MethodNode m) {
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            switch (insn) {
                case FieldInsnNode f when needsOwner(cx, field(cx, f)) -> m.instructions.set(f,
                        new InvokeDynamicInsnNode(f.name, fieldDescriptor(f), BOOTSTRAP, Type.getObjectType(f.owner),
                                f.getOpcode()));
                case MethodInsnNode c when (c.getOpcode() == Opcodes.INVOKEVIRTUAL || c.getOpcode() == Opcodes.INVOKESTATIC)
                        && needsOwner(cx, method(cx, c)) -> {
                    String desc = c.getOpcode() == Opcodes.INVOKESTATIC ? c.desc : "(L" + c.owner + ";" + c.desc.substring(1);
                    m.instructions.set(c, new InvokeDynamicInsnNode(c.name, desc, BOOTSTRAP,
                            Type.getObjectType(c.owner), c.getOpcode()));
                }
                default -> {
                }
            }
        }
    }

    /** {@code super.m(...)} from the user class {@code user} as a call site the user class links. */
    static InvokeDynamicInsnNode superCall(String user, MethodInsnNode call) {
        return new InvokeDynamicInsnNode(call.name, "(L" + user + ";" + call.desc.substring(1), BOOTSTRAP,
                Type.getObjectType(call.owner), Opcodes.INVOKESPECIAL);
    }

    /** The field access or call an owner-access call site stands for (for listings), or null for other call sites. */
    static AbstractInsnNode original(InvokeDynamicInsnNode d) {
        if (!d.bsm.equals(BOOTSTRAP)) {
            return null;
        }
        String owner = ((Type) d.bsmArgs[0]).getInternalName();
        int opcode = (Integer) d.bsmArgs[1];
        Type[] params = Type.getArgumentTypes(d.desc);
        return switch (opcode) {
            case Opcodes.GETFIELD, Opcodes.GETSTATIC -> new FieldInsnNode(opcode, owner, d.name,
                    Type.getReturnType(d.desc).getDescriptor());
            case Opcodes.PUTFIELD, Opcodes.PUTSTATIC -> new FieldInsnNode(opcode, owner, d.name,
                    params[params.length - 1].getDescriptor());
            case Opcodes.INVOKESTATIC -> new MethodInsnNode(opcode, owner, d.name, d.desc, false);
            default -> new MethodInsnNode(opcode, owner, d.name, "(" + d.desc.substring(d.desc.indexOf(';') + 1), false);
        };
    }

    private static String fieldDescriptor(FieldInsnNode f) {
        return switch (f.getOpcode()) {
            case Opcodes.GETFIELD -> "(L" + f.owner + ";)" + f.desc;
            case Opcodes.PUTFIELD -> "(L" + f.owner + ";" + f.desc + ")V";
            case Opcodes.GETSTATIC -> "()" + f.desc;
            default -> "(" + f.desc + ")V";
        };
    }

    /** Whether {@code member} is protected and declared in a package other than the user class's. */
    private static boolean needsOwner(ConversionContext cx, Member member) {
        if (member == null || !Modifier.isProtected(member.getModifiers())) {
            return false;
        }
        return !member.getDeclaringClass().getPackageName().equals(packageOf(cx.userClass));
    }

    private static String packageOf(String binaryName) {
        int dot = binaryName.lastIndexOf('.');
        return dot < 0 ? "" : binaryName.substring(0, dot);
    }

    private static Class<?> load(ConversionContext cx, String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, cx.loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The field the instruction resolves to (declared in its owner or a superclass), or null. */
    private static Field field(ConversionContext cx, FieldInsnNode f) {
        for (Class<?> c = load(cx, f.owner); c != null; c = c.getSuperclass()) {
            for (Field x : c.getDeclaredFields()) {
                if (x.getName().equals(f.name) && Type.getDescriptor(x.getType()).equals(f.desc)) {
                    return x;
                }
            }
        }
        return null;
    }

    /** The method the call resolves to (declared in its owner or a superclass), or null. */
    private static Method method(ConversionContext cx, MethodInsnNode call) {
        for (Class<?> c = load(cx, call.owner); c != null; c = c.getSuperclass()) {
            for (Method x : c.getDeclaredMethods()) {
                if (x.getName().equals(call.name) && Type.getMethodDescriptor(x).equals(call.desc)) {
                    return x;
                }
            }
        }
        return null;
    }
}
