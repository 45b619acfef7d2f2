package dev.kiln;

import dev.kiln.autograph.Branch;
import dev.kiln.autograph.IfSite;
import dev.kiln.autograph.Var;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Region;
import dev.kiln.ir.Value;
import dev.kiln.ir.ops.ControlOps;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A converted {@code if} on a symbolic condition: both branches are traced as regions, and the variables
 * the code after the statement reads (and a conditional expression's or returning branch's value) become
 * the results of one {@code cond} node. TensorFlow's rules for what the branches may leave apply: a
 * variable must be a tensor in both branches or the same Java value in both, with one dtype.
 */
final class CondStaging {
    private CondStaging() {}

    /** The variables after a branch that ran in Java (a concrete condition). */
    static Object[] taken(Object[] vars, Object[] branch, IfSite site) {
        Object[] out = vars.clone();
        for (int i : site.outputs()) {
            out[i] = branch[i];
        }
        out[site.resultIndex()] = branch[site.resultIndex()];
        return out;
    }

    static Object[] stage(Tensor pred, Branch then, Branch otherwise, Object[] vars, IfSite site) {
        if (pred.dtype() != DType.BOOL || pred.shape().hasKnownRank() && pred.rank() != 0) {
            throw new InvalidArgumentException("The condition of an if statement expected to be `tf.bool` scalar, got "
                    + pred + " (the if at " + site.position() + ")");
        }
        ExecutionContext outer = ExecutionContext.current();
        RegionTrace.Captures captures = new RegionTrace.Captures();
        RegionTrace thenTrace = new RegionTrace("then", outer, captures, List.of(), List.of());
        RegionTrace elseTrace = new RegionTrace("else", outer, captures, List.of(), List.of());
        Object[] a = thenTrace.run(() -> then.run(vars.clone()));
        Object[] b = elseTrace.run(() -> otherwise.run(vars.clone()));

        Object[] out = vars.clone();
        if (foldable(a, b, site, thenTrace, elseTrace)) {
            // Branches that only choose between Java booleans (a loop test, a && of tensors) need no cond.
            for (int i : entries(site)) {
                if (!java.util.Objects.equals(a[i], b[i])) {
                    out[i] = (Boolean) a[i] ? pred : Tf.logicalNot(pred);
                } else {
                    out[i] = a[i];
                }
            }
            return out;
        }
        List<Integer> merged = new ArrayList<>();
        List<TensorArray> arrays = new ArrayList<>();
        List<Tensor> thenValues = new ArrayList<>();
        List<Tensor> elseValues = new ArrayList<>();
        for (int i : entries(site)) {
            Object x = a[i];
            Object y = b[i];
            if (x == y || (!(x instanceof Operand) && !(y instanceof Operand) && java.util.Objects.equals(x, y))) {
                out[i] = x;
                continue;
            }
            merged.add(i);
            if (x instanceof TensorArray || y instanceof TensorArray) {
                StagedArrays.Merge m = StagedArrays.branches(describe(i, site), x, y, thenTrace, elseTrace,
                        " (the if at " + site.position() + ")");
                arrays.add(m.result());
                thenValues.add(m.thenBuffer());
                elseValues.add(m.elseBuffer());
                continue;
            }
            Tensor[] pair = pair(i, x, y, site, thenTrace, elseTrace);
            arrays.add(null);
            thenValues.add(pair[0]);
            elseValues.add(pair[1]);
        }
        Tensor[] results = node(outer, pred, captures, thenTrace, thenValues, elseTrace, elseValues);
        for (int k = 0; k < merged.size(); k++) {
            out[merged.get(k)] = arrays.get(k) == null ? results[k] : arrays.get(k).over(results[k]);
        }
        return out;
    }

    /**
     * A {@code cond} node on {@code pred} whose branches are what {@code then} and {@code otherwise} compute
     * (traced as its regions): for choices library code makes inside a trace.
     */
    static Tensor select(Tensor pred, Supplier<Tensor> then, Supplier<Tensor> otherwise) {
        ExecutionContext outer = ExecutionContext.current();
        RegionTrace.Captures captures = new RegionTrace.Captures();
        RegionTrace thenTrace = new RegionTrace("then", outer, captures, List.of(), List.of());
        RegionTrace elseTrace = new RegionTrace("else", outer, captures, List.of(), List.of());
        Tensor a = thenTrace.run(then);
        Tensor b = elseTrace.run(otherwise);
        return node(outer, pred, captures, thenTrace, List.of(a), elseTrace, List.of(b))[0];
    }

    /** Builds the two traced branches yielding the given values and adds the {@code cond} node to {@code outer}. */
    private static Tensor[] node(ExecutionContext outer, Tensor pred, RegionTrace.Captures captures, RegionTrace thenTrace,
            List<Tensor> thenValues, RegionTrace elseTrace, List<Tensor> elseValues) {
        List<Value> thenYield = thenTrace.values(thenValues);
        List<Value> elseYield = elseTrace.values(elseValues);
        Region thenRegion = thenTrace.build(thenYield, false);
        Region elseRegion = elseTrace.build(elseYield, false);
        List<Operand> inputs = new ArrayList<>();
        inputs.add(pred);
        inputs.addAll(captures.operands());
        Operand[] in = inputs.toArray(Operand[]::new);
        Tensor[] results = outer.executeRegionOp(ControlOps.COND, Attributes.empty(), in, List.of(thenRegion, elseRegion));
        ControlFlowGradients.recordCond(in, results, thenRegion, elseRegion);
        return results;
    }

