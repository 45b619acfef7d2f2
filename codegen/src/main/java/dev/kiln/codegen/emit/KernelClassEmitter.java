package dev.kiln.codegen.emit;

import static org.objectweb.asm.Opcodes.*;

import dev.kiln.codegen.loop.LaneOp;
import dev.kiln.codegen.loop.LoopKernel;
import dev.kiln.codegen.loop.Reduction;
import dev.kiln.codegen.loop.Step;
import dev.kiln.codegen.rt.ChunkedKernel;
import java.util.Arrays;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Emits the class of a {@link LoopKernel}: a {@link ChunkedKernel} holding the kernel's arrays, whose
 * static {@code run} (the entry graph code calls, see {@link LoopKernel}) creates one and executes it.
 * The driver calls back {@code block} and {@code tail}, which pass the arrays to the static loop methods
 * {@link KernelEmitter} emits: the loops take everything as parameters so that the JIT keeps them in
 * registers.
 *
 * <pre>{@code
 * final class FusedKernel7 extends ChunkedKernel {
 *     private final float[] a0; private final int[] b0; ...; private final float[] o0;
 *     public static void run(int rows, int inner, float[] a0, int[] b0, ..., float[] o0) {
 *         new FusedKernel7(rows, inner, a0, b0, ..., o0).execute();
 *     }
 *     protected double block(double acc, int row, int from, int to) {
 *         return vector(acc, row, inner, from, to, a0, b0, ..., o0);    // scalar(...) without a vector loop
 *     }
 *     protected double tail(double acc, int row, int from, int to) { return scalar(...); }
 *     protected void store(int row, double value) { o0[row] = (float) value; }   // reducing kernels
 * }
 * }</pre>
 */
final class KernelClassEmitter {
    private static final String SUPER = Type.getInternalName(ChunkedKernel.class);
    private static final String VECTOR_LOOP = "vector";
    private static final String SCALAR_LOOP = "scalar";
    private static final String LOOP_D = "(DIII)D";

    private KernelClassEmitter() {}

    /** The class file of a kernel class named {@code internalName}. */
    static byte[] emitClass(String internalName, LoopKernel k, int widthBits) {
        ClassWriter cw = new FrameComputingWriter();
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, internalName, null, SUPER, null);
        cw.visitSource(k.describe().length() > 2000 ? "kernel" : k.describe(), null);
        String[] fieldTypes = fieldDescriptors(k);
        for (int f = 0; f < fieldTypes.length; f++) {
            cw.visitField(ACC_PRIVATE | ACC_FINAL, "f" + f, fieldTypes[f], null, null).visitEnd();
        }
        int lanes = KernelEmitter.lanes(k, widthBits);
        constructor(cw, internalName, k, fieldTypes, lanes);
        run(cw, internalName, k);
        bridge(cw, internalName, "block", lanes > 1 ? VECTOR_LOOP : SCALAR_LOOP, k, fieldTypes);
        bridge(cw, internalName, "tail", SCALAR_LOOP, k, fieldTypes);
        if (k.reduction() != null) {
            store(cw, internalName, k, fieldTypes);
        }
        if (lanes > 1) {
            loop(cw, VECTOR_LOOP, k, widthBits);
        }
        loop(cw, SCALAR_LOOP, k, 0);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The types of {@code run}'s array parameters, which the instance keeps as fields f0, f1, ... */
    private static String[] fieldDescriptors(LoopKernel k) {
        return Arrays.stream(Type.getArgumentTypes(KernelEmitter.descriptor(k))).skip(2).map(Type::getDescriptor)
                .toArray(String[]::new);
    }

