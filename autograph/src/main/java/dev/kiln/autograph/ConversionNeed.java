package dev.kiln.autograph;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Whether a method needs converting: it has a tensor condition or a for-each over a tensor, or it calls
 * a user method with tensors in its signature that needs converting (so that the call goes through
 * {@link Autograph#convertedCall}). Calls are resolved by the class named in the instruction and its
 * superclasses; recursion ends at methods already being looked at.
 */
final class ConversionNeed {
    private final Conventions conv;
    private final ClassLoader loader;
    private final Map<String, Boolean> memo = new HashMap<>();
    private final Map<String, ClassNode> classes = new HashMap<>();

    ConversionNeed(Conventions conv, ClassLoader loader) {
        this.conv = conv;
        this.loader = loader;
    }

    boolean needs(String owner, String name, String desc) {
        String key = owner + "." + name + desc;
        Boolean known = memo.get(key);
        if (known != null) {
            return known;
        }
        memo.put(key, false);
        MethodNode m = find(owner, name, desc);
        boolean result = m != null && (MethodConverter.needsConversion(conv, m) || callsConverted(m));
        memo.put(key, result);
        return result;
    }

    private boolean callsConverted(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof MethodInsnNode call && !call.name.startsWith("<") && !call.owner.startsWith("[")
                    && !conv.isLibrary(call.owner) && conv.mentionsConverted(call.desc)
                    && needs(call.owner, call.name, call.desc)) {
                return true;
            }
        }
        return false;
    }

    private MethodNode find(String owner, String name, String desc) {
        for (String c = owner; c != null; ) {
            ClassNode node = load(c);
            if (node == null) {
                return null;
            }
            for (MethodNode m : node.methods) {
                if (m.name.equals(name) && m.desc.equals(desc)) {
                    return m.instructions.size() > 0 ? m : null;
                }
            }
            c = node.superName;
        }
        return null;
    }

    private ClassNode load(String internalName) {
        if (conv.isLibrary(internalName)) {
            return null;
        }
        return classes.computeIfAbsent(internalName, n -> {
            try (InputStream in = loader.getResourceAsStream(n + ".class")) {
                if (in == null) {
                    return null;
                }
                ClassNode node = new ClassNode();
                new ClassReader(in.readAllBytes()).accept(node, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
                return node;
            } catch (IOException e) {
                return null;
            }
        });
    }
}
