package dev.kiln.runtime.fast;

import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.VariableType;
import dev.kiln.runtime.KernelRegistry;
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
            // Element i of the result reads only element i of the old value: writing over it is safe.
            slot.update((old, into) -> ElementwiseKernels.binary(op.tfName(), arithmetic, old, in[0],
                    in[0].shape().equals(old.shape()) ? into : null));
            return new Literal[0];
        };
    }
}
