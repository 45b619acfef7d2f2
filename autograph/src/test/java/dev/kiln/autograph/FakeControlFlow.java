package dev.kiln.autograph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ControlFlow} over {@link FakeTensor}: on a concrete condition it branches and loops in Java;
 * on a symbolic one it runs both branches (as tracing does) and merges their outputs by the
 * condition's carried value, so results can be compared with an eager run. Records what it was asked.
 */
final class FakeControlFlow implements ControlFlow {
    static final Conventions CONVENTIONS = new Conventions("dev/kiln/autograph/FakeTensor", "bool",
            "dev/kiln/autograph/FakeOps", "range", "dev/kiln/autograph/FakeRanges", "dev/kiln/autograph/FakeDataset",
            name -> name.startsWith("dev/kiln/autograph/Fake"));

    final List<IfSite> ifs = new ArrayList<>();
    final List<LoopSite> loops = new ArrayList<>();
    int bothBranches;
    int stagedLoops;

    @Override
    public Conventions conventions() {
        return CONVENTIONS;
    }

    @Override
    public Object[] ifStmt(Object cond, Branch then, Branch otherwise, Object[] vars, IfSite site) {
        ifs.add(site);
        FakeTensor c = (FakeTensor) cond;
        if (!c.symbolic) {
            return merged(vars, (c.value != 0 ? then : otherwise).run(vars.clone()), site);
        }
        bothBranches++;
        Object[] a = then.run(vars.clone());
        Object[] b = otherwise.run(vars.clone());
        Object[] chosen = c.value != 0 ? a : b;
        Object[] out = vars.clone();
        for (int i : site.outputs()) {
            out[i] = select(chosen[i], a[i], b[i]);
        }
        if (site.result() != IfSite.Result.NONE) {
            out[site.resultIndex()] = select(chosen[site.resultIndex()], a[site.resultIndex()], b[site.resultIndex()]);
        }
        return out;
    }

    private static Object select(Object chosen, Object a, Object b) {
        if (a instanceof FakeTensor || b instanceof FakeTensor) {
            return chosen instanceof FakeTensor t ? new FakeTensor(t.value, true) : chosen;
        }
        if (a == null || b == null) {
            // An undefined retval_ on the path that did not return.
            return chosen;
        }
        if (a instanceof Boolean && b instanceof Boolean && !a.equals(b)) {
            // Java booleans that differ between branches become a bool tensor, as graph results do.
            return new FakeTensor((Boolean) chosen ? 1 : 0, true);
        }
        return Objects.equals(a, b) ? a : chosen;
    }

    private static Object[] merged(Object[] vars, Object[] branch, IfSite site) {
        Object[] out = vars.clone();
        for (int i : site.outputs()) {
            out[i] = branch[i];
        }
        out[site.resultIndex()] = branch[site.resultIndex()];
        return out;
    }

    @Override
    public Object[] whileStmt(LoopTest test, Branch body, Object[] vars, LoopSite site) {
        loops.add(site);
        Object[] state = vars.clone();
        Object t = test.test(state);
        if (t instanceof FakeTensor f && f.symbolic) {
            stagedLoops++;
        }
        while (truth(t)) {
            state = step(state, body, site);
            if (stopped(state, site)) {
                break;
            }
            t = test.test(state);
        }
        return state;
    }

    @Override
    public Object[] forStmt(Object iterable, Branch body, Object[] vars, LoopSite site) {
        loops.add(site);
        Object[] state = vars.clone();
        List<FakeTensor> elements = new ArrayList<>();
        boolean symbolic;
        if (iterable instanceof FakeRanges.Range r) {
            symbolic = r.symbolic();
            for (int i = 0; i < r.limitValue(); i++) {
                elements.add(new FakeTensor(i, symbolic));
            }
        } else if (iterable instanceof FakeDataset d) {
            // A dataset loop is always staged by Kiln; here its elements run in Java (they may be symbolic).
            stagedLoops++;
            symbolic = false;
            for (FakeDataset.Pair p : d.elements) {
                state[site.elementIndex()] = p;
                state = step(state, body, site);
                if (stopped(state, site)) {
                    break;
                }
            }
            return state;
        } else {
            FakeTensor t = (FakeTensor) iterable;
            symbolic = t.symbolic;
            for (double e : t.elements()) {
                elements.add(new FakeTensor(e, symbolic));
            }
        }
        if (symbolic) {
            stagedLoops++;
        }
        for (FakeTensor e : elements) {
            state[site.elementIndex()] = e;
            state = step(state, body, site);
            if (stopped(state, site)) {
                break;
            }
        }
        return state;
    }

    private static boolean stopped(Object[] state, LoopSite site) {
        return site.breakIndex() >= 0 && truth(state[site.breakIndex()])
                || site.returnIndex() >= 0 && truth(state[site.returnIndex()]);
    }

    private static Object[] step(Object[] state, Branch body, LoopSite site) {
        Object[] out = body.run(state.clone());
        Object[] next = state.clone();
        for (int i : site.state()) {
            next[i] = out[i];
        }
        for (int i : new int[] {site.breakIndex(), site.returnIndex(), site.retvalIndex()}) {
            if (i >= 0) {
                next[i] = out[i];
            }
        }
        return next;
    }

    private static boolean truth(Object o) {
        return o instanceof FakeTensor t ? t.value != 0 : (Boolean) o;
    }

    @Override
    public Object condition(Object flag) {
        return flag instanceof FakeTensor t ? t : FakeTensor.of((Boolean) flag ? 1 : 0);
    }

    @Override
    public boolean unconverted(Object tensor, String reason) {
        FakeTensor t = (FakeTensor) tensor;
        if (t.symbolic) {
            throw new IllegalStateException("symbolic bool: " + reason);
        }
        return t.value != 0;
    }
}
