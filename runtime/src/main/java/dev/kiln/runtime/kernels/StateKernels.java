package dev.kiln.runtime.kernels;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import dev.kiln.ir.VariableType;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.VariableKernel;
import dev.kiln.runtime.VariableSlot;
import java.util.Arrays;
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
                Shape params = old.shape();
                int[] id = indices.shape().dims();
                int depth = id.length > 1 ? id[id.length - 1] : 1;
                int count = depth == 0 ? 0 : indices.size() / depth;
                int[] strides = params.strides();
                int slice = IndexKernels.product(params.dims(), depth, params.rank());
                long[] idx = Cast.asLongs(indices);
                int[] target = new int[count * slice];
                for (int r = 0; r < count; r++) {
                    int offset = 0;
                    for (int j = 0; j < depth; j++) {
                        long v = idx[r * depth + j];
                        if (v < 0 || v >= params.dim(j)) {
                            throw KernelError.of(op, "indices" + IndexKernels.position(
                                    Arrays.copyOf(id, Math.max(1, id.length - 1)), r) + " = "
                                    + row(idx, r * depth, depth) + " does not index into param shape "
                                    + params.toIrString());
                        }
                        offset += (int) v * strides[j];
                    }
                    for (int k = 0; k < slice; k++) {
                        target[r * slice + k] = offset + k;
                    }
                }
                return Elements.put(old, target, updates);
            });
            return NONE;
        };
    }

    private static String row(long[] idx, int from, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int j = 0; j < n; j++) {
            sb.append(j > 0 ? ", " : "").append(idx[from + j]);
        }
        return sb.append(']').toString();
    }
}
