package dev.kiln.runtime.kernels;

import dev.kiln.OutOfRangeException;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.PureKernel;
import dev.kiln.runtime.data.HostDataset;
import dev.kiln.runtime.data.HostIterator;
import dev.kiln.runtime.data.ResourceHandles;
import java.util.List;

/**
 * Kernels of the iterator ops: handles resolved through {@link ResourceHandles}. Pure in form (operands to
 * results) but the catalog marks the ops side-effecting, so every run reaches the host iterator.
 */
public final class IteratorKernels {
    private IteratorKernels() {}

    static void register(KernelRegistry.Builder b) {
        b.put("make_iterator", op -> (PureKernel) (in, attrs) -> {
            HostDataset ds = resolve(op, in[0], HostDataset.class, "a dataset");
            return new Literal[] {Literal.scalar(ResourceHandles.register(ds.open()))};
        });
        b.put("iterator_get_next", op -> (PureKernel) (in, attrs) -> {
            HostIterator it = resolve(op, in[0], HostIterator.class, "an iterator");
            List<TensorType> types = attrs.getTypes("element_types");
            Literal[] e = it.next();
            if (e == null) {
                throw new OutOfRangeException("End of sequence [Op:" + op.tfName() + "]");
            }
            check(op, types, e);
            return e;
        });
        b.put("iterator_get_next_as_optional", op -> (PureKernel) (in, attrs) -> {
            HostIterator it = resolve(op, in[0], HostIterator.class, "an iterator");
            List<TensorType> types = attrs.getTypes("element_types");
            Literal[] e = it.next();
            Literal[] out = new Literal[types.size() + 1];
            out[0] = Literal.scalar(e != null);
            if (e == null) {
                // The loop that reads this stops here; its element values are never used, only typed.
                for (int i = 0; i < types.size(); i++) {
                    out[i + 1] = Literal.zeros(types.get(i).dtype(), emptyOf(types.get(i).shape()));
                }
                return out;
            }
            check(op, types, e);
            System.arraycopy(e, 0, out, 1, e.length);
            return out;
        });
    }

    private static <T> T resolve(OpDef op, Literal handle, Class<T> kind, String what) {
        if (handle.dtype() != DType.INT64 || handle.shape().rank() != 0) {
            throw KernelError.of(op, "expected a scalar int64 handle of " + what + ", got " + handle.dtype().kernelName()
                    + " " + handle.shape().toIrString());
        }
        Object o;
        try {
            o = ResourceHandles.get(handle.getLong(0));
        } catch (IllegalStateException e) {
            throw KernelError.of(op, e.getMessage());
        }
        if (!kind.isInstance(o)) {
            throw KernelError.of(op, "handle " + handle.getLong(0) + " is not " + what + " but a "
                    + o.getClass().getSimpleName());
        }
        return kind.cast(o);
    }

    /** TensorFlow's check that an element matches the declared types (a generator can yield anything). */
    private static void check(OpDef op, List<TensorType> types, Literal[] e) {
        if (e.length != types.size()) {
            throw KernelError.of(op, "expected an element of " + types.size() + " components, got " + e.length);
        }
        for (int i = 0; i < e.length; i++) {
            TensorType t = types.get(i);
            if (e[i].dtype() != t.dtype()) {
                throw KernelError.of(op, "component " + i + " of the element: expected dtype " + t.dtype().tfName()
                        + ", got " + e[i].dtype().tfName());
            }
            if (!t.shape().isMoreGeneralThan(e[i].shape())) {
                throw KernelError.of(op, "component " + i + " of the element: expected shape " + t.shape().toIrString()
                        + ", got " + e[i].shape().toIrString());
            }
        }
    }

    /** The shape with unknown dimensions as 0 (an unknown rank as a scalar). */
    private static Shape emptyOf(Shape s) {
        if (!s.hasKnownRank()) {
            return Shape.scalar();
        }
        int[] dims = s.dims().clone();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == Shape.UNKNOWN) {
                dims[i] = 0;
            }
        }
        return Shape.of(dims);
    }
}
