package dev.kiln.codegen.emit;

import static org.objectweb.asm.Opcodes.*;

import dev.kiln.codegen.loop.Access;
import dev.kiln.codegen.loop.LaneOp;
import dev.kiln.codegen.loop.LoopKernel;
import dev.kiln.codegen.loop.Reduction;
import dev.kiln.codegen.loop.Step;
import dev.kiln.codegen.rt.ScalarMath;
import dev.kiln.ir.DType;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/**
 * Emits the loop methods of a {@link LoopKernel}'s class (the class itself is
 * {@link KernelClassEmitter}'s): each covers elements [from, to) of one row, either with the Vector API
 * species of the kernel's lane count or as a scalar loop. With width 0, or when an op has no lanewise
 * form, a kernel only has the scalar loop.
 *
 * <p>Every step's value goes to a local of its own (scalars and vectors separately); scalar inputs,
 * constants and the vector constants ops expand to are computed once before the loop, per-row broadcast
 * inputs once per row.
 */
final class KernelEmitter {
    static final String METHOD = "run";
    private static final String VP = Lane.VECTOR_PACKAGE;
    private static final String SPECIES = "L" + VP + "VectorSpecies;";
    private static final String MASK = VP + "VectorMask";
    private static final String MASK_D = "L" + MASK + ";";
    private static final String VECTOR_D = "L" + VP + "Vector;";
    private static final String MATH = "java/lang/Math";
    private static final String SCALAR_MATH = Type.getInternalName(ScalarMath.class);

    private final LoopKernel k;
    private final boolean vector;
    private final int lanes;
    private final Lane primary;
    /** Where code goes: the method, or while emitting the vector body a buffer (see {@link #loop}). */
    private MethodVisitor mv;
    private int nextLocal;

    private final int[] sLocal;
    private final int[] vLocal;
    private final Lane[] maskHome;
    private final boolean[] hoisted;
    private int rLocal;
    private int innerLocal;
    private int rowBaseLocal;
    private int jLocal;
    private int upperLocal;
    private int accVector;
    private int accScalar;
    private final int[] arrayLocal;
    private final int[] basesLocal;
    private final int[] baseLocal;
    private final int[] outLocal;
    private final List<VectorConstant> vectorConstants = new ArrayList<>();

    private KernelEmitter(LoopKernel k, int widthBits, MethodVisitor mv) {
        this.k = k;
        this.vector = lanes(k, widthBits) > 1;
        this.primary = primaryLane(k);
        this.lanes = lanes(k, widthBits);
        this.mv = mv;
        int n = k.steps().size();
        this.sLocal = new int[n];
        this.vLocal = new int[n];
        this.maskHome = new Lane[n];
        this.hoisted = new boolean[n];
        this.arrayLocal = new int[k.inputs().size()];
        this.basesLocal = new int[k.inputs().size()];
        this.baseLocal = new int[k.inputs().size()];
        this.outLocal = new int[k.outputs().size()];
    }

    /** The descriptor of the kernel's {@code run} method. */
    static String descriptor(LoopKernel k) {
        StringBuilder sb = new StringBuilder("(II");
        for (LoopKernel.Input in : k.inputs()) {
            sb.append(Lane.of(in.type()).array()).append("[I");
        }
        for (int i = 0; i < k.outputs().size(); i++) {
            sb.append(Lane.of(k.outputType(i)).array());
        }
        return sb.append(")V").toString();
    }

    /** Whether every step has a lanewise form (otherwise the kernel is a scalar loop). */
    static boolean vectorizable(LoopKernel k) {
        for (Step s : k.steps()) {
            if (s instanceof Step.Apply a) {
                switch (a.op()) {
                    case FLOOR_DIV, FLOOR_MOD, ERF, FLOOR, CEIL, RINT, INT_DIV, INT_FLOOR_DIV, INT_FLOOR_MOD, INT_POW -> {
                        return false;
                    }
                    default -> { }
                }
            }
        }
        return true;
    }

    /** The lane count the kernel's vector loop uses at {@code widthBits} (1 for a scalar loop). */
    static int lanes(LoopKernel k, int widthBits) {
        if (widthBits <= 0 || !vectorizable(k)) {
            return 1;
        }
        int n = widthBits / widestBits(k);
        // Every lane type needs a species of at least 64 bits with the same lane count.
        return n >= 2 && n * narrowestBits(k) >= 64 ? n : 1;
    }

    private static int narrowestBits(LoopKernel k) {
        int bits = 64;
        for (LoopKernel.Input in : k.inputs()) {
            if (in.type() != DType.BOOL) {
                bits = Math.min(bits, Lane.of(in.type()).bits);
            }
        }
        for (Step s : k.steps()) {
            if (s.type() != DType.BOOL) {
                bits = Math.min(bits, Lane.of(s.type()).bits);
            }
        }
        return bits;
    }

    private static int widestBits(LoopKernel k) {
        int bits = 0;
        for (LoopKernel.Input in : k.inputs()) {
            bits = Math.max(bits, Lane.of(in.type()).bits);
        }
        for (Step s : k.steps()) {
            bits = Math.max(bits, Lane.of(s.type()).bits);
        }
        return bits == 0 ? 32 : bits;
    }

