package dev.kiln;

import dev.kiln.InvalidArgumentException;
import dev.kiln.data.Dataset;
import dev.kiln.data.DatasetIterator;
import dev.kiln.ir.DType;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.Type;
import dev.kiln.ir.Value;
import dev.kiln.ir.VariableType;
import dev.kiln.passes.DebugStripper;
import dev.kiln.runtime.data.ResourceHandles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One trace of a {@link PolymorphicFunction}: a graph for one trace type, TensorFlow's
 * {@code ConcreteFunction}. The graph's parameters are the call's tensors and variables in argument
 * order, then the variables the function captured; Java values of the call are frozen into the graph.
 * A concrete function never retraces: calling it with tensors of another type fails.
 *
 * <pre>{@code
 * ConcreteFunction f = tfCube.concreteFunction(TensorSpec.of(DType.FLOAT32, Shape.scalar()));
 * f.graph();                         // the IR
 * f.call(Tf.constant(3f));           // 27.0
 * f.call(Tf.constant(3));            // InvalidArgumentException: expects f32[]
 * }</pre>
 */
public final class ConcreteFunction {
    private final Graph graph;
    private final Graph optimizedGraph;
    private final Graph replayGraph;
    private final GraphOptimizerOptions optimizerOptions;
    private final TraceKey key;
    private final int leafCount;
    private final Variable[] captured;
    /** Host views of datasets the function closes over: their handles in the graph stay valid while it lives. */
    private final List<Object> resources;
    private final OutputStructure outputs;
    private final Executable executable;
    /** Calls this function ran, directly or for its polymorphic function (for the trace cache view). */
    private final LongAdder calls = new LongAdder();
    /** How many calls replayed the graph op by op instead of running the executable. */
    private final LongAdder replays = new LongAdder();

    ConcreteFunction(TracingContext.Trace trace, TraceKey key, int leafCount, boolean compile,
            GraphOptimizerOptions optimizerOptions) {
        this.graph = trace.graph();
        this.key = key;
        this.leafCount = leafCount;
        this.captured = trace.captured().toArray(Variable[]::new);
        this.resources = trace.resources();
        this.outputs = trace.outputs();
        this.optimizerOptions = optimizerOptions;
        // The O2 pipeline runs on the trace, which already holds its backward pass; compile = false
        // (@Function(compile = false)) runs the trace as it is.
        this.optimizedGraph = compile ? optimizerOptions.pipeline().run(graph).graph() : graph;
        // Replays (under a tape, or inlined into another trace) run the trace op by op; they leave out
        // the debugging ops too when the optimized graph does.
        this.replayGraph = compile && optimizerOptions.isOn("debug_stripper") ? new DebugStripper().run(graph).graph()
                : graph;
        this.executable = Executable.of(optimizedGraph, compile);
    }

    /** The traced graph. */
    public Graph graph() {
        return graph;
    }

    /**
     * The graph calls execute: the trace after the O2 optimization pipeline (folding, pruning, common
     * subexpressions, simplification, loop optimization, fusions; as switched by the function's
     * {@link GraphOptimizerOptions}), or the trace itself when compilation is off.
     */
    public Graph optimizedGraph() {
        return optimizedGraph;
    }

    public String name() {
        return graph.name();
    }

    /** The graph optimizations that made {@link #optimizedGraph()} (when compilation is on). */
    public GraphOptimizerOptions optimizerOptions() {
        return optimizerOptions;
    }

    TraceKey key() {
        return key;
    }

    OutputStructure outputs() {
        return outputs;
    }

    /** How many parameters take the call's tensors and variables (the rest are captured variables). */
    int leafCount() {
        return leafCount;
    }

    /** The variables the function uses without receiving them as arguments, in first-use order. */
    public List<Variable> capturedVariables() {
        return List.of(captured);
    }

    /**
     * The types of the arguments a call passes, TensorFlow's {@code structured_input_signature}: one spec per
     * tensor argument (variables show their value's type), named after the parameter.
     */
    public List<TensorSpec> inputSignature() {
        List<TensorSpec> out = new ArrayList<>(leafCount);
        List<Value> params = graph.params();
        for (int i = 0; i < leafCount; i++) {
            Value p = params.get(i);
            TensorType t = p.type() instanceof VariableType v ? v.value() : p.tensorType();
            out.add(TensorSpec.of(t).withName(p.nameHint()));
        }
        return out;
    }

    /** One spec per result, TensorFlow's {@code structured_outputs} (flattened). */
    public List<TensorSpec> outputSpecs() {
        return graph.results().stream().map(v -> TensorSpec.of(v.tensorType())).toList();
    }

    /**
     * Runs the graph on its tensor and variable arguments in order (Java values of the traced call are
     * frozen and not passed again; other Java values are converted to the parameter's dtype).
     *
     * @return the single tensor result, or null when the function returns nothing
     * @throws IllegalArgumentException when the number of arguments differs
     * @throws InvalidArgumentException when an argument does not fit its parameter's type
     */
    public Tensor call(Object... args) {
        try (CallLeaves leaves = checked(args)) {
            return PolymorphicFunction.single(outputs.rebuild(invoke(leaves)), name());
        }
    }

    /** {@link #call} for functions returning several tensors: all results in order. */
    public List<Tensor> callList(Object... args) {
        try (CallLeaves leaves = checked(args)) {
            return invoke(leaves);
        }
    }

