package dev.kiln.codegen.rt;

import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Node;
import dev.kiln.ir.RegionBuilder;
import dev.kiln.ir.Value;
import dev.kiln.runtime.Interpreter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One node the compiler does not handle, run by the reference interpreter as a one-node graph: the
 * fallback that keeps compiled graphs correct for every op. Its random state and its regions are
 * the node's own, so it behaves as the node would in the interpreter.
 */
public final class InterpretedNode {
    private static final AtomicLong RUNS = new AtomicLong();

    private final Graph graph;
    private final Interpreter interpreter;
    private final boolean storesOrBranches;

    public InterpretedNode(Node node, Interpreter interpreter) {
        this(build(node.operands(), List.of(node), node.results()), interpreter, storesOrBranches(List.of(node)));
    }

    private InterpretedNode(Graph graph, Interpreter interpreter, boolean storesOrBranches) {
        this.graph = graph;
        this.interpreter = interpreter;
        this.storesOrBranches = storesOrBranches;
    }

    /**
     * Nodes run one after the other on {@code inputs}, yielding {@code results} (a fused kernel's
     * fallback when it absorbed a reduction).
     */
    public static InterpretedNode ofSequence(List<Value> inputs, List<Node> nodes, List<Value> results,
            Interpreter interpreter) {
        return new InterpretedNode(build(inputs, nodes, results), interpreter, storesOrBranches(nodes));
    }

    private static boolean storesOrBranches(List<Node> nodes) {
        for (Node n : nodes) {
            if (n.op().isSideEffecting() || !n.regions().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a node has side effects or regions: then its operands may outlive the call (stored in a
     * variable, yielded by a region), so they must not be buffers reused by later calls.
     */
    public boolean storesOrBranches() {
        return storesOrBranches;
    }

    private static Graph build(List<Value> inputs, List<Node> nodes, List<Value> results) {
        RegionBuilder b = RegionBuilder.function();
        Map<Value, Value> map = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            map.put(inputs.get(i), b.param("arg" + i, inputs.get(i).type()));
        }
        for (Node node : nodes) {
            List<Value> operands = new ArrayList<>();
            for (Value v : node.operands()) {
                operands.add(map.get(v));
            }
            Node copy = b.addTyped(node.op(), operands, node.attrs(), node.regions(),
                    node.results().stream().map(Value::type).toList());
            for (int i = 0; i < copy.results().size(); i++) {
                map.put(node.results().get(i), copy.results().get(i));
            }
        }
        return Graph.of(nodes.get(nodes.size() - 1).op().name(), b.build(results.stream().map(map::get).toList()));
    }

    /** Runs the node on its operand values and returns its results. */
    public Object[] run(Object[] operands) {
        RUNS.incrementAndGet();
        return interpreter.run(graph, Arrays.asList(operands)).toArray();
    }

    /**
     * {@link #run}, with every result that shares an operand's array replaced by a copy: the fallback of
     * a generated kernel, whose outputs are arrays of their own where the compiled path ran (some
     * reference kernels hand back an operand as it is).
     */
    public Object[] runUnshared(Object[] operands) {
        Object[] out = run(operands);
        for (int r = 0; r < out.length; r++) {
            if (out[r] instanceof Literal l && sharesAnArray(l, operands)) {
                out[r] = l.copy();
            }
        }
        return out;
    }

    private static boolean sharesAnArray(Literal l, Object[] operands) {
        for (Object o : operands) {
            if (o instanceof Literal x && x.data() == l.data()) {
                return true;
            }
        }
        return false;
    }

    /** How many times interpreted nodes ran in this JVM (all compiled graphs). */
    public static long runs() {
        return RUNS.get();
    }
}