    private static Lane primaryLane(LoopKernel k) {
        for (LoopKernel.Input in : k.inputs()) {
            if (in.type() != DType.BOOL) {
                return Lane.of(in.type());
            }
        }
        for (Step s : k.steps()) {
            if (s.type() != DType.BOOL) {
                return Lane.of(s.type());
            }
        }
        return Lane.I32;
    }

    /**
     * The descriptor of a loop method: the reduction's running value, row, inner, from, to, then run's
     * arrays; it returns the running value.
     */
    static String loopDescriptor(LoopKernel k) {
        String d = descriptor(k);
        return "(DIIII" + d.substring(3, d.length() - 2) + ")D";
    }

    /**
     * Emits a static loop method over elements [from, to) of one row (see {@link #loopDescriptor}): the
     * vector loop when the kernel has {@code lanes(k, widthBits) > 1} (the caller passes a range of whole
     * vectors), else the scalar loop.
     */
    static void emitLoop(LoopKernel k, int widthBits, MethodVisitor mv) {
        new KernelEmitter(k, widthBits, mv).loop();
    }

    private int newLocal(Type t) {
        int at = nextLocal;
        nextLocal += t.getSize();
        return at;
    }

    /** A loop method: elements [from, to) of row r. Parameters: acc (2 slots), r, inner, from, to, arrays. */
    private void loop() {
        accScalar = 0;
        rLocal = 2;
        innerLocal = 3;
        int fromLocal = 4;
        int toLocal = 5;
        nextLocal = 6;
        for (int i = 0; i < k.inputs().size(); i++) {
            arrayLocal[i] = nextLocal++;
            basesLocal[i] = nextLocal++;
        }
        for (int i = 0; i < outLocal.length; i++) {
            outLocal[i] = nextLocal++;
        }
        rowBaseLocal = newLocal(Type.INT_TYPE);
        jLocal = newLocal(Type.INT_TYPE);
        upperLocal = newLocal(Type.INT_TYPE);
        for (int i = 0; i < k.inputs().size(); i++) {
            baseLocal[i] = newLocal(Type.INT_TYPE);
        }
        computeMaskHomes();
        prologue();
        Reduction red = k.reduction();
        DType outType = red == null ? null : k.outputType(0);
        if (red != null) {
            accVector = vector ? newLocal(Type.getObjectType(VP + "Vector")) : -1;
        }
        mv.visitVarInsn(ILOAD, rLocal);
        mv.visitVarInsn(ILOAD, innerLocal);
        mv.visitInsn(IMUL);
        mv.visitVarInsn(ISTORE, rowBaseLocal);
        rowPrologue();
        mv.visitVarInsn(ILOAD, fromLocal);
        mv.visitVarInsn(ISTORE, jLocal);
        Label test = new Label();
        Label end = new Label();
        if (vector) {
            if (red != null) {
                initAccumulators(red, outType);
            }
            // The body goes to a buffer first: the constants its ops broadcast (sigmoid's 1, ...) are only
            // known then, and they are broadcast once here, before the loop, instead of in every iteration.
            MethodVisitor method = mv;
            MethodNode body = new MethodNode(ASM9);
            mv = body;
            vectorBody();
            mv = method;
            for (VectorConstant c : vectorConstants) {
                species(c.lane());
                pushScalarConstant(c.lane(), c.value(), (long) c.value());
                mv.visitMethodInsn(INVOKESTATIC, c.lane().vectorClass, "broadcast",
                        "(" + SPECIES + c.lane().scalar.getDescriptor() + ")" + c.lane().vectorDescriptor(), false);
                mv.visitVarInsn(ASTORE, c.local());
            }
            // upper = from + (to - from) rounded down to whole vectors (lanes is a power of two)
            mv.visitVarInsn(ILOAD, fromLocal);
            mv.visitVarInsn(ILOAD, toLocal);
            mv.visitVarInsn(ILOAD, fromLocal);
            mv.visitInsn(ISUB);
            mv.visitLdcInsn(-lanes);
            mv.visitInsn(IAND);
            mv.visitInsn(IADD);
            mv.visitVarInsn(ISTORE, upperLocal);
            mv.visitLabel(test);
            mv.visitVarInsn(ILOAD, jLocal);
            mv.visitVarInsn(ILOAD, upperLocal);
            mv.visitJumpInsn(IF_ICMPGE, end);
            body.instructions.accept(mv);
            mv.visitIincInsn(jLocal, lanes);
            mv.visitJumpInsn(GOTO, test);
            mv.visitLabel(end);
            if (red != null) {
                foldVectorAccumulator(red, outType);
            }
        } else {
            mv.visitLabel(test);
            mv.visitVarInsn(ILOAD, jLocal);
            mv.visitVarInsn(ILOAD, toLocal);
            mv.visitJumpInsn(IF_ICMPGE, end);
            scalarBody();
            mv.visitIincInsn(jLocal, 1);
            mv.visitJumpInsn(GOTO, test);
            mv.visitLabel(end);
        }
        mv.visitVarInsn(DLOAD, accScalar);
        mv.visitInsn(DRETURN);
    }

    // ---------------------------------------------------------------- prologue