    /** The entries the statement merges: the outputs, then the result when there is one. */
    private static List<Integer> entries(IfSite site) {
        List<Integer> indices = new ArrayList<>();
        for (int i : site.outputs()) {
            indices.add(i);
        }
        if (site.result() != IfSite.Result.NONE) {
            indices.add(site.resultIndex());
        }
        return indices;
    }

    /** Whether both branches ran no op and every merged entry is a Java boolean in both. */
    private static boolean foldable(Object[] a, Object[] b, IfSite site, RegionTrace thenTrace, RegionTrace elseTrace) {
        if (!thenTrace.isEmpty() || !elseTrace.isEmpty()) {
            return false;
        }
        for (int i : entries(site)) {
            if (a[i] != b[i] && !(a[i] instanceof Boolean && b[i] instanceof Boolean && canHoldTensor(site.vars().get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** The tensors the two branches yield for entry {@code i}, or the error TensorFlow raises for them. */
    private static Tensor[] pair(int i, Object x, Object y, IfSite site, RegionTrace thenTrace, RegionTrace elseTrace) {
        Var var = site.vars().get(i);
        String name = describe(i, site);
        String where = " (the if at " + site.position() + ")";
        if (x instanceof Tensor tx && y instanceof Tensor ty) {
            return checked(name, tx, ty, where);
        }
        if (i == site.resultIndex() - 1 && (x == null ? y : x) instanceof Tensor defined
                && defined.shape().isFullyDefined()) {
            // retval_ of a loop body: undefined on the path that did not return, and never read there
            // (TensorFlow uses a placeholder value too).
            Tensor placeholder = (x == null ? thenTrace : elseTrace).run(() -> Tf.zeros(defined.shape(), defined.dtype()));
            return x == null ? new Tensor[] {placeholder, defined} : new Tensor[] {defined, placeholder};
        }
        if (x == null || y == null) {
            boolean thenIsNull = x == null;
            String missing = thenIsNull ? "main" : "else";
            if (i == site.resultIndex() && site.result() == IfSite.Result.RETURN) {
                throw new AutographException("The " + (thenIsNull ? "else" : "main") + " branch returns a value, so the "
                        + missing + " branch must also have a return statement with a value (it returns null)" + where);
            }
            if (i != site.resultIndex() && site.assigns(thenIsNull, i)) {
                throw new AutographException(name + " is None at the end of the " + missing + " branch" + where);
            }
            throw new AutographException(name + " must also be initialized in the " + missing + " branch" + where);
        }
        boolean javaX = isJavaScalar(x);
        boolean javaY = isJavaScalar(y);
        if (canHoldTensor(var) && (x instanceof Tensor || javaX) && (y instanceof Tensor || javaY)) {
            DType dtype = x instanceof Tensor tx ? tx.dtype() : y instanceof Tensor ty ? ty.dtype() : null;
            Tensor tx = x instanceof Tensor t ? t : thenTrace.run(() -> OperandConversion.tensor(x, dtype));
            Tensor ty = y instanceof Tensor t ? t : elseTrace.run(() -> OperandConversion.tensor(y, dtype));
            return checked(name, tx, ty, where);
        }
        String kind = x instanceof Tensor || y instanceof Tensor ? "a tensor in one branch and a "
                + javaType(x instanceof Tensor ? y : x) + " in the other" : "a Java " + javaType(x) + " with different values";
        throw new AutographException(name + " is " + kind + ": only tensors can depend on a tensor condition. Make it"
                + " a tensor (for example with Tf.constant) or compute it the same way in both branches" + where);
    }

    private static Tensor[] checked(String name, Tensor x, Tensor y, String where) {
        if (x.dtype() != y.dtype()) {
            throw new InvalidArgumentException(name + " has dtype " + x.dtype().tfName() + " in the main branch, but dtype "
                    + y.dtype().tfName() + " in the else branch" + where);
        }
        return new Tensor[] {x, y};
    }

    private static String describe(int i, IfSite site) {
        if (i == site.resultIndex()) {
            return site.result() == IfSite.Result.RETURN ? "the return value" : "the conditional expression";
        }
        return "'" + site.vars().get(i).name() + "'";
    }

    /** Whether the Java code keeps this entry in a variable that can hold a tensor. */
    static boolean canHoldTensor(Var v) {
        String d = v.descriptor();
        return d.equals("Ljava/lang/Object;") || d.equals("Ldev/kiln/Tensor;") || d.equals("Ldev/kiln/Operand;");
    }

    static boolean isJavaScalar(Object o) {
        return o instanceof Number || o instanceof Boolean;
    }

    static String javaType(Object o) {
        return switch (o) {
            case null -> "null";
            case Integer i -> "int";
            case Long l -> "long";
            case Float f -> "float";
            case Double d -> "double";
            case Boolean b -> "boolean";
            default -> o.getClass().getSimpleName();
        };
    }
}
