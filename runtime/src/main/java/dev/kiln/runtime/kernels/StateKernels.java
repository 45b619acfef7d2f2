package dev.kiln.runtime.kernels;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import dev.kiln.ir.VariableType;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.VariableKernel;
import dev.kiln.runtime.VariableSlot;
import java.util.List;

/**
 * Kernels of the state group. Each validates against the variable's current type with the catalog's
 * type rule (TensorFlow's messages: "Shape mismatch", wrong dtype), then reads or updates the slot;
 * read-modify-write updates run atomically through {@link VariableSlot#update}.
 */
final class StateKernels {
    private StateKernels() {}

    private static final Literal[] NONE = new Literal[0];

    static void register(KernelRegistry.Builder b) {
        b.put("read_variable", op -> (VariableKernel) (slot, in, attrs) -> new Literal[] {slot.read()});
        b.put("assign", op -> (VariableKernel) (slot, in, attrs) -> {
            check(op, slot, in, attrs);
            slot.assign(in[0]);
            return NONE;
        });
        b.put("assign_add", op -> update(op, "add"));
        b.put("assign_sub", op -> update(op, "sub"));
        b.put("scatter_nd_update", StateKernels::scatterNdUpdate);
        b.put("strided_slice_assign", op -> (VariableKernel) (slot, in, attrs) -> {
            check(op, slot, in, attrs);
            slot.update(old -> {
                int[] offsets = StridedSlice.of(old.shape(), attrs).offsets(old.shape());
                return Elements.put(old, offsets, in[0]);
            });
            return NONE;
        });
    }

    private static void check(OpDef op, VariableSlot slot, Literal[] in, Attributes attrs) {
        ConcreteTypes.infer(op, List.of(new VariableType(slot.valueType())), in, attrs);
    }

    private static VariableKernel update(OpDef op, String arithmetic) {
        BinaryKernel f = arithmetic.equals("add")
                ? BinaryKernel.builder(op).f32((x, y) -> x + y).f64((x, y) -> x + y).i32((x, y) -> x + y)
                        .i64((x, y) -> x + y).build()
                : BinaryKernel.builder(op).f32((x, y) -> x - y).f64((x, y) -> x - y).i32((x, y) -> x - y)
                        .i64((x, y) -> x - y).build();
        return (slot, in, attrs) -> {
            check(op, slot, in, attrs);
            slot.update(old -> f.apply(old, in[0]));
            return NONE;
        };
    }

    /**
     * Each index row (the last dimension of indices; rank-1 indices are single indices into dimension
     * 0) addresses a slice of the variable, which the matching slice of updates replaces.
     */
    private static VariableKernel scatterNdUpdate(OpDef op) {
        return (slot, in, attrs) -> {
            check(op, slot, in, attrs);
            Literal indices = in[0];
            Literal updates = in[1];
            slot.update(old -> {
                int[] id = indices.shape().dims();
                // Rank-1 indices are single indices into dimension 0 (the resource op's reading).
                int[] target = id.length > 1
                        ? IndexRows.lastDimension(op, old.shape(), indices, "param shape")
                        : IndexRows.positions(op, old.shape(), indices, id, 1, "param shape");
                return Elements.put(old, target, updates);
            });
            return NONE;
        };
    }
}
