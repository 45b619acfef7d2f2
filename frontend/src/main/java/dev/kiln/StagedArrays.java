package dev.kiln;

import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import java.util.Arrays;

/**
 * How a {@link TensorArray} held in a local variable crosses staged control flow: the {@code while} or
 * {@code cond} node carries the array's buffer tensor, and the code after the node gets an array over the
 * node's result. An array without a buffer yet gets one where the element shape is known: before a loop
 * from its declared element shape or from what the loop body writes (learned by tracing the body once), in
 * a branch that did not write from what the other branch wrote.
 */
final class StagedArrays {
    private StagedArrays() {}

    /**
     * The array as it enters a loop, with the buffer the loop carries (allocated now when its element shape is
     * fully known); null when the body's writes must tell the element shape first.
     */
    static TensorArray entering(TensorArray ta) {
        if (ta.hasBuffer()) {
            return ta;
        }
        return ta.elementShape().isFullyDefined() ? ta.allocated(ta.elementShape()) : null;
    }

    /** The array entering a loop whose body, traced once to learn it, writes elements of {@code written}. */
    static TensorArray learned(TensorArray ta, Shape written, String name, String where) {
        if (!written.hasKnownRank()) {
            throw new AutographException("'" + name + "' is a TensorArray that the loop writes values of unknown rank to;"
                    + " give its element shape where it is made" + where);
        }
        return ta.allocated(written);
    }

    /** The buffer an array leaves a loop body with, for loop state of type {@code state}. */
    static Tensor leaving(TensorArray ta, TensorType state) {
        if (ta.hasBuffer()) {
            return ta.buffer();
        }
        int[] dims = state.shape().dims();
        return ta.allocated(Shape.of(Arrays.copyOfRange(dims, 1, dims.length))).buffer();
    }

    /** What two branches leave for one TensorArray variable: a buffer each, and the array the result stands for. */
    record Merge(Tensor thenBuffer, Tensor elseBuffer, TensorArray result) {}

    static Merge branches(String name, Object x, Object y, RegionTrace thenTrace, RegionTrace elseTrace, String where) {
        if (!(x instanceof TensorArray a) || !(y instanceof TensorArray b)) {
            Object other = x instanceof TensorArray ? y : x;
            throw new AutographException(name + " is a TensorArray in one branch and "
                    + (other == null ? "null" : "a " + CondStaging.javaType(other)) + " in the other" + where);
        }
        if (a.dtype() != b.dtype()) {
            throw new InvalidArgumentException(name + " is a TensorArray of dtype " + a.dtype().tfName()
                    + " in the main branch, but of dtype " + b.dtype().tfName() + " in the else branch" + where);
        }
        if (!a.hasBuffer() && !b.hasBuffer()) {
            throw new AutographException(name + " is a different TensorArray in each branch, and neither branch writes"
                    + " to it" + where);
        }
        TensorArray ta = a.hasBuffer() ? a : thenTrace.run(() -> a.allocated(written(name, b, where)));
        TensorArray tb = b.hasBuffer() ? b : elseTrace.run(() -> b.allocated(written(name, a, where)));
        Shape element = ta.elementShape().relax(tb.elementShape());
        TensorArray result = ta.withBuffer(ta.buffer(), element, ta.mayBeUnallocated() || tb.mayBeUnallocated());
        return new Merge(ta.buffer(), tb.buffer(), result);
    }

    private static Shape written(String name, TensorArray other, String where) {
        Shape s = other.elementShape();
        if (!s.hasKnownRank()) {
            throw new AutographException(name + " is a TensorArray written with values of unknown rank in one branch"
                    + " only; give its element shape where it is made" + where);
        }
        return s;
    }
}
