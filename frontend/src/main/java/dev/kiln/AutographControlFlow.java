package dev.kiln;

import dev.kiln.autograph.Branch;
import dev.kiln.autograph.ControlFlow;
import dev.kiln.autograph.Conventions;
import dev.kiln.autograph.IfSite;
import dev.kiln.autograph.LoopSite;
import dev.kiln.autograph.LoopTest;
import dev.kiln.data.Dataset;
import dev.kiln.data.GraphDataset;
import dev.kiln.ir.DType;
import java.net.URL;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kiln's implementation of autograph's {@link ControlFlow} (found by {@link java.util.ServiceLoader}): what
 * converted code calls for its tensor-dependent statements. A symbolic condition stages the statement
 * as a graph {@code cond} or {@code while} node ({@link CondStaging}, {@link LoopStaging}); a concrete one
 * (eager execution, or a captured eager tensor) runs it in Java. Not meant to be called directly.
 */
public final class AutographControlFlow implements ControlFlow {
    private static final Conventions CONVENTIONS = new Conventions("dev/kiln/Tensor", "bool", "dev/kiln/Tf", "range",
            "dev/kiln/AutographRange", "dev/kiln/data/Dataset", AutographControlFlow::isLibrary);
    private static final String LIBRARY_ROOT = libraryRoot();
    private static final ConcurrentHashMap<String, Boolean> LIBRARY = new ConcurrentHashMap<>();

    public AutographControlFlow() {}

    @Override
    public Conventions conventions() {
        return CONVENTIONS;
    }

    /** Classes of Kiln itself (loaded from where {@link Tensor} is) are not converted; user code in {@code dev.kiln.*} is. */
    private static boolean isLibrary(String internalName) {
        if (!internalName.startsWith("dev/kiln/")) {
            return false;
        }
        return LIBRARY.computeIfAbsent(internalName, n -> {
            URL u = Tensor.class.getClassLoader().getResource(n + ".class");
            return u != null && LIBRARY_ROOT != null && u.toString().startsWith(LIBRARY_ROOT);
        });
    }

    private static String libraryRoot() {
        URL u = Tensor.class.getResource("Tensor.class");
        if (u == null) {
            return null;
        }
        String s = u.toString();
        return s.substring(0, s.length() - "dev/kiln/Tensor.class".length());
    }

    // ---------------------------------------------------------------- if

    @Override
    public Object[] ifStmt(Object cond, Branch then, Branch otherwise, Object[] vars, IfSite site) {
        Tensor c = (Tensor) cond;
        if (c.isConcrete()) {
            return CondStaging.taken(vars, (c.bool() ? then : otherwise).run(vars.clone()), site);
        }
        return CondStaging.stage(c, then, otherwise, vars, site);
    }

    // ---------------------------------------------------------------- loops

    @Override
    public Object[] whileStmt(LoopTest test, Branch body, Object[] vars, LoopSite site) {
        Object first = test.test(vars.clone());
        if (isSymbolic(first)) {
            return LoopStaging.stageWhile(test, body, vars, site);
        }
        Object[] state = vars.clone();
        Object t = first;
        while (truth(t, site)) {
            state = step(state, body.run(state.clone()), site);
            if (broke(state, site)) {
                break;
            }
            t = test.test(state.clone());
            if (isSymbolic(t)) {
                throw new UnsupportedOperationException("condition of while loop started as non-Tensor, then changed to"
                        + " Tensor (the loop at " + site.position() + ")");
            }
        }
        return state;
    }