    private void computeMaskHomes() {
        List<Step> steps = k.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.type() != DType.BOOL) {
                continue;
            }
            Lane home = primary;
            if (s instanceof Step.Apply a) {
                int first = a.args().get(0);
                home = switch (a.op()) {
                    case EQ, NE, LT, LE, GT, GE, IS_NAN, IS_INF, IS_FINITE, CONVERT ->
                            steps.get(first).type() == DType.BOOL ? maskHome[first] : Lane.of(steps.get(first).type());
                    case NOT, AND, OR -> maskHome[first];
                    case SELECT -> maskHome[a.args().get(1)];
                    default -> primary;
                };
            }
            maskHome[i] = home;
        }
    }

    private void prologue() {
        List<Step> steps = k.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Lane lane = Lane.of(s.type());
            if (s instanceof Step.Constant c) {
                hoisted[i] = true;
                sLocal[i] = newLocal(lane.local());
                pushScalarConstant(lane, c.value(), c.bits());
                mv.visitVarInsn(lane.local().getOpcode(ISTORE), sLocal[i]);
                if (vector) {
                    vLocal[i] = newLocal(Type.getObjectType("java/lang/Object"));
                    broadcastFromLocal(lane, sLocal[i], maskHome[i]);
                    mv.visitVarInsn(ASTORE, vLocal[i]);
                }
            } else if (s instanceof Step.Load l) {
                Access a = k.inputs().get(l.input()).access();
                if (a == Access.SCALAR || a == Access.SPLAT_ROW) {
                    hoisted[i] = true;
                    sLocal[i] = newLocal(lane.local());
                    vLocal[i] = vector ? newLocal(Type.getObjectType("java/lang/Object")) : -1;
                    if (a == Access.SCALAR) {
                        mv.visitVarInsn(ALOAD, arrayLocal[l.input()]);
                        mv.visitInsn(ICONST_0);
                        loadSplat(i, lane);
                    }
                }
            }
        }
    }

    /** Per row: row bases of ROW inputs, and the broadcast element of SPLAT_ROW inputs. */
    private void rowPrologue() {
        for (int in = 0; in < k.inputs().size(); in++) {
            Access a = k.inputs().get(in).access();
            if (a == Access.ROW || a == Access.SPLAT_ROW) {
                mv.visitVarInsn(ALOAD, basesLocal[in]);
                mv.visitVarInsn(ILOAD, rLocal);
                mv.visitInsn(IALOAD);
                mv.visitVarInsn(ISTORE, baseLocal[in]);
            }
        }
        List<Step> steps = k.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.Load l && k.inputs().get(l.input()).access() == Access.SPLAT_ROW) {
                mv.visitVarInsn(ALOAD, arrayLocal[l.input()]);
                mv.visitVarInsn(ILOAD, baseLocal[l.input()]);
                loadSplat(i, Lane.of(l.type()));
            }
        }
    }

    /** With array and index on the stack: the element into the step's scalar local, and its broadcast. */
    private void loadSplat(int step, Lane lane) {
        mv.visitInsn(lane.scalar.getOpcode(IALOAD));
        mv.visitVarInsn(lane.local().getOpcode(ISTORE), sLocal[step]);
        if (vector) {
            broadcastFromLocal(lane, sLocal[step], maskHome[step]);
            mv.visitVarInsn(ASTORE, vLocal[step]);
        }
    }

    private void broadcastFromLocal(Lane lane, int local, Lane home) {
        if (lane == Lane.BOOL) {
            species(home);
            mv.visitVarInsn(ILOAD, local);
            mv.visitMethodInsn(INVOKEINTERFACE, VP + "VectorSpecies", "maskAll", "(Z)" + MASK_D, true);
        } else {
            species(lane);
            mv.visitVarInsn(lane.local().getOpcode(ILOAD), local);
            mv.visitMethodInsn(INVOKESTATIC, lane.vectorClass, "broadcast",
                    "(" + SPECIES + lane.scalar.getDescriptor() + ")" + lane.vectorDescriptor(), false);
        }
    }

    private void pushScalarConstant(Lane lane, double value, long bits) {
        switch (lane) {
            case F32 -> mv.visitLdcInsn((float) value);
            case F64 -> mv.visitLdcInsn(value);
            case I32, BOOL -> mv.visitLdcInsn((int) bits);
            case I64 -> mv.visitLdcInsn(bits);
        }
    }

    private void species(Lane lane) {
        int bits = lanes * lane.bits;
        mv.visitFieldInsn(GETSTATIC, lane.vectorClass, "SPECIES_" + bits, SPECIES);
    }

    // ---------------------------------------------------------------- element indices

    /** Pushes the element index of input {@code in} for the current j. */
    private void pushIndex(int in) {
        switch (k.inputs().get(in).access()) {
            case SAME -> {
                mv.visitVarInsn(ILOAD, rowBaseLocal);
                mv.visitVarInsn(ILOAD, jLocal);
                mv.visitInsn(IADD);
            }
            case INNER -> mv.visitVarInsn(ILOAD, jLocal);
            case ROW -> {
                mv.visitVarInsn(ILOAD, baseLocal[in]);
                mv.visitVarInsn(ILOAD, jLocal);
                mv.visitInsn(IADD);
            }
            default -> throw new IllegalStateException("hoisted access has no per-element index");
        }
    }

    private void pushOutIndex() {
        mv.visitVarInsn(ILOAD, rowBaseLocal);
        mv.visitVarInsn(ILOAD, jLocal);
        mv.visitInsn(IADD);
    }

    // ---------------------------------------------------------------- scalar body

    private void scalarBody() {
        List<Step> steps = k.steps();
        int[] locals = new int[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            if (hoisted[i]) {
                locals[i] = sLocal[i];
                continue;
            }
            Step s = steps.get(i);
            Lane lane = Lane.of(s.type());
            switch (s) {
                case Step.Load l -> {
                    mv.visitVarInsn(ALOAD, arrayLocal[l.input()]);
                    pushIndex(l.input());
                    mv.visitInsn(lane.scalar.getOpcode(IALOAD));
                }
                case Step.Apply a -> scalarApply(a, locals);
                case Step.Constant c -> throw new IllegalStateException("constants are hoisted");
            }
            locals[i] = newLocal(lane.local());
            mv.visitVarInsn(lane.local().getOpcode(ISTORE), locals[i]);
        }
        if (k.reduction() != null) {
            accumulateScalar(k.reduction(), locals[k.outputs().get(0)], Lane.of(k.outputType(0)));
            return;
        }
        for (int o = 0; o < outLocal.length; o++) {
            Lane lane = Lane.of(k.outputType(o));
            mv.visitVarInsn(ALOAD, outLocal[o]);
            pushOutIndex();
            mv.visitVarInsn(lane.local().getOpcode(ILOAD), locals[k.outputs().get(o)]);
            mv.visitInsn(lane.scalar.getOpcode(IASTORE));
        }
    }

    private void load(Lane lane, int local) {
        mv.visitVarInsn(lane.local().getOpcode(ILOAD), local);
    }

    /** Leaves the step's scalar value on the stack. */
    private void scalarApply(Step.Apply a, int[] locals) {
        List<Step> steps = k.steps();
        Lane t = Lane.of(a.type());
        int x = locals[a.args().get(0)];
        Lane xl = Lane.of(steps.get(a.args().get(0)).type());
        int y = a.args().size() > 1 ? locals[a.args().get(1)] : -1;
        switch (a.op()) {
            case ADD, SUB, MUL, DIV -> {
                load(t, x);
                load(t, y);
                int base = switch (a.op()) {
                    case ADD -> IADD;
                    case SUB -> ISUB;
                    case MUL -> IMUL;
                    default -> IDIV;
                };
                mv.visitInsn(t.scalar.getOpcode(base));
            }
            case MIN, MAX -> {
                load(t, x);
                load(t, y);
                String d = t.scalar.getDescriptor();
                mv.visitMethodInsn(INVOKESTATIC, MATH, a.op() == LaneOp.MIN ? "min" : "max", "(" + d + d + ")" + d, false);
            }
            case POW -> binaryViaDouble(t, x, y, MATH, "pow");
            case FLOOR_DIV -> {
                load(t, x);
                load(t, y);
                mv.visitInsn(t.scalar.getOpcode(IDIV));
                toDouble(t);
                mv.visitMethodInsn(INVOKESTATIC, MATH, "floor", "(D)D", false);
                fromDouble(t);
            }
            case FLOOR_MOD -> {
                load(t, x);
                load(t, y);
                String d = t.scalar.getDescriptor();
                mv.visitMethodInsn(INVOKESTATIC, SCALAR_MATH, "floorMod", "(" + d + d + ")" + d, false);
            }
            case NEG -> {
                load(t, x);
                mv.visitInsn(t.scalar.getOpcode(INEG));
            }
            case ABS -> {
                load(t, x);
                String d = t.scalar.getDescriptor();
                mv.visitMethodInsn(INVOKESTATIC, MATH, "abs", "(" + d + ")" + d, false);
            }
            case SQRT -> unaryViaDouble(t, x, MATH, "sqrt");
            case RSQRT -> {
                mv.visitInsn(DCONST_1);
                load(t, x);
                toDouble(t);
                mv.visitMethodInsn(INVOKESTATIC, MATH, "sqrt", "(D)D", false);
                mv.visitInsn(DDIV);
                fromDouble(t);
            }
            case EXP -> unaryViaDouble(t, x, MATH, "exp");
            case LOG -> unaryViaDouble(t, x, MATH, "log");
            case LOG1P -> unaryViaDouble(t, x, MATH, "log1p");
            case SIN -> unaryViaDouble(t, x, MATH, "sin");
            case COS -> unaryViaDouble(t, x, MATH, "cos");
            case TANH -> unaryViaDouble(t, x, MATH, "tanh");
            case FLOOR -> unaryViaDouble(t, x, MATH, "floor");
            case CEIL -> unaryViaDouble(t, x, MATH, "ceil");
            case RINT -> unaryViaDouble(t, x, MATH, "rint");
            case SIGMOID -> unaryViaDouble(t, x, SCALAR_MATH, "sigmoid");
            case ELU -> unaryViaDouble(t, x, SCALAR_MATH, "elu");
            case SELU -> unaryViaDouble(t, x, SCALAR_MATH, "selu");
            case ERF -> unaryViaDouble(t, x, SCALAR_MATH, "erf");
            case SOFTPLUS -> {
                load(t, x);
                String d = t.scalar.getDescriptor();
                mv.visitMethodInsn(INVOKESTATIC, SCALAR_MATH, t == Lane.F32 ? "softplus32" : "softplus64",
                        "(" + d + ")" + d, false);
            }
            case SIGN -> {
                if (t.isFloating()) {
                    unaryViaDouble(t, x, SCALAR_MATH, "sign");
                } else if (t == Lane.I32) {
                    load(t, x);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "signum", "(I)I", false);
                } else {
                    load(t, x);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "signum", "(J)I", false);
                    mv.visitInsn(I2L);
                }
            }
            case EQ, NE, LT, LE, GT, GE -> scalarCompare(a.op(), xl, x, y);
            case IS_NAN, IS_INF, IS_FINITE -> {
                load(xl, x);
                String owner = xl == Lane.F32 ? "java/lang/Float" : "java/lang/Double";
                String name = a.op() == LaneOp.IS_NAN ? "isNaN" : a.op() == LaneOp.IS_INF ? "isInfinite" : "isFinite";
                mv.visitMethodInsn(INVOKESTATIC, owner, name, "(" + xl.scalar.getDescriptor() + ")Z", false);
            }
            case NOT -> {
                load(Lane.BOOL, x);
                mv.visitInsn(ICONST_1);
                mv.visitInsn(IXOR);
            }
            case AND, OR -> {
                load(Lane.BOOL, x);
                load(Lane.BOOL, y);
                mv.visitInsn(a.op() == LaneOp.AND ? IAND : IOR);
            }
            case SELECT -> {
                int z = locals[a.args().get(2)];
                Label otherwise = new Label();
                Label done = new Label();
                int tmp = newLocal(t.local());
                load(Lane.BOOL, x);
                mv.visitJumpInsn(IFEQ, otherwise);
                load(t, y);
                mv.visitVarInsn(t.local().getOpcode(ISTORE), tmp);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(otherwise);
                load(t, z);
                mv.visitVarInsn(t.local().getOpcode(ISTORE), tmp);
                mv.visitLabel(done);
                load(t, tmp);
            }
            case CONVERT -> scalarConvert(xl, t, x);
            case INT_DIV, INT_FLOOR_DIV, INT_FLOOR_MOD, INT_POW -> {
                load(t, x);
                load(t, y);
                mv.visitLdcInsn(a.opName());
                String d = t.scalar.getDescriptor();
                String name = switch (a.op()) {
                    case INT_DIV -> "div";
                    case INT_FLOOR_DIV -> "floorDiv";
                    case INT_FLOOR_MOD -> "floorMod";
                    default -> "pow";
                };
                mv.visitMethodInsn(INVOKESTATIC, SCALAR_MATH, name, "(" + d + d + "Ljava/lang/String;)" + d, false);
            }
        }
    }

    private void unaryViaDouble(Lane t, int x, String owner, String name) {
        load(t, x);
        toDouble(t);
        mv.visitMethodInsn(INVOKESTATIC, owner, name, "(D)D", false);
        fromDouble(t);
    }

    private void binaryViaDouble(Lane t, int x, int y, String owner, String name) {
        load(t, x);
        toDouble(t);
        load(t, y);
        toDouble(t);
        mv.visitMethodInsn(INVOKESTATIC, owner, name, "(DD)D", false);
        fromDouble(t);
    }

    private void toDouble(Lane t) {
        if (t == Lane.F32) {
            mv.visitInsn(F2D);
        }
    }

    private void fromDouble(Lane t) {
        if (t == Lane.F32) {
            mv.visitInsn(D2F);
        }
    }

    /** Pushes 1 or 0. NaN compares false except for NE, as in Java. */
    private void scalarCompare(LaneOp op, Lane l, int x, int y) {
        load(l, x);
        load(l, y);
        Label yes = new Label();
        Label done = new Label();
        int jump;
        if (l == Lane.I32 || l == Lane.BOOL) {
            jump = switch (op) {
                case EQ -> IF_ICMPEQ;
                case NE -> IF_ICMPNE;
                case LT -> IF_ICMPLT;
                case LE -> IF_ICMPLE;
                case GT -> IF_ICMPGT;
                default -> IF_ICMPGE;
            };
        } else {
            // fcmpg gives 1 on NaN (so < and <= fail), fcmpl gives -1 (so > and >= fail).
            int cmp = switch (l) {
                case F32 -> op == LaneOp.LT || op == LaneOp.LE ? FCMPG : FCMPL;
                case F64 -> op == LaneOp.LT || op == LaneOp.LE ? DCMPG : DCMPL;
                default -> LCMP;
            };
            mv.visitInsn(cmp);
            jump = switch (op) {
                case EQ -> IFEQ;
                case NE -> IFNE;
                case LT -> IFLT;
                case LE -> IFLE;
                case GT -> IFGT;
                default -> IFGE;
            };
        }
        mv.visitJumpInsn(jump, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
    }

    private void scalarConvert(Lane from, Lane to, int x) {
        if (to == Lane.BOOL) {
            int zero = newLocal(from.local());
            pushScalarConstant(from, 0, 0);
            mv.visitVarInsn(from.local().getOpcode(ISTORE), zero);
            scalarCompare(LaneOp.NE, from, x, zero);
            return;
        }
        load(from, x);
        Lane src = from == Lane.BOOL ? Lane.I32 : from;
        if (src == to) {
            return;
        }
        int op = switch (src) {
            case F32 -> to == Lane.F64 ? F2D : to == Lane.I32 ? F2I : F2L;
            case F64 -> to == Lane.F32 ? D2F : to == Lane.I32 ? D2I : D2L;
            case I32 -> to == Lane.F32 ? I2F : to == Lane.F64 ? I2D : I2L;
            default -> to == Lane.F32 ? L2F : to == Lane.F64 ? L2D : L2I;
        };
        mv.visitInsn(op);
    }

    // ---------------------------------------------------------------- vector body

    private void vectorBody() {
        List<Step> steps = k.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (hoisted[i]) {
                continue;
            }
            Step s = steps.get(i);
            Lane lane = Lane.of(s.type());
            switch (s) {
                case Step.Load l -> {
                    if (lane == Lane.BOOL) {
                        species(maskHome[i]);
                        mv.visitVarInsn(ALOAD, arrayLocal[l.input()]);
                        pushIndex(l.input());
                        mv.visitMethodInsn(INVOKESTATIC, MASK, "fromArray", "(" + SPECIES + "[ZI)" + MASK_D, false);
                    } else {
                        species(lane);
                        mv.visitVarInsn(ALOAD, arrayLocal[l.input()]);
                        pushIndex(l.input());
                        mv.visitMethodInsn(INVOKESTATIC, lane.vectorClass, "fromArray",
                                "(" + SPECIES + lane.array() + "I)" + lane.vectorDescriptor(), false);
                    }
                    vLocal[i] = store();
                }
                case Step.Apply a -> vLocal[i] = vectorApply(i, a);
                case Step.Constant c -> throw new IllegalStateException("constants are hoisted");
            }
        }
        if (k.reduction() != null) {
            int out = vLocal[k.outputs().get(0)];
            Lane lane = Lane.of(k.outputType(0));
            mv.visitVarInsn(ALOAD, accVector);
            checkcast(lane);
            binaryOperator(k.reduction() == Reduction.MAX ? "MAX" : "ADD");
            mv.visitVarInsn(ALOAD, out);
            lanewiseBinary(lane);
            mv.visitVarInsn(ASTORE, accVector);
            return;
        }
        for (int o = 0; o < outLocal.length; o++) {
            Lane lane = Lane.of(k.outputType(o));
            int step = k.outputs().get(o);
            mv.visitVarInsn(ALOAD, vLocal[step]);
            if (lane == Lane.BOOL) {
                mv.visitTypeInsn(CHECKCAST, MASK);
                mv.visitVarInsn(ALOAD, outLocal[o]);
                pushOutIndex();
                mv.visitMethodInsn(INVOKEVIRTUAL, MASK, "intoArray", "([ZI)V", false);
            } else {
                checkcast(lane);
                mv.visitVarInsn(ALOAD, outLocal[o]);
                pushOutIndex();
                mv.visitMethodInsn(INVOKEVIRTUAL, lane.vectorClass, "intoArray", "(" + lane.array() + "I)V", false);
            }
        }
    }

    private int store() {
        int local = newLocal(Type.getObjectType("java/lang/Object"));
        mv.visitVarInsn(ASTORE, local);
        return local;
    }

    private void checkcast(Lane lane) {
        mv.visitTypeInsn(CHECKCAST, lane == Lane.BOOL ? MASK : lane.vectorClass);
    }

    /** Loads a vector local typed as the lane's vector class. */
    private void vload(Lane lane, int local) {
        mv.visitVarInsn(ALOAD, local);
        checkcast(lane);
    }

    /** Loads mask step {@code step} as a mask of {@code target}'s species. */
    private void maskAs(int step, Lane target) {
        mv.visitVarInsn(ALOAD, vLocal[step]);
        mv.visitTypeInsn(CHECKCAST, MASK);
        if (maskHome[step] != target) {
            species(target);
            mv.visitMethodInsn(INVOKEVIRTUAL, MASK, "cast", "(" + SPECIES + ")" + MASK_D, false);
        }
    }

    private void operator(String name) {
        Class<?> type;
        try {
            type = Class.forName("jdk.incubator.vector.VectorOperators").getField(name).getType();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("VectorOperators." + name + " is missing", e);
        }
        mv.visitFieldInsn(GETSTATIC, VP + "VectorOperators", name, Type.getDescriptor(type));
    }

    private void binaryOperator(String name) {
        operator(name);
    }

    private void lanewiseBinary(Lane lane) {
        mv.visitMethodInsn(INVOKEVIRTUAL, lane.vectorClass, "lanewise",
                "(L" + VP + "VectorOperators$Binary;" + VECTOR_D + ")" + lane.vectorDescriptor(), false);
    }

    private int vUnary(Lane lane, String op, int src) {
        vload(lane, src);
        operator(op);
        mv.visitMethodInsn(INVOKEVIRTUAL, lane.vectorClass, "lanewise",
                "(L" + VP + "VectorOperators$Unary;)" + lane.vectorDescriptor(), false);
        return store();
    }

    /** A float32 function of {@code dev.kiln.codegen.rt.FloatVectorFunctions}, its bytecode copied in. */
    private int vFunction(String name, int src) {
        vload(Lane.F32, src);
        FunctionInliner.inline(mv, name, n -> {
            int at = nextLocal;
            nextLocal += n;
            return at;
        });
        return store();
    }

    private int vBinary(Lane lane, String op, int a, int b) {
        vload(lane, a);
        operator(op);
        vload(lane, b);
        lanewiseBinary(lane);
        return store();
    }

    /** A vector constant the vector body uses, broadcast once before the loop into {@code local}. */
    private record VectorConstant(Lane lane, double value, int local) {}

    /** The local holding {@code value} broadcast to {@code lane}'s species (see {@link #loop}). */
    private int vConst(Lane lane, double value) {
        for (VectorConstant c : vectorConstants) {
            if (c.lane() == lane && Double.compare(c.value(), value) == 0) {
                return c.local();
            }
        }
        int local = newLocal(Type.getObjectType("java/lang/Object"));
        vectorConstants.add(new VectorConstant(lane, value, local));
        return local;
    }

    /** A mask local comparing two vector locals of {@code lane}. */
    private int vCompare(Lane lane, String op, int a, int b) {
        vload(lane, a);
        operator(op);
        vload(lane, b);
        mv.visitMethodInsn(INVOKEVIRTUAL, lane.vectorClass, "compare",
                "(L" + VP + "VectorOperators$Comparison;" + VECTOR_D + ")" + MASK_D, false);
        return store();
    }

    /** {@code x} where the mask local (of {@code lane}'s species) is set, {@code y} elsewhere. */
    private int vBlend(Lane lane, int y, int x, int maskLocal) {
        vload(lane, y);
        vload(lane, x);
        mv.visitVarInsn(ALOAD, maskLocal);
        mv.visitTypeInsn(CHECKCAST, MASK);
        mv.visitMethodInsn(INVOKEVIRTUAL, lane.vectorClass, "blend",
                "(" + VECTOR_D + MASK_D + ")" + lane.vectorDescriptor(), false);
        return store();
    }

    private int vectorApply(int index, Step.Apply a) {
        List<Step> steps = k.steps();
        Lane t = Lane.of(a.type());
        int xs = a.args().get(0);
        Lane xl = Lane.of(steps.get(xs).type());
        int x = vLocal[xs];
        int y = a.args().size() > 1 ? vLocal[a.args().get(1)] : -1;
        if (t == Lane.F32 && (a.op() == LaneOp.EXP || a.op() == LaneOp.TANH || a.op() == LaneOp.SIGMOID)) {
            return vFunction(a.op().name().toLowerCase(java.util.Locale.ROOT), x);
        }
        switch (a.op()) {
            case ADD, SUB, MUL, DIV, MIN, MAX, POW -> {
                return vBinary(t, a.op().name(), x, y);
            }
            case NEG, ABS, SQRT, EXP, LOG, LOG1P, SIN, COS, TANH -> {
                return vUnary(t, a.op().name(), x);
            }
            case RSQRT -> {
                return vBinary(t, "DIV", vConst(t, 1), vUnary(t, "SQRT", x));
            }
            case SIGMOID -> {
                int e = vUnary(t, "EXP", vUnary(t, "NEG", x));
                return vBinary(t, "DIV", vConst(t, 1), vBinary(t, "ADD", vConst(t, 1), e));
            }
            case SIGN -> {
                int zero = vConst(t, 0);
                int r = vBlend(t, x, zero, vCompare(t, "EQ", x, zero));
                r = vBlend(t, r, vConst(t, 1), vCompare(t, "GT", x, zero));
                return vBlend(t, r, vConst(t, -1), vCompare(t, "LT", x, zero));
            }
            case ELU -> {
                return vBlend(t, x, vUnary(t, "EXPM1", x), vCompare(t, "LT", x, vConst(t, 0)));
            }
            case SELU -> {
                int pos = vBinary(t, "MUL", x, vConst(t, t == Lane.F32 ? (float) ScalarMath.SELU_SCALE : ScalarMath.SELU_SCALE));
                double sa = ScalarMath.SELU_SCALE * ScalarMath.SELU_ALPHA;
                int neg = vBinary(t, "MUL", vUnary(t, "EXPM1", x), vConst(t, t == Lane.F32 ? (float) sa : sa));
                return vBlend(t, pos, neg, vCompare(t, "LT", x, vConst(t, 0)));
            }
            case SOFTPLUS -> {
                double th = t == Lane.F32 ? ScalarMath.SOFTPLUS_THRESHOLD_F32 : ScalarMath.SOFTPLUS_THRESHOLD_F64;
                int e = vUnary(t, "EXP", x);
                int log = vUnary(t, "LOG", vBinary(t, "ADD", e, vConst(t, 1)));
                int r = vBlend(t, log, e, vCompare(t, "LT", x, vConst(t, th)));
                return vBlend(t, r, x, vCompare(t, "GT", x, vConst(t, -th)));
            }
            case EQ, NE, LT, LE, GT, GE -> {
                if (xl == Lane.BOOL) {
                    maskAs(xs, maskHome[xs]);
                    maskAs(a.args().get(1), maskHome[xs]);
                    mv.visitMethodInsn(INVOKEVIRTUAL, MASK, "eq", "(" + MASK_D + ")" + MASK_D, false);
                    if (a.op() == LaneOp.NE) {
                        mv.visitMethodInsn(INVOKEVIRTUAL, MASK, "not", "()" + MASK_D, false);
                    }
                    return store();
                }
                return vCompare(xl, a.op().name(), x, y);
            }
            case IS_NAN, IS_INF, IS_FINITE -> {
                vload(xl, x);
                operator(a.op() == LaneOp.IS_NAN ? "IS_NAN" : a.op() == LaneOp.IS_INF ? "IS_INFINITE" : "IS_FINITE");
                mv.visitMethodInsn(INVOKEVIRTUAL, xl.vectorClass, "test", "(L" + VP + "VectorOperators$Test;)" + MASK_D, false);
                return store();
            }
            case NOT -> {
                maskAs(xs, maskHome[index]);
                mv.visitMethodInsn(INVOKEVIRTUAL, MASK, "not", "()" + MASK_D, false);
                return store();
            }
            case AND, OR -> {
                maskAs(xs, maskHome[index]);
                maskAs(a.args().get(1), maskHome[index]);
                mv.visitMethodInsn(INVOKEVIRTUAL, MASK, a.op() == LaneOp.AND ? "and" : "or", "(" + MASK_D + ")" + MASK_D, false);
                return store();
            }
            case SELECT -> {
                int ys = a.args().get(1);
                int zs = a.args().get(2);
                if (t == Lane.BOOL) {
                    Lane home = maskHome[index];
                    maskAs(xs, home);
                    maskAs(ys, home);
                    mv.visitMethodInsn(INVOKEVIRTUAL, MASK, "and", "(" + MASK_D + ")" + MASK_D, false);
                    maskAs(xs, home);
                    mv.visitMethodInsn(INVOKEVIRTUAL, MASK, "not", "()" + MASK_D, false);
                    maskAs(zs, home);
                    mv.visitMethodInsn(INVOKEVIRTUAL, MASK, "and", "(" + MASK_D + ")" + MASK_D, false);
                    mv.visitMethodInsn(INVOKEVIRTUAL, MASK, "or", "(" + MASK_D + ")" + MASK_D, false);
                    return store();
                }
                vload(t, vLocal[zs]);
                vload(t, vLocal[ys]);
                maskAs(xs, t);
                mv.visitMethodInsn(INVOKEVIRTUAL, t.vectorClass, "blend",
                        "(" + VECTOR_D + MASK_D + ")" + t.vectorDescriptor(), false);
                return store();
            }
            case CONVERT -> {
                if (t == Lane.BOOL) {
                    return vCompare(xl, "NE", x, vConst(xl, 0));
                }
                if (xl == Lane.BOOL) {
                    maskAs(xs, t);
                    int m = store();
                    return vBlend(t, vConst(t, 0), vConst(t, 1), m);
                }
                vload(xl, x);
                operator(xl.conversionLetter() + "2" + t.conversionLetter());
                species(t);
                mv.visitInsn(ICONST_0);
                mv.visitMethodInsn(INVOKEVIRTUAL, xl.vectorClass, "convertShape",
                        "(L" + VP + "VectorOperators$Conversion;" + SPECIES + "I)" + VECTOR_D, false);
                checkcast(t);
                return store();
            }
            default -> throw new IllegalStateException(a.op() + " has no vector form");
        }
    }

    // ---------------------------------------------------------------- reductions

    private void initAccumulators(Reduction red, DType type) {
        Lane lane = Lane.of(type);
        species(lane);
        pushScalarConstant(lane, red == Reduction.MAX ? Double.NEGATIVE_INFINITY : 0, 0);
        mv.visitMethodInsn(INVOKESTATIC, lane.vectorClass, "broadcast",
                "(" + SPECIES + lane.scalar.getDescriptor() + ")" + lane.vectorDescriptor(), false);
        mv.visitVarInsn(ASTORE, accVector);
    }

    /**
     * Adds the vector accumulator's lanes to the running value. A sum adds lane by lane in lane order:
     * {@code reduceLanes(ADD)} may associate differently in compiled and interpreted code, and a
     * kernel's result must not depend on whether the JIT has compiled it yet. A max is the same in any order.
     */
    private void foldVectorAccumulator(Reduction red, DType type) {
        Lane lane = Lane.of(type);
        if (red == Reduction.MAX) {
            vload(lane, accVector);
            operator("MAX");
            mv.visitMethodInsn(INVOKEVIRTUAL, lane.vectorClass, "reduceLanes",
                    "(L" + VP + "VectorOperators$Associative;)" + lane.scalar.getDescriptor(), false);
            toDouble(lane);
            int lanesValue = newLocal(Type.DOUBLE_TYPE);
            mv.visitVarInsn(DSTORE, lanesValue);
            mv.visitVarInsn(DLOAD, accScalar);
            mv.visitVarInsn(DLOAD, lanesValue);
            mv.visitMethodInsn(INVOKESTATIC, SCALAR_MATH, "maxKeepingNaN", "(DD)D", false);
            mv.visitVarInsn(DSTORE, accScalar);
            return;
        }
        for (int l = 0; l < lanes; l++) {
            mv.visitVarInsn(DLOAD, accScalar);
            vload(lane, accVector);
            mv.visitLdcInsn(l);
            mv.visitMethodInsn(INVOKEVIRTUAL, lane.vectorClass, "lane", "(I)" + lane.scalar.getDescriptor(), false);
            toDouble(lane);
            mv.visitInsn(DADD);
            mv.visitVarInsn(DSTORE, accScalar);
        }
    }

    /** Sums in double (as the reference kernel does); max keeps the first NaN. */
    private void accumulateScalar(Reduction red, int valueLocal, Lane lane) {
        mv.visitVarInsn(DLOAD, accScalar);
        load(lane, valueLocal);
        toDouble(lane);
        if (red == Reduction.MAX) {
            mv.visitMethodInsn(INVOKESTATIC, SCALAR_MATH, "maxKeepingNaN", "(DD)D", false);
        } else {
            mv.visitInsn(DADD);
        }
        mv.visitVarInsn(DSTORE, accScalar);
    }
}
