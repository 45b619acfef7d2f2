package dev.kiln.codegen.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.objectweb.asm.Opcodes.*;

import dev.kiln.codegen.rt.FloatVectorFunctions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/** A function's copied bytecode computes what a call of it does, bit for bit. */
class FunctionInlinerTest {
    private static final String FV = Type.getDescriptor(FloatVector.class);

    /** A hidden class whose static {@code f(FloatVector)} is {@code name}'s body copied in after a few locals of its own. */
    private static MethodHandle copied(String name) throws ReflectiveOperationException {
        ClassWriter cw = new FrameComputingWriter();
        String owner = "dev/kiln/codegen/emit/Copied_" + name;
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, owner, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "f", "(" + FV + ")" + FV, null, null);
        mv.visitCode();
        int[] next = {3};
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, 1);
        mv.visitVarInsn(ALOAD, 0);
        FunctionInliner.inline(mv, name, n -> {
            int at = next[0];
            next[0] += n;
            return at;
        });
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        Class<?> c = MethodHandles.lookup().defineHiddenClass(cw.toByteArray(), true).lookupClass();
        return MethodHandles.lookup().findStatic(c, "f", MethodType.methodType(FloatVector.class, FloatVector.class));
    }

    @Test
    void copiesComputeTheSameBitsAsCalls() throws Throwable {
        Random rnd = new Random(4);
        List<UnaryOperator<FloatVector>> calls = List.of(FloatVectorFunctions::exp, FloatVectorFunctions::tanh,
                FloatVectorFunctions::sigmoid);
        List<String> names = List.of("exp", "tanh", "sigmoid");
        for (int f = 0; f < names.size(); f++) {
            MethodHandle copy = copied(names.get(f));
            for (VectorSpecies<Float> s : List.of(FloatVector.SPECIES_128, FloatVector.SPECIES_256, FloatVector.SPECIES_512)) {
                float[] in = new float[s.length()];
                for (int round = 0; round < 200; round++) {
                    for (int l = 0; l < in.length; l++) {
                        in[l] = round % 2 == 0 ? Float.intBitsToFloat(rnd.nextInt()) : (float) (rnd.nextGaussian() * 10);
                    }
                    FloatVector x = FloatVector.fromArray(s, in, 0);
                    float[] called = calls.get(f).apply(x).toArray();
                    float[] copiedOut = ((FloatVector) copy.invokeExact(x)).toArray();
                    for (int l = 0; l < in.length; l++) {
                        assertEquals(Float.floatToRawIntBits(called[l]), Float.floatToRawIntBits(copiedOut[l]),
                                names.get(f) + "(" + in[l] + ") at " + s);
                    }
                }
            }
        }
    }

    @Test
    void kernelsCarryTheFunctionsInsteadOfCallingThem() {
        for (String name : List.of("exp", "tanh", "sigmoid")) {
            ClassWriter cw = new FrameComputingWriter();
            cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, "dev/kiln/codegen/emit/Probe", null, "java/lang/Object", null);
            MethodVisitor mv = cw.visitMethod(ACC_STATIC, "f", "(" + FV + ")" + FV, null, null);
            mv.visitCode();
            mv.visitVarInsn(ALOAD, 0);
            FunctionInliner.inline(mv, name, n -> 1);
            mv.visitInsn(ARETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            String text = new String(cw.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(FunctionInliner.OWNER), name + " still refers to " + FunctionInliner.OWNER);
        }
        assertThrows(IllegalArgumentException.class, () -> FunctionInliner.inline(null, "log", n -> 0));
    }
}