    @Override
    public Object[] forStmt(Object iterable, Branch body, Object[] vars, LoopSite site) {
        if (iterable instanceof AutographRange r) {
            if (r.isConcrete() && ExecutionContext.executingEagerly()) {
                return javaRange(r, body, vars, site);
            }
            return LoopStaging.stageRange(r, body, vars, site);
        }
        if (iterable instanceof Tensor t && !t.isConcrete()) {
            return LoopStaging.stageTensor(t, body, vars, site);
        }
        if (iterable instanceof GraphDataset g) {
            return LoopStaging.stageDataset(g.handle(), g.elementSpec(), body, vars, site);
        }
        if (iterable instanceof Dataset d && !ExecutionContext.executingEagerly()) {
            // A dataset the function closes over: staged too (TensorFlow does), read through a handle the
            // concrete function keeps valid, so the graph does not grow with the dataset.
            TracingContext trace = TracingContext.root(ExecutionContext.current());
            List<TensorSpec> spec = d.elementSpec();
            long h = trace.sharedHandle(d, () -> DatasetResources.host(d, DatasetResources.types(spec)));
            return LoopStaging.stageDataset(Tf.constant(h, DType.INT64), spec, body, vars, site);
        }
        Object[] state = vars.clone();
        for (Iterator<?> it = ((Iterable<?>) iterable).iterator(); it.hasNext(); ) {
            state[site.elementIndex()] = it.next();
            state = step(state, body.run(state.clone()), site);
            if (broke(state, site)) {
                break;
            }
        }
        return state;
    }

    private static Object[] javaRange(AutographRange r, Branch body, Object[] vars, LoopSite site) {
        Object[] state = vars.clone();
        double start = AutographRange.value(r.start());
        double limit = AutographRange.value(r.limit());
        double delta = AutographRange.value(r.delta());
        if (delta == 0) {
            throw new InvalidArgumentException("range: delta must not be zero (the loop at " + site.position() + ")");
        }
        for (double v = start; delta > 0 ? v < limit : v > limit; v += delta) {
            state[site.elementIndex()] = element(v, r.dtype());
            state = step(state, body.run(state.clone()), site);
            if (broke(state, site)) {
                break;
            }
        }
        return state;
    }

    private static Tensor element(double v, DType dtype) {
        return switch (dtype) {
            case INT32 -> Tf.constant((int) v);
            case INT64 -> Tf.constant((long) v);
            case FLOAT32 -> Tf.constant((float) v);
            case FLOAT64 -> Tf.constant(v);
            default -> Tf.cast(Tf.constant(v), dtype);
        };
    }

    /** The state after one iteration that ran in Java: loop variables and the break flag from the body. */
    private static Object[] step(Object[] state, Object[] out, LoopSite site) {
        Object[] next = state.clone();
        for (int k : site.state()) {
            next[k] = out[k];
        }
        for (int i : new int[] {site.breakIndex(), site.returnIndex(), site.retvalIndex()}) {
            if (i >= 0) {
                next[i] = out[i];
            }
        }
        return next;
    }

    /** Whether the body broke out of the loop or returned. */
    private static boolean broke(Object[] state, LoopSite site) {
        return site.breakIndex() >= 0 && truth(state[site.breakIndex()], site)
                || site.returnIndex() >= 0 && truth(state[site.returnIndex()], site);
    }

    private static boolean isSymbolic(Object o) {
        return o instanceof Tensor t && !t.isConcrete();
    }

    private static boolean truth(Object o, LoopSite site) {
        return switch (o) {
            case Boolean b -> b;
            case Tensor t when t.isConcrete() -> t.bool();
            case Tensor t -> throw new OperatorNotAllowedInGraphException("using a `tf.Tensor` as a Python `bool` is not"
                    + " allowed in Graph execution. Use Eager execution or decorate this function with @tf.function."
                    + " (Kiln: a break under a tensor condition inside the loop at " + site.position() + ", whose own"
                    + " condition is a Java value: make the loop's condition a tensor.)");
            case null, default -> throw new IllegalStateException("not a condition: " + o);
        };
    }

    @Override
    public Object condition(Object flag) {
        return flag instanceof Tensor t ? t : Tensor.of(dev.kiln.ir.Literal.scalar((Boolean) flag));
    }

    // ---------------------------------------------------------------- unconverted

    @Override
    public boolean unconverted(Object tensor, String reason) {
        Tensor t = (Tensor) tensor;
        if (t.isConcrete()) {
            return t.bool();
        }
        throw OperatorNotAllowedInGraphException.unconverted(reason);
    }
}
