package dev.kiln;

import dev.kiln.autograph.Branch;
import dev.kiln.autograph.LoopSite;
import dev.kiln.autograph.LoopTest;
import dev.kiln.autograph.Var;
import dev.kiln.data.Batch;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Region;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.Type;
import dev.kiln.ir.Value;
import dev.kiln.ir.ops.ControlOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A converted loop whose condition is symbolic (or that iterates a range or tensor inside a trace)
 * becomes one {@code while} node. Its state: the loop variables (tensors; Java numbers and booleans kept
 * in variables that can hold a tensor are converted), then for a for-each loop the counter, then a trip
 * counter (gradients use it), then the values of enclosing traces the test and body capture (passed
 * through unchanged). The test and body are each traced once, TensorFlow's rules checked: a loop
 * variable keeps its dtype, and its shape unless an invariant was declared with {@link LoopOptions}.
 * A {@link TensorArray} loop variable is carried as its buffer tensor ({@link StagedArrays}).
 */
final class LoopStaging {
    private LoopStaging() {}

    /**
     * What a for-each loop adds to the loop state: its own tensors (a counter; for a dataset, whether an
     * element was read and its components), the test on them, the element they give the body, their step.
     */
    interface Counter {
        List<Tensor> initial();

        /** The names of the state tensors (for the graph's region parameters). */
        List<String> names(String element);

        Tensor test(List<Tensor> state);

        Object element(List<Tensor> state);

        List<Tensor> next(List<Tensor> state);
    }

    /** A counter of one tensor, the loop index. */
    private abstract static class IndexCounter implements Counter {
        abstract Tensor initialIndex();

        abstract Tensor test(Tensor i);

        abstract Tensor element(Tensor i);

        abstract Tensor next(Tensor i);

        @Override
        public List<Tensor> initial() {
            return List.of(initialIndex());
        }

        @Override
        public List<String> names(String element) {
            return List.of(element);
        }

        @Override
        public Tensor test(List<Tensor> state) {
            return test(state.get(0));
        }

        @Override
        public Object element(List<Tensor> state) {
            return element(state.get(0));
        }

        @Override
        public List<Tensor> next(List<Tensor> state) {
            return List.of(next(state.get(0)));
        }
    }

    static Object[] stageWhile(LoopTest test, Branch body, Object[] vars, LoopSite site) {
        return stage(site, vars, body, state -> test.test(state), null);
    }

    static Object[] stageRange(AutographRange r, Branch body, Object[] vars, LoopSite site) {
        Counter c = new IndexCounter() {
            @Override
            Tensor initialIndex() {
                return r.tensor(r.start());
            }

            @Override
            Tensor test(Tensor i) {
                Tensor limit = r.tensor(r.limit());
                if (!(r.delta() instanceof Tensor)) {
                    return AutographRange.value(r.delta()) > 0 ? Tf.less(i, limit) : Tf.greater(i, limit);
                }
                Tensor delta = r.tensor(r.delta());
                Tensor zero = Tf.zerosLike(delta);
                return Tf.logicalOr(Tf.logicalAnd(Tf.greater(delta, zero), Tf.less(i, limit)),
                        Tf.logicalAnd(Tf.less(delta, zero), Tf.greater(i, limit)));
            }

            @Override
            Tensor element(Tensor i) {
                return i;
            }

            @Override
            Tensor next(Tensor i) {
                return Tf.add(i, r.tensor(r.delta()));
            }
        };
        return stage(site, vars, body, null, c);
    }

    static Object[] stageTensor(Tensor t, Branch body, Object[] vars, LoopSite site) {
        if (!t.shape().hasKnownRank() || t.rank() == 0) {
            throw new InvalidArgumentException("Cannot iterate over a scalar tensor (the loop at " + site.position() + ")");
        }
        int n = t.shape().dim(0);
        if (n == Shape.UNKNOWN) {
            throw new InvalidArgumentException("Iterating over a tensor whose first dimension is unknown (" + t.shape()
                    + ") is not supported; iterate Tf.range over its length instead (the loop at " + site.position() + ")");
        }
        Counter c = new IndexCounter() {
            @Override
            Tensor initialIndex() {
                return Tf.constant(0);
            }

            @Override
            Tensor test(Tensor i) {
                return Tf.less(i, Tf.constant(n));
            }

            @Override
            Tensor element(Tensor i) {
                return Tf.gather(t, i);
            }

            @Override
            Tensor next(Tensor i) {
                return Tf.add(i, Tf.constant(1));
            }
        };
        return stage(site, vars, body, null, c);
    }