    private CallLeaves checked(Object[] args) {
        if (args.length != leafCount) {
            throw new IllegalArgumentException("@" + name() + " takes " + leafCount + " tensor or variable arguments ("
                    + inputSignature() + "), got " + args.length);
        }
        List<Value> params = graph.params();
        CallLeaves leaves = new CallLeaves(args.length);
        try {
            for (int i = 0; i < args.length; i++) {
                Type type = params.get(i).type();
                Object a = args[i];
                if (a instanceof Dataset || a instanceof DatasetIterator) {
                    // A dataset parameter is its handle; the iterator ops check the elements' types when they run.
                    if (!(type instanceof TensorType t) || !t.equals(TensorType.of(DType.INT64))) {
                        throw new InvalidArgumentException("@" + name() + ": argument #" + i + " ("
                                + params.get(i).nameHint() + ") must have type " + type.toIrString() + ", got " + describe(a));
                    }
                    TraceKey.of(new Object[] {a}, leaves);
                    continue;
                }
                switch (type) {
                    case VariableType v -> {
                        if (!(a instanceof Variable var) || var.dtype() != v.value().dtype()
                                || !v.value().shape().isCompatibleWith(var.shape())) {
                            throw new InvalidArgumentException("@" + name() + ": argument #" + i + " ("
                                    + params.get(i).nameHint() + ") must be a variable of type " + v.toIrString() + ", got "
                                    + describe(a));
                        }
                        leaves.add(var);
                    }
                    case TensorType t -> {
                        Tensor x = a instanceof Operand o ? o.value()
                                : ExecutionContext.current().constant(ArrayConversion.toLiteral(a, t.dtype()));
                        if (x.dtype() != t.dtype() || !t.shape().isMoreGeneralThan(x.shape())) {
                            throw new InvalidArgumentException("@" + name() + ": argument #" + i + " ("
                                    + params.get(i).nameHint() + ") must have type " + t.toIrString() + ", got "
                                    + x.type().toIrString());
                        }
                        leaves.add(x);
                    }
                }
            }
        } catch (RuntimeException e) {
            leaves.close();
            throw e;
        }
        return leaves;
    }

    private static String describe(Object a) {
        return a instanceof Operand o ? o.getClass().getSimpleName() + " " + o.dtype() + o.shape()
                : a == null ? "null" : a.getClass().getSimpleName();
    }

    /**
     * Runs the function on {@code leaves}, whose types fit. Inside another trace the graph is replayed op
     * by op, which inlines it; eagerly it is replayed only when a recording tape watches one of the leaves
     * or captured variables (or would start watching a variable the graph reads), so that the tape records
     * its ops. Otherwise the executable runs the graph: nothing it computes could reach a gradient.
     */
    List<Tensor> invoke(List<Operand> leaves) {
        if (resources.isEmpty()) {
            return invokeInScope(leaves);
        }
        // Iterators over captured datasets are registered in the call's scope and released after it.
        try (ResourceHandles.Scope scope = ResourceHandles.open()) {
            return invokeInScope(leaves);
        }
    }

    private List<Tensor> invokeInScope(List<Operand> leaves) {
        calls.increment();
        ExecutionContext ctx = ExecutionContext.current();
        for (Operand o : leaves) {
            if (o instanceof Tensor t && !ctx.canUse(t)) {
                throw new IllegalArgumentException("The symbolic tensor " + t + " passed to @" + name() + " leaked out of"
                        + " the traced function that made it; it cannot be an input of another graph. Return tensors"
                        + " from a function instead of storing them.");
            }
        }
        if (ctx.isEager() && !TapeStack.current().wouldRecordAny(leaves, captured)) {
            return execute(leaves);
        }
        replays.increment();
        return replay(leaves);
    }

    private List<Tensor> execute(List<Operand> leaves) {
        Object[] args = new Object[leafCount + captured.length];
        for (int i = 0; i < leafCount; i++) {
            args[i] = switch (leaves.get(i)) {
                case Tensor t -> t.literal();
                case Variable v -> v.slot();
            };
        }
        for (int i = 0; i < captured.length; i++) {
            args[leafCount + i] = captured[i].slot();
        }
        List<Object> results = executable.run(Arrays.asList(args));
        List<Tensor> out = new ArrayList<>(results.size());
        for (Object r : results) {
            out.add(Tensor.of((Literal) r));
        }
        return out;
    }

    private List<Tensor> replay(List<Operand> leaves) {
        Map<Value, Operand> env = new IdentityHashMap<>();
        List<Value> params = replayGraph.params();
        for (int i = 0; i < leafCount; i++) {
            env.put(params.get(i), leaves.get(i));
        }
        for (int i = 0; i < captured.length; i++) {
            env.put(params.get(leafCount + i), captured[i]);
        }
        GraphReplay.run(replayGraph.body().nodes(), env);
        List<Tensor> out = new ArrayList<>(replayGraph.results().size());
        for (Value r : replayGraph.results()) {
            out.add(GraphReplay.tensor(env, r));
        }
        return out;
    }

    /** How many calls this function has run (its own and those its {@link PolymorphicFunction} sent it). */
    public long callCount() {
        return calls.sum();
    }

    /** How many calls replayed the graph op by op (inlined into a trace, or recorded by a tape). */
    long replayCount() {
        return replays.sum();
    }

    /** The graph in the IR text format. */
    public String toText() {
        return graph.toText();
    }

    @Override
    public String toString() {
        return "ConcreteFunction " + name() + inputSignature();
    }
}
