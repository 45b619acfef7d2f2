package dev.kiln;

import dev.kiln.ir.TensorType;
import dev.kiln.ir.Value;
import dev.kiln.ir.VariableType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Java method traced into graphs, TensorFlow's {@code tf.function}: made by {@link Kiln#function}.
 * Each call maps its arguments to a trace type (tensors by dtype and shape, variables by identity, Java
 * values by value, lists, maps and records by their elements, other objects by identity); a cached
 * {@link ConcreteFunction} whose type accepts it runs the graph without running the Java method, else
 * the method runs once with symbolic tensors to trace a new graph. Java side effects therefore happen
 * only while tracing; {@link Tf#print} is an op and prints on every call.
 *
 * <pre>{@code
 * PolymorphicFunction tfCube = Kiln.function(c::cube);
 * tfCube.call(Tf.constant(2)).intValue();        // 8
 * tfCube.call(Tf.constant(2f)).floatValue();     // 8.0, a second trace
 * tfCube.traceCount();                           // 2
 * }</pre>
 *
 * <p>Calls may come from many threads: each trace type is traced once (traces of one function are
 * serialized) and graphs run in parallel.
 */
public final class PolymorphicFunction {
    private final FunctionBody body;
    private final AutographBody tracedBody;
    private final FunctionTarget target;
    private final FunctionOptions options;
    private final RetracingDetector detector;
    /** Call keys seen so far, each with the trace that runs it (also keys matched by a more general trace). */
    private final ConcurrentHashMap<TraceKey, ConcreteFunction> dispatch = new ConcurrentHashMap<>();
    private final ReentrantLock traceLock = new ReentrantLock();
    /** Traces of this function in progress on each thread, nested (a function that calls itself while tracing). */
    private final ThreadLocal<int[]> tracingDepth = ThreadLocal.withInitial(() -> new int[1]);
    /** About where Python's recursion limit stops a tf.function that calls itself while tracing. */
    private static final int MAX_TRACE_DEPTH = 64;
    /** Traces in the order they were made; guarded by traceLock. */
    private final List<ConcreteFunction> traces = new ArrayList<>();
    /** Per trace, what made it necessary; guarded by traceLock. */
    private final List<String> retraceReasons = new ArrayList<>();
    /** Per trace, the key of the call that made it (before any relaxing); guarded by traceLock. */
    private final List<TraceKey> callKeys = new ArrayList<>();
    /** Per trace, how many times the method ran to make it (two when the first trace created variables). */
    private final List<Integer> traceRuns = new ArrayList<>();
    private final LongAdder callsWithoutTracing = new LongAdder();
    private final AtomicInteger traceCount = new AtomicInteger();
    /** Whether the first trace is done, after which creating variables is an error; guarded by traceLock. */
    private boolean traced;
    private boolean firstTraceCreatedVariables;
    private volatile ConcreteFunction signatureTrace;

    PolymorphicFunction(FunctionBody body, FunctionTarget target, FunctionOptions options) {
        this.body = body;
        this.tracedBody = new AutographBody(body, options.autograph());
        this.target = target;
        this.options = options;
        this.detector = RetracingDetector.of(target.codeKey());
        List<TensorSpec> sig = options.inputSignature();
        if (sig != null && sig.size() != body.arity()) {
            throw new IllegalArgumentException("input signature of " + target.name() + " has " + sig.size()
                    + " specs for " + body.arity() + " arguments");
        }
    }

    /** The function's name (the method's, or {@code lambda}). */
    public String name() {
        return target.name();
    }

    public FunctionOptions options() {
        return options;
    }

    /** The Java method as written, TensorFlow's {@code python_function}: {@code original().invoke(args)} runs it eagerly. */
    public FunctionBody original() {
        return body;
    }

    /** A new function over the same method with other options (and no traces). */
    public PolymorphicFunction withOptions(FunctionOptions newOptions) {
        return new PolymorphicFunction(body, target, newOptions);
    }

    /** A new function over the same method with an input signature (and no traces). */
    public PolymorphicFunction withInputSignature(TensorSpec... specs) {
        return withOptions(options.withInputSignature(specs));
    }

    /** How many times the Java method has been traced ({@code experimental_get_tracing_count}). */
    public int traceCount() {
        return traceCount.get();
    }

    // ---------------------------------------------------------------- calls

    /**
     * Calls the function.
     *
     * @return its tensor result, or null when it returns nothing
     * @throws IllegalStateException when it returns several tensors (use {@link #callList})
     */
    public Tensor call(Object... args) {
        return single(invoke(args), name());
    }

    /** Calls the function and returns all its tensor results in order (nested lists flattened). */
    public List<Tensor> callList(Object... args) {
        List<Tensor> out = new ArrayList<>();
        flatten(invoke(args), out);
        return Collections.unmodifiableList(out);
    }

    /** Calls the function and returns its result in the form the method returned it: a tensor, a list, or null. */
    public Object callStructured(Object... args) {
        return invoke(args);
    }

    static Tensor single(Object result, String name) {
        if (result == null || result instanceof Tensor) {
            return (Tensor) result;
        }
        throw new IllegalStateException("@" + name + " returned " + ((List<?>) result).size()
                + " outputs in a list; use callList or callStructured");
    }

    private static void flatten(Object o, List<Tensor> out) {
        if (o instanceof Tensor t) {
            out.add(t);
        } else if (o instanceof List<?> l) {
            for (Object x : l) {
                flatten(x, out);
            }
        }
    }

    private Object invoke(Object[] args) {
        Object[] a = prepared(args);
        if (options.inputSignature() != null) {
            List<Operand> leaves = matchSignature(a, false);
            if (Kiln.functionsRunEagerly()) {
                return eagerResult(body.invoke(leaves.toArray()));
            }
            ConcreteFunction f = signatureTrace;
            if (f == null) {
                f = traceSignature(true);
            } else {
                callsWithoutTracing.increment();
            }
            return f.outputs().rebuild(f.invoke(leaves));
        }
        if (Kiln.functionsRunEagerly()) {
            return eagerResult(body.invoke(a));
        }
        try (CallLeaves leaves = new CallLeaves(a.length)) {
            TraceKey key = TraceKey.of(a, leaves);
            ConcreteFunction f = dispatch.get(key);
            if (f == null) {
                f = lookupOrTrace(key, a, true);
            } else {
                callsWithoutTracing.increment();
            }
            if (leaves.size() != f.leafCount()) {
                throw specInCall();
            }
            return f.outputs().rebuild(f.invoke(leaves));
        }
    }

    /** Checks the arity; Java values passed for parameters declared {@link Tensor} become tensors. */
    private Object[] prepared(Object[] args) {
        if (args.length != body.arity()) {
            throw new IllegalArgumentException(name() + "() takes " + body.arity() + " arguments, got " + args.length);
        }
        if (options.inputSignature() != null) {
            return args; // converted to the signature's dtypes when matched against it
        }
        boolean[] tensorParams = target.tensorParameters();
        Object[] a = args;
        for (int i = 0; i < args.length; i++) {
            Object x = args[i];
            if (tensorParams[i] && x != null && !(x instanceof Operand) && !(x instanceof TensorSpec)) {
                if (a == args) {
                    a = args.clone();
                }
                a[i] = OperandConversion.tensor(x);
            }
        }
        return a;
    }

    /** What {@code run_functions_eagerly} returns: the method's result with Java values as tensors. */
    private static Object eagerResult(Object r) {
        return switch (r) {
            case null -> null;
            case Tensor t -> t;
            case Variable v -> v.value();
            case List<?> l -> l.stream().map(PolymorphicFunction::eagerResult).toList();
            default -> Tf.constant(r);
        };
    }

    // ---------------------------------------------------------------- tracing

    private ConcreteFunction lookupOrTrace(TraceKey key, Object[] args, boolean countCall) {
        traceLock.lock();
        try {
            ConcreteFunction f = dispatch.get(key);
            if (f == null) {
                f = mostSpecificAccepting(key);
            }
            if (f != null) {
                dispatch.putIfAbsent(key, f);
                if (countCall) {
                    callsWithoutTracing.increment();
                }
                return f;
            }
            TraceKey traceKey = key;
            if (options.reduceRetracing()) {
                for (ConcreteFunction c : traces) {
                    TraceKey relaxed = traceKey.relaxedWith(c.key());
                    if (relaxed != null) {
                        traceKey = relaxed;
                    }
                }
            }
            String reason = explain(key, traceKey);
            int before = traceCount.get();
            f = trace(traceKey, args);
            traces.add(f);
            retraceReasons.add(reason);
            callKeys.add(key);
            traceRuns.add(traceCount.get() - before);
            dispatch.put(traceKey, f);
            dispatch.put(key, f);
            if (countCall) {
                detector.calledWithTracing(target.name(), callsWithoutTracing.sumThenReset(), reason);
            }
            return f;
        } finally {
            traceLock.unlock();
        }
    }

    /** The trace accepting {@code key} with the fewest unknown dimensions, or null. */
    private ConcreteFunction mostSpecificAccepting(TraceKey key) {
        ConcreteFunction best = null;
        int bestGenerality = Integer.MAX_VALUE;
        for (ConcreteFunction c : traces) {
            if (c.key().accepts(key)) {
                int g = c.key().generality();
                if (g < bestGenerality) {
                    best = c;
                    bestGenerality = g;
                }
            }
        }
        return best;
    }

    /** Which part of {@code key} differs from the nearest existing trace. */
    private String explain(TraceKey key, TraceKey traceKey) {
        String relaxed = traceKey.equals(key) ? "" : " (relaxed to " + traceKey + ")";
        if (traces.isEmpty()) {
            return "first trace, for " + key + relaxed;
        }
        List<String> nearest = null;
        for (ConcreteFunction c : traces) {
            List<String> d = key.differencesFrom(c.key(), target.parameterNames());
            if (nearest == null || d.size() <= nearest.size()) {
                nearest = d;
            }
        }
        return String.join("; ", nearest) + relaxed;
    }

    /**
     * Traces the method for {@code key}. Variables may be created only by the first trace; when it
     * creates some, it is traced again with creation forbidden and that second graph is kept (TensorFlow
     * does the same, so a method that creates a variable on every call fails at once).
     */
    private ConcreteFunction trace(TraceKey key, Object[] args) {
        VariableCreation mode = !traced ? VariableCreation.ALLOWED
                : firstTraceCreatedVariables ? VariableCreation.SINGLETON : VariableCreation.NOT_AFTER_FIRST_CALL;
        TracingContext.Trace t = traceOnce(key, args, mode);
        if (!traced) {
            traced = true;
            if (t.createdVariables() > 0) {
                firstTraceCreatedVariables = true;
                t = traceOnce(key, args, VariableCreation.SINGLETON);
            }
        }
        return new ConcreteFunction(t, key, leafCount(t), options.compile(), options.effectiveOptimizerOptions());
    }

    private int leafCount(TracingContext.Trace t) {
        return t.graph().params().size() - t.captured().size();
    }

    private TracingContext.Trace traceOnce(TraceKey key, Object[] args, VariableCreation mode) {
        int[] depth = tracingDepth.get();
        if (depth[0] >= MAX_TRACE_DEPTH) {
            throw recursion(null);
        }
        depth[0]++;
        try {
            TracingContext ctx = new TracingContext(target.name(), mode);
            traceCount.incrementAndGet();
            return TapeStack.isolated(() -> ExecutionContext.callWith(ctx, () -> {
                Object[] placeholders = Placeholders.of(args, key, target.parameterNames(), ctx);
                return ctx.finish(tracedBody.invoke(placeholders));
            }));
        } catch (StackOverflowError e) {
            // Deep nesting can exhaust the stack before the depth limit; the outermost trace reports it.
            if (depth[0] > 1) {
                throw e;
            }
            throw recursion(e);
        } finally {
            depth[0]--;
        }
    }

    private TfRuntimeException recursion(Throwable cause) {
        return new TfRuntimeException("maximum recursion depth exceeded while tracing " + name() + ": it calls itself"
                + " through the traced function without end (a recursion on a tensor condition traces both branches,"
                + " so it never stops; recurse on Java values, or use a loop)", cause);
    }

    // ---------------------------------------------------------------- input signature

    /** The call's tensors checked against (and Java values converted to) the input signature. */
    private List<Operand> matchSignature(Object[] args, boolean specsAllowed) {
        List<TensorSpec> sig = options.inputSignature();
        List<Operand> leaves = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            TensorSpec spec = sig.get(i);
            Object a = args[i];
            if (a instanceof TensorSpec s) {
                if (!specsAllowed) {
                    throw specInCall();
                }
                if (!spec.accepts(s.type())) {
                    throw signatureMismatch(args, sig, s.toString(), spec);
                }
                leaves.add(null);
                continue;
            }
            Tensor t;
            if (a instanceof Operand o) {
                t = o.value();
            } else {
                try {
                    t = OperandConversion.tensor(a, spec.dtype());
                } catch (IllegalArgumentException e) {
                    throw signatureMismatch(args, sig, describeArg(a), spec);
                }
            }
            if (!spec.accepts(t.type())) {
                throw signatureMismatch(args, sig, TensorSpec.of(t.type()).toString(), spec);
            }
            leaves.add(t);
        }
        return leaves;
    }

    private static IllegalArgumentException specInCall() {
        return new IllegalArgumentException("a TensorSpec stands for a tensor only in concreteFunction(...); call the"
                + " function with tensors");
    }

    private static String describeArg(Object a) {
        return a == null ? "None" : a.getClass().getSimpleName() + " " + a;
    }

    private static IllegalArgumentException signatureMismatch(Object[] args, List<TensorSpec> sig, String offending,
            TensorSpec expected) {
        List<String> inputs = new ArrayList<>();
        for (Object a : args) {
            inputs.add(String.valueOf(a));
        }
        List<String> specs = sig.stream().map(TensorSpec::toString).toList();
        return new IllegalArgumentException("Python inputs incompatible with input_signature:\n  inputs: (\n    "
                + String.join(",\n    ", inputs) + ")\n  input_signature: (\n    " + String.join(",\n    ", specs)
                + ").\nCan not cast " + offending + " to " + expected);
    }

    private ConcreteFunction traceSignature(boolean countCall) {
        traceLock.lock();
        try {
            ConcreteFunction f = signatureTrace;
            if (f != null) {
                if (countCall) {
                    callsWithoutTracing.increment();
                }
                return f;
            }
            List<TensorSpec> sig = options.inputSignature();
            Object[] specs = new Object[sig.size()];
            String[] names = target.parameterNames();
            for (int i = 0; i < specs.length; i++) {
                TensorSpec s = sig.get(i);
                specs[i] = s.name() != null ? s : s.withName(names[i]);
            }
            TraceKey key = TraceKey.of(specs, null);
            int before = traceCount.get();
            f = trace(key, specs);
            traces.add(f);
            retraceReasons.add("first trace, for the input signature " + sig);
            callKeys.add(key);
            traceRuns.add(traceCount.get() - before);
            signatureTrace = f;
            if (countCall) {
                detector.calledWithTracing(target.name(), callsWithoutTracing.sumThenReset(), null);
            }
            return f;
        } finally {
            traceLock.unlock();
        }
    }

    // ---------------------------------------------------------------- concrete functions

    /**
     * The trace for these arguments, tracing if needed but not running it ({@code get_concrete_function}).
     * Arguments are as for {@link #call}, with {@link TensorSpec}s allowed in place of tensors; with an input
     * signature, no arguments gives the signature's trace.
     */
    public ConcreteFunction concreteFunction(Object... argsOrSpecs) {
        if (options.inputSignature() != null) {
            if (argsOrSpecs.length > 0) {
                matchSignature(prepared(argsOrSpecs), true);
            }
            ConcreteFunction f = signatureTrace;
            return f != null ? f : traceSignature(false);
        }
        Object[] a = prepared(argsOrSpecs);
        TraceKey key = TraceKey.of(a, null);
        ConcreteFunction f = dispatch.get(key);
        return f != null ? f : lookupOrTrace(key, a, false);
    }

    /** Every trace so far, in the order they were made. */
    public List<ConcreteFunction> concreteFunctions() {
        traceLock.lock();
        try {
            return List.copyOf(traces);
        } finally {
            traceLock.unlock();
        }
    }

    /**
     * Why each trace happened, in order: the first trace's type, then for each later one which part of
     * the trace type differed from the nearest existing trace (and what it was relaxed to).
     */
    public List<String> explainRetraces() {
        traceLock.lock();
        try {
            List<String> out = new ArrayList<>(retraceReasons.size());
            for (int i = 0; i < retraceReasons.size(); i++) {
                out.add("trace " + (i + 1) + ": " + retraceReasons.get(i));
            }
            return out;
        } finally {
            traceLock.unlock();
        }
    }

    /**
     * The trace cache: one entry per concrete function with its key, how many times the method ran to
     * make it, how many calls it served, and what part of the key changed to make it necessary.
     * Its {@code toString()} is a table:
     *
     * <pre>{@code
     * trace cache of @scale: 2 concrete functions, 2 traces, 3 calls
     *   #  traces  calls  key                    changed
     *   1  1       2      x=f32[2,3], factor=3   first trace
     *   2  1       1      x=f32[4,3], factor=3   x: f32[2,3] -> f32[4,3]
     * }</pre>
     */
    public TraceCache explain() {
        traceLock.lock();
        try {
            String[] names = target.parameterNames();
            List<TraceCache.Entry> entries = new ArrayList<>(traces.size());
            for (int i = 0; i < traces.size(); i++) {
                ConcreteFunction f = traces.get(i);
                TraceKey callKey = callKeys.get(i);
                String change;
                if (i == 0) {
                    change = options.inputSignature() != null ? "first trace, for the input signature" : "first trace";
                } else {
                    List<String> nearest = null;
                    for (int j = 0; j < i; j++) {
                        List<String> d = callKey.briefDifferencesFrom(traces.get(j).key(), names);
                        if (nearest == null || d.size() <= nearest.size()) {
                            nearest = d;
                        }
                    }
                    change = String.join("; ", nearest);
                }
                if (!f.key().equals(callKey)) {
                    change += " (relaxed to " + f.key().briefText(names) + ")";
                }
                if (traceRuns.get(i) > 1) {
                    change += " (traced twice: the first trace created variables)";
                }
                entries.add(new TraceCache.Entry(i + 1, f.key().briefText(names), traceRuns.get(i), f.callCount(), change, f));
            }
            return new TraceCache(name(), traceCount(), entries);
        } finally {
            traceLock.unlock();
        }
    }

    /** What the function wraps: its name, method (when known) and parameter names. */
    FunctionTarget target() {
        return target;
    }

    /** The signatures of all traces, TensorFlow's {@code pretty_printed_concrete_signatures()}. */
    public String prettyPrintedConcreteSignatures() {
        List<String> blocks = new ArrayList<>();
        for (ConcreteFunction f : concreteFunctions()) {
            blocks.add(signatureText(f));
        }
        return String.join("\n\n", blocks);
    }

    private String signatureText(ConcreteFunction f) {
        String[] names = target.parameterNames();
        StringBuilder sb = new StringBuilder(name()).append('(').append(String.join(", ", names)).append(")\n  Args:\n");
        Object[] parts = f.key().parts();
        for (int i = 0; i < parts.length; i++) {
            sb.append("    ").append(names[i]).append(": ").append(partText(parts[i])).append('\n');
        }
        sb.append("  Returns:\n    ").append(outputText(f.outputs(), f.graph().results()));
        return sb.toString();
    }

    private static String partText(Object part) {
        return switch (part) {
            case TensorType t -> t.dtype() + " Tensor, shape=" + t.shape();
            case Variable v -> v.dtype() + " Variable, shape=" + v.shape();
            default -> TraceKey.describe(part);
        };
    }

    private static String outputText(OutputStructure s, List<Value> results) {
        return switch (s) {
            case OutputStructure.Nothing n -> "NoneTensorSpec()";
            case OutputStructure.Leaf l -> {
                var t = results.get(l.index()).type();
                yield t instanceof VariableType v ? partText(v.value()) : partText(t);
            }
            case OutputStructure.Sequence q -> q.items().stream().map(i -> outputText(i, results)).toList().toString();
        };
    }

    @Override
    public String toString() {
        return "PolymorphicFunction " + name() + " (" + traceCount() + " traces)";
    }
}
