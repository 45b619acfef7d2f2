package dev.kiln.codegen;

import dev.kiln.codegen.emit.GraphEmitter;
import dev.kiln.codegen.plan.Block;
import dev.kiln.codegen.plan.GraphLowering;
import dev.kiln.ir.Graph;
import dev.kiln.runtime.Interpreter;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.ir.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles a graph to one hidden class whose {@code call} method runs its nodes in order: fused
 * regions and lone elementwise ops become Vector API kernels (cached by structure), a reduction over
 * the innermost axes is computed in the loop of the elementwise kernel feeding it, other ops call
 * their runtime kernels directly, {@code cond}/{@code while} become branches and loops. Whatever has
 * no compiled form runs on the interpreter ({@link CompiledGraph#fallbackCount()}, and
 * {@link #fallbackNodes()} over all compilations). Intermediate buffers written by generated kernels
 * and by runtime kernels with an into form are planned by liveness and reused across calls. A graph
 * whose {@code call} method would exceed HotSpot's limit for JIT compilation (8000 bytes of bytecode)
 * is cut into several methods.
 *
 * <pre>{@code
 * Graph g = IrParser.parseFunction(text);
 * CompiledGraph f = new GraphCompiler().compile(g);          // width from kiln.vector.width
 * CompiledGraph s = GraphCompiler.withVectorWidth(0).compile(g);   // scalar loops
 * }</pre>
 */
public final class GraphCompiler {
    /** The system property that, set to {@code false}, keeps traced functions on the interpreter. */
    public static final String ENABLED_PROPERTY = "kiln.compile";

    private static final AtomicLong FALLBACK_NODES = new AtomicLong();
    private static final AtomicLong ALLOCATING_NODES = new AtomicLong();
    private static final AtomicLong COMPILED = new AtomicLong();

    private final int width;
    private final KernelRegistry kernels;

    /** A compiler with the width of {@link VectorWidth#current()}. */
    public GraphCompiler() {
        this(VectorWidth.current());
    }

    private GraphCompiler(int width) {
        this.width = width;
        // The standard table holds the runtime's Vector API kernels; without the module, the reference ones.
        this.kernels = VectorWidth.available() ? KernelRegistry.standard() : KernelRegistry.reference();
    }

    /** A compiler for vector width {@code bits} (0 for scalar loops); 0 when the Vector API is absent. */
    public static GraphCompiler withVectorWidth(int bits) {
        VectorWidth.check(bits);
        return new GraphCompiler(VectorWidth.available() ? bits : 0);
    }

    public int vectorWidth() {
        return width;
    }

    /** Whether traced functions are compiled: unless the system property {@code kiln.compile} is {@code false}. */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").trim());
    }

    /**
     * Compiles {@code g}; the graph is not modified. A graph whose code the JVM cannot take (a method
     * over 64 KiB) runs on the interpreter as a whole, every node counted as a fallback.
     */
    public CompiledGraph compile(Graph g) {
        return compile(g, GraphEmitter.HUGE_METHOD_LIMIT);
    }

    /**
     * {@link #compile(Graph)}, cutting the graph's code into methods of about three quarters of
     * {@code methodLimit} bytes when it is longer (tests force small parts with it).
     */
    CompiledGraph compile(Graph g, int methodLimit) {
        Interpreter interpreter = new Interpreter(kernels, null);
        GraphLowering lowering = new GraphLowering(kernels, interpreter, width);
        Block body = lowering.lower(g.body(), "@" + g.name());
        COMPILED.incrementAndGet();
        try {
            GraphEmitter.Emitted emitted = GraphEmitter.emit(g.name(), body, methodLimit);
            FALLBACK_NODES.addAndGet(lowering.fallbacks().size());
            ALLOCATING_NODES.addAndGet(lowering.allocating().size());
            return new CompiledGraph(g, emitted.code(), lowering.fallbacks(), lowering.allocating(),
                    lowering.slotCount(), lowering.kernelCount(), width, emitted.classes());
        } catch (RuntimeException e) {
            List<String> all = new ArrayList<>();
            for (Node n : g.body().nodes()) {
                all.add(n.op().name() + ": the graph's code cannot be generated (" + e.getMessage() + ")");
            }
            FALLBACK_NODES.addAndGet(all.size());
            ALLOCATING_NODES.addAndGet(all.size());
            return new CompiledGraph(g, (args, frame) -> interpreter.run(g, Arrays.asList(args)).toArray(), all, all,
                    0, 0, width, List.of());
        }
    }

    /** Graphs compiled in this JVM. */
    public static long compiledGraphs() {
        return COMPILED.get();
    }

    /** Nodes that fell back to the interpreter, over every graph compiled in this JVM. */
    public static long fallbackNodes() {
        return FALLBACK_NODES.get();
    }

    /**
     * Nodes whose intermediate results are new arrays on every call (no into form, random,
     * interpreted), over every graph compiled in this JVM; see {@link CompiledGraph#allocating()}.
     */
    public static long allocatingNodes() {
        return ALLOCATING_NODES.get();
    }
}