    /**
     * A for-each loop over a dataset: one {@code make_iterator} before the loop, and an element read ahead
     * of each test ({@code iterator_get_next_as_optional}), so the loop state carries whether there was
     * an element and its components; the body gets them as a {@link Batch}.
     */
    static Object[] stageDataset(Tensor datasetHandle, List<TensorSpec> spec, Branch body, Object[] vars,
            LoopSite site) {
        List<TensorType> types = DatasetResources.types(spec);
        Tensor iterator = DatasetResources.makeIterator(datasetHandle);
        Counter c = new Counter() {
            @Override
            public List<Tensor> initial() {
                return List.of(DatasetResources.nextAsOptional(iterator, types));
            }

            @Override
            public List<String> names(String element) {
                List<String> names = new ArrayList<>();
                names.add(element + "_present");
                for (int i = 0; i < types.size(); i++) {
                    names.add(element + "_" + i);
                }
                return names;
            }

            @Override
            public Tensor test(List<Tensor> state) {
                return state.get(0);
            }

            @Override
            public Object element(List<Tensor> state) {
                return new Batch(state.subList(1, state.size()));
            }

            @Override
            public List<Tensor> next(List<Tensor> state) {
                return List.of(DatasetResources.nextAsOptional(iterator, types));
            }
        };
        return stage(site, vars, body, null, c);
    }

