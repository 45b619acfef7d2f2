package dev.kiln.runtime.fast;

import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.VariableType;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.Parallelism;
import dev.kiln.runtime.VariableKernel;
import dev.kiln.runtime.kernels.ConcreteTypes;
import java.util.List;

/**
 * assign_add and assign_sub on float variables with the vector loops of the elementwise kernels (an
 * optimizer step runs them once per parameter); the update stays one atomic read-modify-write of the
 * slot, in place when the slot's array is its own ({@link dev.kiln.runtime.VariableSlot#update(
 * java.util.function.BiFunction)}). Other dtypes go to the reference kernels.
 */
final class AssignKernels {
    /** Elements per part below which a second thread costs more than it saves. */
    private static final long PARALLEL_MIN = 1L << 16;

    private AssignKernels() {}

    static void register(KernelRegistry.Builder b) {
        b.replace("assign_add", (op, ref) -> update(op, BinaryOp.ADD, (VariableKernel) ref));
        b.replace("assign_sub", (op, ref) -> update(op, BinaryOp.SUB, (VariableKernel) ref));
    }

    private static VariableKernel update(OpDef op, BinaryOp arithmetic, VariableKernel reference) {
        return (slot, in, attrs) -> {
            TensorType current = slot.valueType();
            if (!current.dtype().isFloating() || in[0].dtype() != current.dtype()) {
                return reference.run(slot, in, attrs);
            }
            ConcreteTypes.infer(op, List.of(new VariableType(current)), in, attrs);
            slot.update((old, into) -> in[0].shape().equals(old.shape())
                    ? sameShape(arithmetic, old, in[0], into)
                    : ElementwiseKernels.binary(op.tfName(), arithmetic, old, in[0]));
            return new Literal[0];
        };
    }

    /**
     * {@code old op delta} of one shape, into {@code into} when it is not null (element i of the result
     * reads only element i of the old value, so writing over it is safe), split across the threads when
     * large: an optimizer step over a big weight matrix is a pass over memory that one core does not
     * saturate.
     */
    private static Literal sameShape(BinaryOp arithmetic, Literal old, Literal delta, Object into) {
        int n = old.size();
        int parts = Parallelism.parts(n, PARALLEL_MIN);
        if (old.dtype() == DType.FLOAT32) {
            float[] x = old.floats();
            float[] y = delta.floats();
            float[] out = into != null ? (float[]) into : new float[n];
            Parallelism.run(parts, p -> {
                int lo = (int) ((long) n * p / parts);
                FloatElementwise.binary(arithmetic, x, lo, 1, y, lo, 1, out, lo, (int) ((long) n * (p + 1) / parts) - lo);
            });
            return Literal.wrap(DType.FLOAT32, old.shape(), out);
        }
        double[] x = old.doubles();
        double[] y = delta.doubles();
        double[] out = into != null ? (double[]) into : new double[n];
        Parallelism.run(parts, p -> {
            int lo = (int) ((long) n * p / parts);
            DoubleElementwise.binary(arithmetic, x, lo, 1, y, lo, 1, out, lo, (int) ((long) n * (p + 1) / parts) - lo);
        });
        return Literal.wrap(DType.FLOAT64, old.shape(), out);
    }
}
