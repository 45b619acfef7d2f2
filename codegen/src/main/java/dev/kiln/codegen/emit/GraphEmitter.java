package dev.kiln.codegen.emit;

import static org.objectweb.asm.Opcodes.*;

import dev.kiln.codegen.loop.Access;
import dev.kiln.codegen.plan.Block;
import dev.kiln.codegen.plan.Instr;
import dev.kiln.codegen.rt.FrameBuffers;
import dev.kiln.codegen.rt.GraphCode;
import dev.kiln.codegen.rt.InterpretedNode;
import dev.kiln.codegen.rt.Layout;
import dev.kiln.codegen.rt.NodeSites;
import dev.kiln.codegen.rt.Printing;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import dev.kiln.ir.Value;
import dev.kiln.runtime.IntoKernel;
import dev.kiln.runtime.PureKernel;
import dev.kiln.runtime.RandomKernel;
import dev.kiln.runtime.RandomSource;
import dev.kiln.runtime.RandomStream;
import dev.kiln.runtime.VariableKernel;
import dev.kiln.runtime.VariableSlot;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Emits a planned graph as a hidden class implementing {@link GraphCode}: one {@code call} method
 * that runs the instructions in order with every value in a local. Constants (literals, kernels,
 * attributes, layouts) are class data, loaded with {@code ldc} of dynamic constants bootstrapped by
 * {@link MethodHandles#classDataAt}, which the JIT treats as true constants. Values the block's plan
 * gives a frame slot are written into that slot's array ({@link FrameBuffers}) instead of a new one.
 */
public final class GraphEmitter {
    private static final String LITERAL = Type.getInternalName(Literal.class);
    private static final String LITERAL_D = Type.getDescriptor(Literal.class);
    private static final String SHAPE_D = Type.getDescriptor(Shape.class);
    private static final String DTYPE = Type.getInternalName(DType.class);
    private static final String LAYOUT = Type.getInternalName(Layout.class);
    private static final String ATTRS_D = Type.getDescriptor(Attributes.class);
    private static final String SLOT = Type.getInternalName(VariableSlot.class);
    private static final String INTO = Type.getInternalName(IntoKernel.class);
    private static final String FRAME_BUFFERS = Type.getInternalName(FrameBuffers.class);
    /** The local holding the call's arguments. */
    private static final int ARGS = 1;
    /** The local holding the call frame's buffers ({@code Object[]}, one per planned slot). */
    private static final int FRAME = 2;
    /** In a split graph, the local holding the environment of values crossing parts ({@link MethodSplit}). */
    private static final int ENV = 3;
    /** HotSpot's {@code HugeMethodLimit}: longer methods are never compiled to machine code. */
    public static final int HUGE_METHOD_LIMIT = 8000;
    private static final String CALL_DESCRIPTOR = "([Ljava/lang/Object;[Ljava/lang/Object;)[Ljava/lang/Object;";
    private static final String PART_DESCRIPTOR = "([Ljava/lang/Object;[Ljava/lang/Object;[Ljava/lang/Object;)V";
    private static final Handle CLASS_DATA_AT = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles", "classDataAt",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;", false);

    /** An emitted graph: the instance to call and every class it uses, graph class first. */
    public record Emitted(GraphCode code, List<GeneratedClass> classes) {}

    private final List<Object> classData = new ArrayList<>();
    private final Map<Value, Integer> locals = new IdentityHashMap<>();
    /** Frame slots of the planned values of every block emitted so far (values are unique across blocks). */
    private final Map<Value, Integer> slots = new IdentityHashMap<>();
    private final Set<GeneratedClass> kernelClasses = new LinkedHashSet<>();
    private final NodeSites sites = new NodeSites();
    private MethodVisitor mv;
    private int nextLocal;
    private int atLocal;
    private Label tryEnd;
    /** The borrowed variable reads of the method being emitted, and the top-level instruction being emitted. */
    private Borrowing borrowing;
    private int current = -1;
    /** The end of the last method's code, for {@link #measure}. */
    private Label methodEnd;

    private GraphEmitter() {}

    /** Emits and defines the graph class for {@code body}. */
    public static Emitted emit(String graphName, Block body) {
        return emit(graphName, body, HUGE_METHOD_LIMIT);
    }

    /**
     * Emits and defines the graph class for {@code body}, in one {@code call} method when its code is at
     * most {@code methodLimit} bytes, else cut into parts of about three quarters of that ({@link MethodSplit}).
     */
    public static Emitted emit(String graphName, Block body, int methodLimit) {
        int[] sizes = new GraphEmitter().measure(body);
        int callLength = sizes[sizes.length - 1];
        MethodSplit split = callLength > methodLimit && body.instrs().size() > 1
                ? MethodSplit.of(body, sizes, methodLimit * 3 / 4)
                : null;
        GraphEmitter e = new GraphEmitter();
        GeneratedClass c = e.emitClass(graphName, body, split);
        MethodHandles.Lookup lookup = ClassDefiner.defineHidden(c, List.copyOf(e.classData));
        GraphCode code;
        try {
            code = (GraphCode) lookup.findConstructor(lookup.lookupClass(),
                    java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot instantiate the class of graph @" + graphName, t);
        }
        List<GeneratedClass> classes = new ArrayList<>();
        classes.add(c);
        classes.addAll(e.kernelClasses);
        return new Emitted(code, classes);
    }

    /**
     * The code sizes of the block emitted as one {@code call} method: each top-level instruction's, then
     * the whole method's. A writer without stack map frames does it: they are what emission costs most.
     */
    private int[] measure(Block body) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, "dev/kiln/codegen/emit/Sizing", null, "java/lang/Object",
                null);
        List<Label> marks = new ArrayList<>();
        wholeCall(cw, body, marks);
        int[] sizes = new int[marks.size()];
        for (int i = 0; i + 1 < marks.size(); i++) {
            sizes[i] = marks.get(i + 1).getOffset() - marks.get(i).getOffset();
        }
        sizes[sizes.length - 1] = methodEnd.getOffset();
        return sizes;
    }

    private GeneratedClass emitClass(String graphName, Block body, MethodSplit split) {
        String name = "dev/kiln/codegen/emit/Graph_" + graphName.replaceAll("[^A-Za-z0-9_]", "_");
        ClassWriter cw = new FrameComputingWriter();
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object",
                new String[] {Type.getInternalName(GraphCode.class)});
        cw.visitSource("@" + graphName, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        if (split == null) {
            wholeCall(cw, body, null);
        } else {
            splitCall(cw, name, body, split);
        }
        cw.visitEnd();
        return new GeneratedClass(name, cw.toByteArray());
    }

    /** The whole block in {@code call}; with {@code marks}, a label before each top-level instruction and after the last. */
    private void wholeCall(ClassWriter cw, Block body, List<Label> marks) {
        Label handler = beginMethod(cw, ACC_PUBLIC | ACC_FINAL, "call", CALL_DESCRIPTOR, FRAME + 1, body, 0,
                body.instrs().size());
        List<Value> params = body.params();
        for (int i = 0; i < params.size(); i++) {
            mv.visitVarInsn(ALOAD, ARGS);
            push(i);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ASTORE, local(params.get(i)));
        }
        instrs(body, 0, body.instrs().size(), marks, true);
        returnResults(body.results(), null, null);
        endMethod(handler);
    }

    /** {@code call} runs the parts one after another on a new environment, each part a method of its own. */
    private void splitCall(ClassWriter cw, String className, Block body, MethodSplit split) {
        Map<Value, Integer> paramIndex = new IdentityHashMap<>();
        for (int i = 0; i < body.params().size(); i++) {
            paramIndex.putIfAbsent(body.params().get(i), i);
        }
        mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "call", CALL_DESCRIPTOR, null, null);
        mv.visitCode();
        push(split.envSize());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        mv.visitVarInsn(ASTORE, ENV);
        for (int p = 0; p < split.parts().size(); p++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, ARGS);
            mv.visitVarInsn(ALOAD, FRAME);
            mv.visitVarInsn(ALOAD, ENV);
            mv.visitMethodInsn(INVOKESPECIAL, className, "part" + p, PART_DESCRIPTOR, false);
        }
        locals.clear();
        returnResults(body.results(), paramIndex, split.env());
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        for (int p = 0; p < split.parts().size(); p++) {
            MethodSplit.Part part = split.parts().get(p);
            Label handler = beginMethod(cw, ACC_PRIVATE | ACC_FINAL, "part" + p, PART_DESCRIPTOR, ENV + 1, body,
                    part.from(), part.to());
            for (Value v : part.liveIn()) {
                loadHome(v, paramIndex, split.env());
                mv.visitVarInsn(ASTORE, local(v));
            }
            instrs(body, part.from(), part.to(), null, true);
            for (Value v : part.liveOut()) {
                mv.visitVarInsn(ALOAD, ENV);
                push(split.env().get(v));
                mv.visitVarInsn(ALOAD, local(v));
                mv.visitInsn(AASTORE);
            }
            // Let go of what no later part reads, as a single method's dead locals would.
            for (Value v : part.dropped()) {
                mv.visitVarInsn(ALOAD, ENV);
                push(split.env().get(v));
                mv.visitInsn(ACONST_NULL);
                mv.visitInsn(AASTORE);
            }
            mv.visitInsn(RETURN);
            endMethod(handler);
        }
    }

    /** Pushes a value that lives outside the current part: a parameter from the arguments, else from the environment. */
    private void loadHome(Value v, Map<Value, Integer> paramIndex, Map<Value, Integer> env) {
        Integer param = paramIndex.get(v);
        mv.visitVarInsn(ALOAD, param != null ? ARGS : ENV);
        push(param != null ? param : env.get(v));
        mv.visitInsn(AALOAD);
    }

    /**
     * Returns a new array of {@code results}: from their locals, or with {@code paramIndex}, from where
     * {@link #loadHome} finds them.
     */
    private void returnResults(List<Value> results, Map<Value, Integer> paramIndex, Map<Value, Integer> env) {
        push(results.size());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int i = 0; i < results.size(); i++) {
            mv.visitInsn(DUP);
            push(i);
            if (paramIndex == null) {
                mv.visitVarInsn(ALOAD, local(results.get(i)));
            } else {
                loadHome(results.get(i), paramIndex, env);
            }
            mv.visitInsn(AASTORE);
        }
        mv.visitInsn(ARETURN);
    }

    /**
     * Starts a method for instructions {@code [from, to)} of {@code body}, whose code runs inside a handler
     * that names the failing node: locals from {@code firstLocal}, the node number set to none, the flags
     * of its borrowed reads cleared. Returns the handler's label for {@link #endMethod}.
     */
    private Label beginMethod(ClassWriter cw, int access, String name, String descriptor, int firstLocal, Block body,
            int from, int to) {
        mv = cw.visitMethod(access, name, descriptor, null, null);
        mv.visitCode();
        locals.clear();
        Label start = new Label();
        tryEnd = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, tryEnd, handler, "java/lang/RuntimeException");
        nextLocal = firstLocal;
        atLocal = nextLocal++;
        mv.visitInsn(ICONST_M1);
        mv.visitVarInsn(ISTORE, atLocal);
        borrowing = Borrowing.of(body, from, to, this::newLocal);
        for (Borrowing.Read r : borrowing.reads()) {
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, r.flag());
        }
        mv.visitLabel(start);
        return handler;
    }

    /** Ends the method {@link #beginMethod} started, after its return: a failure names the node that was running. */
    private void endMethod(Label handler) {
        mv.visitLabel(tryEnd);
        mv.visitLabel(handler);
        int failure = newLocal();
        mv.visitVarInsn(ASTORE, failure);
        // A failed call gives back what it borrowed, so that later updates may still write in place.
        for (Borrowing.Read r : borrowing.reads()) {
            Label out = new Label();
            mv.visitVarInsn(ILOAD, r.flag());
            mv.visitJumpInsn(IFEQ, out);
            mv.visitVarInsn(ALOAD, ARGS);
            push(r.param());
            mv.visitInsn(AALOAD);
            mv.visitTypeInsn(CHECKCAST, SLOT);
            mv.visitMethodInsn(INVOKEVIRTUAL, SLOT, "giveBack", "()V", false);
            mv.visitLabel(out);
        }
        constant(sites, NodeSites.class);
        mv.visitVarInsn(ALOAD, failure);
        mv.visitVarInsn(ILOAD, atLocal);
        mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(NodeSites.class), "wrap",
                "(Ljava/lang/RuntimeException;I)Ljava/lang/RuntimeException;", false);
        mv.visitInsn(ATHROW);
        methodEnd = new Label();
        mv.visitLabel(methodEnd);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    // ---------------------------------------------------------------- locals and constants

    private int local(Value v) {
        return locals.computeIfAbsent(v, x -> nextLocal++);
    }

    private int newLocal() {
        return nextLocal++;
    }

    private void push(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes {@code value} from the class data, typed as {@code type}. */
    private void constant(Object value, Class<?> type) {
        int index = classData.size();
        classData.add(value);
        mv.visitLdcInsn(new ConstantDynamic("_", Type.getDescriptor(type), CLASS_DATA_AT, index));
    }

    private void loadLiteral(Value v) {
        mv.visitVarInsn(ALOAD, local(v));
        mv.visitTypeInsn(CHECKCAST, LITERAL);
    }

    /** Pushes a new Literal[] of the given values. */
    private void literalArray(List<Value> values) {
        push(values.size());
        mv.visitTypeInsn(ANEWARRAY, LITERAL);
        for (int i = 0; i < values.size(); i++) {
            mv.visitInsn(DUP);
            push(i);
            loadLiteral(values.get(i));
            mv.visitInsn(AASTORE);
        }
    }

    /** With an array on the stack: stores its elements into the results' locals. */
    private void unpack(List<Value> results) {
        int arr = newLocal();
        mv.visitVarInsn(ASTORE, arr);
        for (int i = 0; i < results.size(); i++) {
            mv.visitVarInsn(ALOAD, arr);
            push(i);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ASTORE, local(results.get(i)));
        }
    }

    // ---------------------------------------------------------------- instructions

    private void instr(Instr in) {
        switch (in) {
            case Instr.Constant c -> {
                constant(c.value(), Literal.class);
                mv.visitVarInsn(ASTORE, local(c.result()));
            }
            case Instr.Alias a -> locals.put(a.result(), local(a.source()));
            case Instr.Kernel k -> kernel(k);
            case Instr.CallPure p -> {
                int operands = newLocal();
                literalArray(p.operands());
                mv.visitVarInsn(ASTORE, operands);
                runPure(p.kernel(), operands, p.attrs());
                // A view's result shares its operand's buffer by plan; other kernels are checked.
                releaseShared(p.view() ? List.of() : p.operands(), operands);
                unpack(p.results());
            }
            case Instr.CallInto c -> callInto(c);
            case Instr.ReadVariable r -> {
                Integer flag = current < 0 ? null : borrowing.flag(current);
                mv.visitVarInsn(ALOAD, local(r.slot()));
                mv.visitTypeInsn(CHECKCAST, SLOT);
                mv.visitMethodInsn(INVOKEVIRTUAL, SLOT, flag != null ? "borrow" : "read", "()" + LITERAL_D, false);
                mv.visitVarInsn(ASTORE, local(r.result()));
                if (flag != null) {
                    mv.visitInsn(ICONST_1);
                    mv.visitVarInsn(ISTORE, flag);
                }
            }
            case Instr.CallVariable v -> {
                constant(v.kernel(), VariableKernel.class);
                mv.visitVarInsn(ALOAD, local(v.operands().get(0)));
                mv.visitTypeInsn(CHECKCAST, SLOT);
                literalArray(v.operands().subList(1, v.operands().size()));
                constant(v.attrs(), Attributes.class);
                mv.visitMethodInsn(INVOKEINTERFACE, Type.getInternalName(VariableKernel.class), "run",
                        "(L" + SLOT + ";[" + LITERAL_D + ATTRS_D + ")[" + LITERAL_D, true);
                unpack(v.results());
            }
            case Instr.CallRandom r -> {
                int operands = newLocal();
                literalArray(r.operands());
                mv.visitVarInsn(ASTORE, operands);
                constant(r.kernel(), RandomKernel.class);
                constant(r.stream(), RandomStream.class);
                mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(RandomStream.class), "next",
                        "()" + Type.getDescriptor(RandomSource.class), false);
                mv.visitVarInsn(ALOAD, operands);
                constant(r.attrs(), Attributes.class);
                mv.visitMethodInsn(INVOKEINTERFACE, Type.getInternalName(RandomKernel.class), "run",
                        "(" + Type.getDescriptor(RandomSource.class) + "[" + LITERAL_D + ATTRS_D + ")[" + LITERAL_D, true);
                releaseShared(r.operands(), operands);
                unpack(r.results());
            }
            case Instr.Print p -> {
                constant(p.attrs(), Attributes.class);
                literalArray(p.operands());
                mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(Printing.class), "print",
                        "(" + ATTRS_D + "[" + LITERAL_D + ")V", false);
            }
            case Instr.Interpret i -> interpret(i.node(), i.operands(), i.results(), false);
            case Instr.Cond c -> cond(c);
            case Instr.While w -> loop(w);
        }
    }

    /** Runs an interpreted node; {@code unshared}: as a generated kernel's fallback, whose outputs are new arrays. */
    private void interpret(InterpretedNode node, List<Value> operands, List<Value> results, boolean unshared) {
        int in = newLocal();
        push(operands.size());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int i = 0; i < operands.size(); i++) {
            mv.visitInsn(DUP);
            push(i);
            mv.visitVarInsn(ALOAD, local(operands.get(i)));
            mv.visitInsn(AASTORE);
        }
        mv.visitVarInsn(ASTORE, in);
        constant(node, InterpretedNode.class);
        mv.visitVarInsn(ALOAD, in);
        mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(InterpretedNode.class), unshared ? "runUnshared" : "run",
                "([Ljava/lang/Object;)[Ljava/lang/Object;", false);
        releaseShared(operands, in);
        unpack(results);
    }

    // ---------------------------------------------------------------- frame buffers

    private int slotOf(Value v) {
        return slots.getOrDefault(v, -1);
    }

    private boolean anyPlanned(List<Value> values) {
        for (Value v : values) {
            if (slotOf(v) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * With a kernel's results (an array of Literals) on the stack, leaves it there after letting go of
     * the slot of each planned operand whose array a result shares ({@code FrameBuffers.release}).
     *
     * @param arrayLocal the local holding the operands as an array
     */
    private void releaseShared(List<Value> operands, int arrayLocal) {
        if (!anyPlanned(operands)) {
            return;
        }
        int[] slotsOf = new int[operands.size()];
        for (int i = 0; i < slotsOf.length; i++) {
            slotsOf[i] = slotOf(operands.get(i));
        }
        int out = newLocal();
        mv.visitVarInsn(ASTORE, out);
        mv.visitVarInsn(ALOAD, FRAME);
        constant(slotsOf, int[].class);
        mv.visitVarInsn(ALOAD, arrayLocal);
        mv.visitVarInsn(ALOAD, out);
        mv.visitMethodInsn(INVOKESTATIC, FRAME_BUFFERS, "release",
                "([Ljava/lang/Object;[I[Ljava/lang/Object;[Ljava/lang/Object;)V", false);
        mv.visitVarInsn(ALOAD, out);
    }

    /**
     * Pushes a primitive array of {@code t} with the int on the stack as its length: value {@code v}'s
     * buffer from the frame when it is planned, else a new array.
     */
    private void buffer(Value v, DType t) {
        int slot = slotOf(v);
        if (slot < 0) {
            newArray(t);
            return;
        }
        int n = newLocal();
        mv.visitVarInsn(ISTORE, n);
        mv.visitVarInsn(ALOAD, FRAME);
        push(slot);
        mv.visitVarInsn(ILOAD, n);
        String name = switch (t) {
            case FLOAT32 -> "floats";
            case FLOAT64 -> "doubles";
            case INT32 -> "ints";
            case INT64 -> "longs";
            case BOOL -> "booleans";
            case UINT8 -> "bytes";
        };
        mv.visitMethodInsn(INVOKESTATIC, FRAME_BUFFERS, name,
                "([Ljava/lang/Object;II)" + Type.getDescriptor(Literal.arrayClass(t)), false);
    }

    /** Runs a pure kernel on the Literal[] in {@code operands}, leaving its results on the stack. */
    private void runPure(PureKernel kernel, int operands, Attributes attrs) {
        constant(kernel, PureKernel.class);
        mv.visitVarInsn(ALOAD, operands);
        constant(attrs, Attributes.class);
        mv.visitMethodInsn(INVOKEINTERFACE, Type.getInternalName(PureKernel.class), "run",
                "([" + LITERAL_D + ATTRS_D + ")[" + LITERAL_D, true);
    }

    /**
     * A runtime kernel's into form: the result shape first (null: the pure kernel runs instead), then
     * the result written into its buffer.
     */
    private void callInto(Instr.CallInto c) {
        int operands = newLocal();
        literalArray(c.operands());
        mv.visitVarInsn(ASTORE, operands);
        int shape = newLocal();
        constant(c.into(), IntoKernel.class);
        mv.visitVarInsn(ALOAD, operands);
        constant(c.attrs(), Attributes.class);
        mv.visitMethodInsn(INVOKEINTERFACE, INTO, "resultShape", "([" + LITERAL_D + ATTRS_D + ")" + SHAPE_D, true);
        mv.visitVarInsn(ASTORE, shape);
        Label into = new Label();
        Label done = new Label();
        mv.visitVarInsn(ALOAD, shape);
        mv.visitJumpInsn(IFNONNULL, into);
        runPure(c.kernel(), operands, c.attrs());
        releaseShared(c.operands(), operands);
        unpack(List.of(c.result()));
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(into);
        DType t = ((dev.kiln.ir.TensorType) c.result().type()).dtype();
        int out = newLocal();
        mv.visitVarInsn(ALOAD, shape);
        mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(Shape.class), "size", "()I", false);
        buffer(c.result(), t);
        mv.visitVarInsn(ASTORE, out);
        constant(c.into(), IntoKernel.class);
        mv.visitVarInsn(ALOAD, operands);
        constant(c.attrs(), Attributes.class);
        mv.visitVarInsn(ALOAD, shape);
        mv.visitVarInsn(ALOAD, out);
        mv.visitMethodInsn(INVOKEINTERFACE, INTO, "runInto", "([" + LITERAL_D + ATTRS_D + SHAPE_D + "Ljava/lang/Object;)V",
                true);
        mv.visitFieldInsn(GETSTATIC, DTYPE, t.name(), "L" + DTYPE + ";");
        mv.visitVarInsn(ALOAD, shape);
        mv.visitVarInsn(ALOAD, out);
        mv.visitMethodInsn(INVOKESTATIC, LITERAL, "wrap", "(L" + DTYPE + ";" + SHAPE_D + "Ljava/lang/Object;)" + LITERAL_D,
                false);
        mv.visitVarInsn(ASTORE, local(c.result()));
        mv.visitLabel(done);
    }

    /** The block's instructions, each after noting its node for error messages. */
    private void instrs(Block b) {
        instrs(b, 0, b.instrs().size(), null, false);
    }

    /**
     * Instructions {@code [from, to)} of the block; with {@code marks}, a label before each and after the
     * last. Those of the {@code top}-level block borrow the reads the method's {@link Borrowing} plans.
     */
    private void instrs(Block b, int from, int to, List<Label> marks, boolean top) {
        slots.putAll(b.slots());
        List<Instr> list = b.instrs();
        for (int i = from; i < to; i++) {
            if (marks != null) {
                Label mark = new Label();
                mv.visitLabel(mark);
                marks.add(mark);
            }
            Instr in = list.get(i);
            if (!(in instanceof Instr.Alias) && !(in instanceof Instr.Constant)) {
                // Interpreted nodes note themselves.
                push(in instanceof Instr.Interpret ? -1 : sites.add(b.region(), b.nodeIndices().get(i), b.scope()));
                mv.visitVarInsn(ISTORE, atLocal);
            }
            current = top ? i : -1;
            instr(in);
            if (top) {
                for (Borrowing.Read r : borrowing.releasedAfter(i)) {
                    mv.visitVarInsn(ALOAD, local(r.slot()));
                    mv.visitTypeInsn(CHECKCAST, SLOT);
                    mv.visitMethodInsn(INVOKEVIRTUAL, SLOT, "giveBack", "()V", false);
                    mv.visitInsn(ICONST_0);
                    mv.visitVarInsn(ISTORE, r.flag());
                }
            }
        }
        if (marks != null) {
            Label mark = new Label();
            mv.visitLabel(mark);
            marks.add(mark);
        }
    }

    /** Binds a block's parameters to the given locals, runs it, and returns the locals of its results. */
    private int[] block(Block b, int[] args) {
        for (int i = 0; i < args.length; i++) {
            locals.put(b.params().get(i), args[i]);
        }
        instrs(b);
        int[] out = new int[b.results().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = local(b.results().get(i));
        }
        return out;
    }

    private int[] localsOf(List<Value> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = local(values.get(i));
        }
        return out;
    }

    private void copy(int[] from, int[] to) {
        for (int i = 0; i < from.length; i++) {
            mv.visitVarInsn(ALOAD, from[i]);
            mv.visitVarInsn(ASTORE, to[i]);
        }
    }

    private void pushPredicate(int local) {
        mv.visitVarInsn(ALOAD, local);
        mv.visitTypeInsn(CHECKCAST, LITERAL);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKEVIRTUAL, LITERAL, "getBoolean", "(I)Z", false);
    }

    private void cond(Instr.Cond c) {
        int[] args = localsOf(c.inputs());
        int[] results = localsOf(c.results());
        Label otherwise = new Label();
        Label done = new Label();
        pushPredicate(local(c.pred()));
        mv.visitJumpInsn(IFEQ, otherwise);
        copy(block(c.then(), args), results);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(otherwise);
        copy(block(c.otherwise(), args), results);
        mv.visitLabel(done);
    }

    private void loop(Instr.While w) {
        int[] state = new int[w.inputs().size()];
        for (int i = 0; i < state.length; i++) {
            state[i] = newLocal();
            mv.visitVarInsn(ALOAD, local(w.inputs().get(i)));
            mv.visitVarInsn(ASTORE, state[i]);
        }
        Label head = new Label();
        Label exit = new Label();
        mv.visitLabel(head);
        int[] pred = block(w.cond(), state);
        pushPredicate(pred[0]);
        mv.visitJumpInsn(IFEQ, exit);
        int[] next = block(w.body(), state);
        // The body may yield its own parameters: copy through temporaries.
        int[] tmp = new int[next.length];
        for (int i = 0; i < tmp.length; i++) {
            tmp[i] = newLocal();
        }
        copy(next, tmp);
        copy(tmp, state);
        mv.visitJumpInsn(GOTO, head);
        mv.visitLabel(exit);
        for (int i = 0; i < state.length; i++) {
            locals.put(w.results().get(i), state[i]);
        }
    }

    // ---------------------------------------------------------------- kernels

    private void kernel(Instr.Kernel k) {
        KernelCache.Entry entry = k.kernel();
        kernelClasses.add(entry.classFile());
        Layout static_ = k.layout();
        int layout = newLocal();
        Label done = new Label();
        if (static_ == null) {
            constant(k.expected(), Access[].class);
            push(k.reduceRank());
            push(k.keepdims() ? 1 : 0);
            push(k.inputs().size());
            mv.visitTypeInsn(ANEWARRAY, Type.getInternalName(Shape.class));
            for (int i = 0; i < k.inputs().size(); i++) {
                mv.visitInsn(DUP);
                push(i);
                loadLiteral(k.inputs().get(i));
                mv.visitMethodInsn(INVOKEVIRTUAL, LITERAL, "shape", "()" + SHAPE_D, false);
                mv.visitInsn(AASTORE);
            }
            mv.visitMethodInsn(INVOKESTATIC, LAYOUT, "of",
                    "([" + Type.getDescriptor(Access.class) + "IZ[" + SHAPE_D + ")L" + LAYOUT + ";", false);
            mv.visitVarInsn(ASTORE, layout);
            Label run = new Label();
            mv.visitVarInsn(ALOAD, layout);
            mv.visitJumpInsn(IFNONNULL, run);
            interpret(k.fallback(), k.inputs(), k.results(), true);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(run);
        }
        if (static_ != null) {
            // Shapes were known when compiling: check the element counts, so that a value of another
            // shape (which the types rule out) runs the reference code instead of reading wrongly.
            Label run = new Label();
            Label fallback = new Label();
            for (int i = 0; i < k.inputs().size(); i++) {
                loadLiteral(k.inputs().get(i));
                mv.visitMethodInsn(INVOKEVIRTUAL, LITERAL, "size", "()I", false);
                push(((dev.kiln.ir.TensorType) k.inputs().get(i).type()).shape().size());
                mv.visitJumpInsn(IF_ICMPNE, fallback);
            }
            mv.visitJumpInsn(GOTO, run);
            mv.visitLabel(fallback);
            interpret(k.fallback(), k.inputs(), k.results(), true);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(run);
        }
        int outputs = k.outputTypes().size();
        int[] outArrays = new int[outputs];
        for (int o = 0; o < outputs; o++) {
            outArrays[o] = newLocal();
            pushSize(static_, layout);
            int r = k.sources().indexOf(o);
            if (r >= 0) {
                buffer(k.results().get(r), k.outputTypes().get(o));
            } else {
                newArray(k.outputTypes().get(o));
            }
            mv.visitVarInsn(ASTORE, outArrays[o]);
        }
        if (static_ != null) {
            push(static_.rows);
            push(static_.inner);
        } else {
            mv.visitVarInsn(ALOAD, layout);
            mv.visitFieldInsn(GETFIELD, LAYOUT, "rows", "I");
            mv.visitVarInsn(ALOAD, layout);
            mv.visitFieldInsn(GETFIELD, LAYOUT, "inner", "I");
        }
        for (int i = 0; i < k.inputs().size(); i++) {
            loadLiteral(k.inputs().get(i));
            mv.visitMethodInsn(INVOKEVIRTUAL, LITERAL, "data", "()Ljava/lang/Object;", false);
            mv.visitTypeInsn(CHECKCAST, Lane.of(inputType(k, i)).array());
            Access a = k.expected()[i];
            if (a == Access.ROW || a == Access.SPLAT_ROW) {
                if (static_ != null) {
                    constant(static_.bases[i], int[].class);
                } else {
                    mv.visitVarInsn(ALOAD, layout);
                    mv.visitFieldInsn(GETFIELD, LAYOUT, "bases", "[[I");
                    push(i);
                    mv.visitInsn(AALOAD);
                }
            } else {
                mv.visitInsn(ACONST_NULL);
            }
        }
        for (int o = 0; o < outputs; o++) {
            mv.visitVarInsn(ALOAD, outArrays[o]);
        }
        mv.visitMethodInsn(INVOKESTATIC, entry.owner(), entry.method(), entry.descriptor(), false);
        int[] wrapped = new int[outputs];
        for (int o = 0; o < outputs; o++) {
            wrapped[o] = newLocal();
            mv.visitFieldInsn(GETSTATIC, DTYPE, k.outputTypes().get(o).name(), "L" + DTYPE + ";");
            if (static_ != null) {
                constant(static_.shape, Shape.class);
            } else {
                mv.visitVarInsn(ALOAD, layout);
                mv.visitFieldInsn(GETFIELD, LAYOUT, "shape", SHAPE_D);
            }
            mv.visitVarInsn(ALOAD, outArrays[o]);
            mv.visitMethodInsn(INVOKESTATIC, LITERAL, "wrap", "(L" + DTYPE + ";" + SHAPE_D + "Ljava/lang/Object;)" + LITERAL_D,
                    false);
            mv.visitVarInsn(ASTORE, wrapped[o]);
        }
        for (int r = 0; r < k.results().size(); r++) {
            int source = k.sources().get(r);
            int from = source >= 0 ? wrapped[source] : local(k.inputs().get(-source - 1));
            mv.visitVarInsn(ALOAD, from);
            mv.visitVarInsn(ASTORE, local(k.results().get(r)));
        }
        mv.visitLabel(done);
    }

    private static DType inputType(Instr.Kernel k, int i) {
        return ((dev.kiln.ir.TensorType) k.inputs().get(i).type()).dtype();
    }

    private void pushSize(Layout static_, int layout) {
        if (static_ != null) {
            push(static_.size());
        } else {
            mv.visitVarInsn(ALOAD, layout);
            mv.visitMethodInsn(INVOKEVIRTUAL, LAYOUT, "size", "()I", false);
        }
    }

    private void newArray(DType t) {
        int code = switch (t) {
            case FLOAT32 -> T_FLOAT;
            case FLOAT64 -> T_DOUBLE;
            case INT32 -> T_INT;
            case INT64 -> T_LONG;
            case BOOL -> T_BOOLEAN;
            case UINT8 -> T_BYTE;
        };
        mv.visitIntInsn(NEWARRAY, code);
    }
}
