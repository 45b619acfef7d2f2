package dev.kiln;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Node;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Region;
import dev.kiln.ir.RegionBuilder;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.Type;
import dev.kiln.ir.Value;
import dev.kiln.ir.VariableType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The execution context while a function is traced: every op appends a typed node to the graph
 * being built (type rules run exactly as eagerly, so bad input fails with the same message) and
 * returns symbolic tensors owned by this context.
 *
 * <p>Operands from outside the trace are captured: an eager tensor becomes a constant (captured by
 * value, as TensorFlow captures closures), a variable becomes a {@code var<...>} parameter of the graph
 * (captured by reference, so the graph sees later assignments), and a symbolic tensor of another trace
 * is refused (it leaked out of the function that made it).
 */
final class TracingContext extends ExecutionContext {
    private final String functionName;
    private final VariableCreation variableCreation;
    private final RegionBuilder builder = RegionBuilder.function();
    private final Set<String> paramNames = new HashSet<>();
    private final Map<Variable, Value> variableParams = new IdentityHashMap<>();
    private final List<Variable> captured = new ArrayList<>();
    private final Map<Tensor, Value> capturedConstants = new IdentityHashMap<>();
    private int createdVariables;
    private final Map<Object, Object> sharedResources = new IdentityHashMap<>();
    private final Map<Object, Long> sharedHandles = new IdentityHashMap<>();

    TracingContext(String functionName, VariableCreation variableCreation) {
        this.functionName = functionName;
        this.variableCreation = variableCreation;
    }

    @Override
    boolean isEager() {
        return false;
    }

    String functionName() {
        return functionName;
    }

    // ---------------------------------------------------------------- parameters

    /** A placeholder for a tensor argument. */
    Tensor parameter(String name, TensorType type) {
        return Tensor.symbolic(builder.param(uniqueName(name), type), this);
    }

    /** A parameter for a variable argument; ops on {@code v} in this trace use it. */
    void variableParameter(String name, Variable v) {
        Value p = builder.param(uniqueName(name), new VariableType(v.type()));
        variableParams.putIfAbsent(v, p);
    }

    private String uniqueName(String name) {
        String base = name == null || name.isEmpty() ? "arg" : name;
        String n = base;
        for (int i = 1; !paramNames.add(n); i++) {
            n = base + "_" + i;
        }
        return n;
    }

    // ---------------------------------------------------------------- ops

    @Override
    Tensor constant(Literal value) {
        return Tensor.symbolic(builder.constant(value), this);
    }

    @Override
    Tensor[] execute(OpDef op, Attributes attrs, Operand[] inputs) {
        if (!op.acceptsArity(inputs.length)) {
            throw new IllegalArgumentException(op.name() + ": expects " + op.arityText() + " operands, got " + inputs.length);
        }
        List<Value> operands = new ArrayList<>(inputs.length);
        for (Operand in : inputs) {
            operands.add(valueOf(in, op.name()));
        }
        return symbols(builder.add(op, operands, attrs, List.of()));
    }

    /** Copies a node that owns regions (from a graph being inlined) with {@code inputs} as its operands. */
    Tensor[] appendRegionNode(Node node, Operand[] inputs) {
        return executeRegionOp(node.op(), node.attrs(), inputs, node.regions());
    }

    @Override
    Tensor[] executeRegionOp(OpDef op, Attributes attrs, Operand[] inputs, List<Region> regions) {
        List<Value> operands = new ArrayList<>(inputs.length);
        for (Operand in : inputs) {
            operands.add(valueOf(in, op.name()));
        }
        return symbols(builder.add(op, operands, attrs, regions));
    }

    /** The node's results as tensors (null for a variable a loop passes through). */
    private Tensor[] symbols(Node node) {
        List<Value> results = node.results();
        Tensor[] out = new Tensor[results.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = results.get(i).type() instanceof TensorType ? Tensor.symbolic(results.get(i), this) : null;
        }
        return out;
    }

    /** The graph value standing for {@code operand}, capturing it when it comes from outside. */
    private Value valueOf(Operand operand, String opName) {
        return switch (operand) {
            case Tensor t when t.owner() == this -> t.symbol();
            case Tensor t when t.isConcrete() -> capturedConstants.computeIfAbsent(t, x -> builder.constant(x.literal()));
            case Tensor t -> throw leaked(t, opName);
            case Variable v -> variableParams.computeIfAbsent(v, this::capture);
        };
    }

    private Value capture(Variable v) {
        captured.add(v);
        String name = v.name();
        return builder.param(uniqueName(name.endsWith(":0") ? name.substring(0, name.length() - 2) : name),
                new VariableType(v.type()));
    }

    private IllegalArgumentException leaked(Tensor t, String opName) {
        return new IllegalArgumentException("The symbolic tensor " + t + " passed to " + opName + " while tracing @"
                + functionName + " belongs to another traced function: it leaked out of the trace that made it"
                + " (for example stored in a field or a list). Return tensors from a function instead of storing"
                + " them, and pass them to other functions as arguments.");
    }

    // ---------------------------------------------------------------- variables

    /** Called when a variable is created while this trace is current; enforces the singleton rule. */
    void variableCreated() {
        variableCreation.check();
        createdVariables++;
    }

    int createdVariables() {
        return createdVariables;
    }