    private static Object[] stage(LoopSite site, Object[] vars, Branch body, Function<Object[], Object> test,
            Counter counter) {
        ExecutionContext outer = ExecutionContext.current();
        String where = " (the loop at " + site.position() + ")";
        List<Integer> loopVars = new ArrayList<>();
        List<Tensor> initial = new ArrayList<>();
        // Per loop variable, the TensorArray whose buffer it is (null for a tensor).
        List<TensorArray> arrays = new ArrayList<>();
        List<Integer> javaVars = new ArrayList<>();
        // TensorArrays whose element shape the body's writes tell (a first trace learns it).
        List<Integer> pendingArrays = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int k : site.state()) {
            indices.add(k);
        }
        for (int flag : new int[] {site.breakIndex(), site.returnIndex()}) {
            if (flag >= 0) {
                indices.add(flag);
            }
        }
        boolean pendingRetval = site.retvalIndex() >= 0;
        for (int k : indices) {
            boolean isFlag = k == site.breakIndex() || k == site.returnIndex();
            Object v = isFlag ? Boolean.FALSE : vars[k];
            Var var = site.vars().get(k);
            if (v instanceof Tensor t) {
                loopVars.add(k);
                initial.add(t);
                arrays.add(null);
            } else if (v instanceof TensorArray ta) {
                TensorArray entering = StagedArrays.entering(ta);
                if (entering == null) {
                    pendingArrays.add(k);
                } else {
                    loopVars.add(k);
                    initial.add(entering.buffer());
                    arrays.add(entering);
                }
            } else if (v == null) {
                throw new AutographException("'" + var.name() + "' must be defined before the loop." + where);
            } else if (CondStaging.isJavaScalar(v) && (isFlag || CondStaging.canHoldTensor(var))) {
                loopVars.add(k);
                initial.add(Tf.constant(v));
                arrays.add(null);
            } else {
                javaVars.add(k);
            }
        }
        List<Tensor> counterInit = counter == null ? List.of() : counter.initial();
        List<Type> types = new ArrayList<>();
        for (Tensor t : initial) {
            types.add(t.type());
        }
        boolean relaxed = false;
        while (true) {
            int nVars = loopVars.size();
            List<String> names = new ArrayList<>();
            for (int j = 0; j < nVars; j++) {
                names.add(site.vars().get(loopVars.get(j)).name());
            }
            List<Type> allTypes = new ArrayList<>(types);
            if (counter != null) {
                for (Tensor t : counterInit) {
                    allTypes.add(t.type());
                }
                names.addAll(counter.names(site.elementIndex() >= 0 ? site.vars().get(site.elementIndex()).name()
                        : "index"));
            }
            allTypes.add(TensorType.of(DType.INT32));
            names.add("iterations");
            int counterParam = nVars;
            int tripParam = allTypes.size() - 1;
            boolean probe = pendingRetval || !pendingArrays.isEmpty();
            Object[][] bodyOut = new Object[1][];
            RegionTrace.Captures captures = new RegionTrace.Captures();
            RegionTrace condTrace = new RegionTrace("cond", outer, captures, allTypes, names);
            RegionTrace bodyTrace = new RegionTrace("body", outer, captures, allTypes, names);
            Tensor condition = condTrace.run(() -> {
                Tensor c = counter != null ? counter.test(params(condTrace, counterParam, counterInit.size()))
                        : asCondition(test.apply(withParams(vars, loopVars, arrays, condTrace)), where);
                for (int flag : new int[] {site.breakIndex(), site.returnIndex()}) {
                    if (flag >= 0) {
                        c = Tf.logicalAnd(Tf.logicalNot(condTrace.param(loopVars.indexOf(flag))), c);
                    }
                }
                return c;
            });
            List<Tensor> next = bodyTrace.run(() -> {
                Object[] in = withParams(vars, loopVars, arrays, bodyTrace);
                if (counter != null) {
                    in[site.elementIndex()] = counter.element(params(bodyTrace, counterParam, counterInit.size()));
                }
                Object[] out = body.run(in);
                bodyOut[0] = out;
                if (probe) {
                    // A first trace only to learn what the body returns (TensorFlow does the same for an
                    // undefined loop variable): its regions are dropped.
                    return List.<Tensor>of();
                }
                List<Tensor> values = new ArrayList<>();
                for (int j = 0; j < nVars; j++) {
                    values.add(loopValue(site, loopVars.get(j), out[loopVars.get(j)], types.get(j), where));
                }
                for (int k : javaVars) {
                    if (!Objects.equals(out[k], vars[k])) {
                        Var var = site.vars().get(k);
                        throw new AutographException("'" + var.name() + "' is a Java " + CondStaging.javaType(vars[k])
                                + " that the loop changes, but the loop is a graph loop (its condition is a tensor):"
                                + " make it a tensor" + where);
                    }
                }
                if (counter != null) {
                    values.addAll(counter.next(params(bodyTrace, counterParam, counterInit.size())));
                }
                values.add(Tf.add(bodyTrace.param(tripParam), Tf.constant(1)));
                return values;
            });
            if (probe) {
                for (int k : pendingArrays) {
                    if (bodyOut[0][k] instanceof TensorArray written && written.hasBuffer()) {
                        TensorArray entering = StagedArrays.learned((TensorArray) vars[k], written.elementShape(),
                                site.vars().get(k).name(), where);
                        loopVars.add(k);
                        initial.add(entering.buffer());
                        types.add(entering.buffer().type());
                        arrays.add(entering);
                    } else {
                        javaVars.add(k);
                    }
                }
                pendingArrays.clear();
                if (!pendingRetval) {
                    continue;
                }
                pendingRetval = false;
                Object value = bodyOut[0][site.retvalIndex()];
                if (!(value instanceof Tensor t) || !t.shape().isFullyDefined()) {
                    throw new AutographException("the value returned from inside the loop must be a tensor of a fully"
                            + " known shape, got " + value + where);
                }
                loopVars.add(site.retvalIndex());
                Tensor zeros = Tf.zeros(t.shape(), t.dtype());
                initial.add(zeros);
                types.add(zeros.type());
                arrays.add(null);
                continue;
            }
            boolean relax = false;
            for (int j = 0; j < nVars; j++) {
                TensorType before = (TensorType) types.get(j);
                Tensor after = next.get(j);
                String name = "'" + names.get(j) + "'";
                if (before.dtype() != after.dtype()) {
                    throw new InvalidArgumentException(name + " has dtype " + before.dtype().tfName() + " before the loop,"
                            + " but dtype " + after.dtype().tfName() + " after one iteration" + where);
                }
                Shape invariant = bodyTrace.invariant(j);
                if (invariant != null && !invariant.equals(before.shape()) && !relaxed) {
                    if (!invariant.isMoreGeneralThan(before.shape())) {
                        throw new InvalidArgumentException(name + " has shape " + before.shape() + " before the loop, which"
                                + " does not fit its shape invariant " + invariant + where);
                    }
                    types.set(j, new TensorType(before.dtype(), invariant));
                    relax = true;
                } else if (!before.shape().isMoreGeneralThan(after.shape())) {
                    throw new InvalidArgumentException(name + " has shape " + before.shape() + " before the loop, but shape "
                            + after.shape() + " after one iteration. Use tf.autograph.experimental.set_loop_options to set"
                            + " shape invariants. (In Kiln: LoopOptions.shapeInvariant.)" + where);
                }
            }
            if (relax) {
                relaxed = true;
                continue;
            }
            List<Value> condYield = condTrace.values(List.of(condition));
            List<Value> bodyYield = bodyTrace.values(next);
            Region condRegion = condTrace.build(condYield, false);
            Region bodyRegion = bodyTrace.build(bodyYield, true);
            List<Operand> inputs = new ArrayList<>(initial);
            inputs.addAll(counterInit);
            inputs.add(Tf.constant(0));
            inputs.addAll(captures.operands());
            Operand[] in = inputs.toArray(Operand[]::new);
            Tensor[] results = outer.executeRegionOp(ControlOps.WHILE, Attributes.empty(), in,
                    List.of(condRegion, bodyRegion));
            ControlFlowGradients.recordWhile(in, results, condRegion, bodyRegion, tripParam);
            Object[] out = vars.clone();
            for (int j = 0; j < nVars; j++) {
                out[loopVars.get(j)] = arrays.get(j) == null ? results[j] : arrays.get(j).over(results[j]);
            }
            return out;
        }
    }

    /** Parameters {@code from .. from + count - 1} of {@code trace}. */
    private static List<Tensor> params(RegionTrace trace, int from, int count) {
        List<Tensor> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(trace.param(from + i));
        }
        return out;
    }

    /** {@code vars} with the loop variables replaced by the parameters of {@code trace} (TensorArrays over them). */
    private static Object[] withParams(Object[] vars, List<Integer> loopVars, List<TensorArray> arrays, RegionTrace trace) {
        Object[] in = vars.clone();
        for (int j = 0; j < loopVars.size(); j++) {
            in[loopVars.get(j)] = arrays.get(j) == null ? trace.param(j) : arrays.get(j).over(trace.param(j));
        }
        return in;
    }

    private static Tensor loopValue(LoopSite site, int k, Object value, Type before, String where) {
        if (value instanceof Tensor t) {
            return t;
        }
        if (value instanceof TensorArray ta) {
            return StagedArrays.leaving(ta, (TensorType) before);
        }
        if (CondStaging.isJavaScalar(value)) {
            return Tf.constant(value, ((TensorType) before).dtype());
        }
        String name = k == site.breakIndex() ? "break_" : site.vars().get(k).name();
        throw new AutographException("'" + name + "' is " + (value == null ? "None" : "a " + value.getClass().getSimpleName())
                + " after one iteration, but a tensor before the loop" + where);
    }

    private static Tensor asCondition(Object test, String where) {
        Tensor c = test instanceof Tensor t ? t : Tf.constant(test);
        if (c.dtype() != DType.BOOL || c.shape().hasKnownRank() && c.rank() != 0) {
            throw new InvalidArgumentException("The condition of a while loop expected to be `tf.bool` scalar, got " + c
                    + where);
        }
        return c;
    }
}