    private static void constructor(ClassWriter cw, String owner, LoopKernel k, String[] fields, int lanes) {
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE, "<init>", KernelEmitter.descriptor(k), null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitVarInsn(ILOAD, 2);
        mv.visitLdcInsn(lanes);
        mv.visitLdcInsn(cost(k));
        Reduction red = k.reduction();
        if (red == null) {
            mv.visitInsn(ACONST_NULL);
        } else {
            String r = Type.getInternalName(Reduction.class);
            mv.visitFieldInsn(GETSTATIC, r, red.name(), "L" + r + ";");
        }
        mv.visitMethodInsn(INVOKESPECIAL, SUPER, "<init>", "(IIIIL" + Type.getInternalName(Reduction.class) + ";)V",
                false);
        for (int f = 0; f < fields.length; f++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 3 + f);
            mv.visitFieldInsn(PUTFIELD, owner, "f" + f, fields[f]);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code run}: a new instance over the arguments, executed. */
    private static void run(ClassWriter cw, String owner, LoopKernel k) {
        String d = KernelEmitter.descriptor(k);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, KernelEmitter.METHOD, d, null, null);
        mv.visitCode();
        mv.visitTypeInsn(NEW, owner);
        mv.visitInsn(DUP);
        Type[] args = Type.getArgumentTypes(d);
        for (int i = 0; i < args.length; i++) {
            mv.visitVarInsn(args[i].getOpcode(ILOAD), i);
        }
        mv.visitMethodInsn(INVOKESPECIAL, owner, "<init>", KernelEmitter.descriptor(k), false);
        mv.visitMethodInsn(INVOKEVIRTUAL, owner, "execute", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code name(acc, row, from, to)}: the static loop {@code loop} with inner and the arrays. */
    private static void bridge(ClassWriter cw, String owner, String name, String loop, LoopKernel k, String[] fields) {
        MethodVisitor mv = cw.visitMethod(ACC_PROTECTED | ACC_FINAL, name, LOOP_D, null, null);
        mv.visitCode();
        mv.visitVarInsn(DLOAD, 1);
        mv.visitVarInsn(ILOAD, 3);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, owner, "inner", "I");
        mv.visitVarInsn(ILOAD, 4);
        mv.visitVarInsn(ILOAD, 5);
        for (int f = 0; f < fields.length; f++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, owner, "f" + f, fields[f]);
        }
        mv.visitMethodInsn(INVOKESTATIC, owner, loop, KernelEmitter.loopDescriptor(k), false);
        mv.visitInsn(DRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code store(row, value)}: the reduced value into the single output, in its element type. */
    private static void store(ClassWriter cw, String owner, LoopKernel k, String[] fields) {
        Lane lane = Lane.of(k.outputType(0));
        if (!lane.isFloating()) {
            throw new IllegalArgumentException("a reducing kernel has a floating output, got " + lane);
        }
        MethodVisitor mv = cw.visitMethod(ACC_PROTECTED | ACC_FINAL, "store", "(ID)V", null, null);
        mv.visitCode();
        int out = fields.length - 1;
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, owner, "f" + out, fields[out]);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitVarInsn(DLOAD, 2);
        if (lane == Lane.F32) {
            mv.visitInsn(D2F);
        }
        mv.visitInsn(lane.scalar.getOpcode(IASTORE));
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void loop(ClassWriter cw, String name, LoopKernel k, int widthBits) {
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, KernelEmitter.loopDescriptor(k), null, null);
        mv.visitCode();
        KernelEmitter.emitLoop(k, widthBits, mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * A rough cost of one element in simple lane operations, for the driver's parallel threshold:
     * transcendental functions count as ten, divisions and square roots as four.
     */
    static int cost(LoopKernel k) {
        int cost = k.outputs().size();
        for (Step s : k.steps()) {
            cost += switch (s) {
                case Step.Load l -> 1;
                case Step.Constant c -> 0;
                case Step.Apply a -> weight(a.op());
            };
        }
        return cost;
    }

    private static int weight(LaneOp op) {
        return switch (op) {
            case EXP, LOG, LOG1P, SIN, COS, TANH, SIGMOID, ELU, SELU, SOFTPLUS, ERF, POW, INT_POW -> 10;
            case DIV, SQRT, RSQRT, FLOOR_DIV, FLOOR_MOD, INT_DIV, INT_FLOOR_DIV, INT_FLOOR_MOD -> 4;
            default -> 1;
        };
    }
}