    /**
     * The value of a symbolic tensor of this trace computed from constants only, evaluated now: what a
     * variable created inside the function starts with (TensorFlow lifts such initializers out of the
     * graph). The ops run eagerly, with tapes paused.
     *
     * @throws IllegalArgumentException when the value depends on the function's arguments or variables
     */
    Literal evaluateConstant(Tensor t) {
        if (t.owner() != this) {
            throw leaked(t, "a variable's initial value");
        }
        Set<Node> needed = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Value> work = new ArrayDeque<>();
        work.push(t.symbol());
        while (!work.isEmpty()) {
            Value v = work.pop();
            Node producer = v.producer();
            if (producer == null) {
                throw new IllegalArgumentException("The initial value of a variable created inside @" + functionName
                        + " depends on the function's arguments or on variables (" + v.nameHint() + "). Compute it from"
                        + " constants, or create the variable outside the function.");
            }
            if (needed.add(producer)) {
                producer.operands().forEach(work::push);
            }
        }
        List<Node> ordered = new ArrayList<>();
        for (Node n : builder.nodes()) {
            if (needed.contains(n)) {
                ordered.add(n);
            }
        }
        Map<Value, Operand> env = new IdentityHashMap<>();
        RecordingPause pause = TapeStack.current().suspend();
        try {
            callWith(EagerContext.INSTANCE, () -> {
                GraphReplay.run(ordered, env);
                return null;
            });
        } finally {
            pause.close();
        }
        return GraphReplay.tensor(env, t.symbol()).literal();
    }

    // ---------------------------------------------------------------- captured datasets

    /**
     * The handle of a host object the function closes over (a dataset it iterates), registered once per
     * trace; the concrete function keeps the host view alive (the registry holds it weakly).
     */
    long sharedHandle(Object owner, java.util.function.Supplier<Object> hostView) {
        return sharedHandles.computeIfAbsent(owner, o -> {
            Object host = hostView.get();
            sharedResources.put(o, host);
            return dev.kiln.runtime.data.ResourceHandles.registerShared(host);
        });
    }

    /** The trace {@code ctx} belongs to (itself, or the one a branch or loop body is nested in), or null. */
    static TracingContext root(ExecutionContext ctx) {
        for (ExecutionContext c = ctx; c != null; c = c.enclosing()) {
            if (c instanceof TracingContext t) {
                return t;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- finishing

    /** A finished trace: the graph, the variables it captured (its trailing parameters), and the output form. */
    record Trace(Graph graph, List<Variable> captured, OutputStructure outputs, int createdVariables,
            List<Object> resources) {}

    /**
     * Turns what the Java method returned into graph results and finishes the graph. Must run with this
     * context current (outputs may need ops: reading a returned variable, a constant for a Java value).
     */
    Trace finish(Object returned) {
        List<Value> results = new ArrayList<>();
        OutputStructure structure = output(returned, results);
        Graph graph = Graph.of(functionName, prune(results));
        return new Trace(graph, List.copyOf(captured), structure, createdVariables, List.copyOf(sharedResources.values()));
    }

    private OutputStructure output(Object r, List<Value> results) {
        switch (r) {
            case null -> {
                return new OutputStructure.Nothing();
            }
            case Tensor t -> {
                results.add(valueOf(t, "return"));
                return new OutputStructure.Leaf(results.size() - 1);
            }
            case Variable v -> {
                // Graphs return tensors: a returned variable is read after everything else ran.
                results.add(valueOf(v.value(), "return"));
                return new OutputStructure.Leaf(results.size() - 1);
            }
            case List<?> l -> {
                List<OutputStructure> items = new ArrayList<>(l.size());
                for (Object o : l) {
                    items.add(output(o, results));
                }
                return new OutputStructure.Sequence(items);
            }
            default -> {
                if (ArrayConversion.naturalDType(r) == null) {
                    throw new IllegalArgumentException("@" + functionName + " returned a " + r.getClass().getName()
                            + "; a traced function returns tensors, variables, Java numbers or booleans, lists of these,"
                            + " or null");
                }
                results.add(builder.constant(ArrayConversion.toLiteral(r, null)));
                return new OutputStructure.Leaf(results.size() - 1);
            }
        }
    }

    /**
     * The body without the nodes nothing needs: a node stays when a result or a side-effecting node
     * depends on it (TensorFlow prunes unused ops of a function graph; stateful ones always run).
     */
    private Region prune(List<Value> results) {
        List<Node> nodes = builder.nodes();
        Set<Node> live = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> work = new ArrayDeque<>();
        for (Value r : results) {
            if (r.producer() != null) {
                work.push(r.producer());
            }
        }
        for (Node n : nodes) {
            if (hasSideEffects(n)) {
                work.push(n);
            }
        }
        while (!work.isEmpty()) {
            Node n = work.pop();
            if (live.add(n)) {
                for (Value v : n.operands()) {
                    if (v.producer() != null) {
                        work.push(v.producer());
                    }
                }
            }
        }
        if (live.size() == nodes.size()) {
            return builder.build(results);
        }
        RegionBuilder b = RegionBuilder.function();
        Map<Value, Value> map = new HashMap<>();
        for (Value p : builder.params()) {
            map.put(p, b.param(p.nameHint(), p.type()));
        }
        for (Node n : nodes) {
            if (!live.contains(n)) {
                continue;
            }
            List<Value> operands = n.operands().stream().map(map::get).toList();
            List<Type> types = n.results().stream().map(Value::type).toList();
            Node copy = b.addTyped(n.op(), operands, n.attrs(), n.regions(), types);
            for (int i = 0; i < types.size(); i++) {
                map.put(n.results().get(i), copy.results().get(i));
            }
        }
        return b.build(results.stream().map(map::get).toList());
    }

    private static boolean hasSideEffects(Node n) {
        if (n.op().isSideEffecting()) {
            return true;
        }
        for (Region r : n.regions()) {
            for (Node inner : r.nodes()) {
                if (hasSideEffects(inner)) {
                    return true;
                }
            }
        }
        return false;
    }
}
