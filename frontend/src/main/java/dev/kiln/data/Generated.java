package dev.kiln.data;

import dev.kiln.InvalidArgumentException;
import dev.kiln.Operand;
import dev.kiln.Tensor;
import dev.kiln.TensorSpec;
import dev.kiln.Tf;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/** Elements a Java generator yields, checked against the declared signature ({@code from_generator}). */
final class Generated extends Dataset {
    private final Supplier<? extends Iterator<?>> generator;
    private final List<TensorSpec> signature;

    Generated(Supplier<? extends Iterator<?>> generator, List<TensorSpec> signature) {
        if (signature.isEmpty()) {
            throw new IllegalArgumentException("fromGenerator needs the output signature: one TensorSpec per component");
        }
        this.generator = generator;
        this.signature = List.copyOf(signature);
    }

    @Override
    public long cardinality() {
        return UNKNOWN;
    }

    @Override
    public List<TensorSpec> elementSpec() {
        return signature;
    }

    @Override
    Iterator<Batch> elements() {
        return mapping(generator.get(), this::element);
    }

    private Batch element(Object item) {
        List<?> parts = components(item);
        if (parts.size() != signature.size()) {
            throw new InvalidArgumentException("`generator` yielded an element of " + parts.size() + " components where "
                    + signature.size() + " were expected (the output signature)");
        }
        List<Tensor> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            TensorSpec spec = signature.get(i);
            Object v = parts.get(i);
            Tensor t;
            try {
                t = v instanceof Operand o ? o.value() : Tf.constant(v, spec.dtype());
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException("`generator` yielded an element that could not be converted to the"
                        + " expected type. The expected type was " + spec.dtype().tfName() + ", but the yielded element"
                        + " was " + v + ".", e);
            }
            if (t.dtype() != spec.dtype()) {
                throw new InvalidArgumentException("`generator` yielded an element of type " + t.dtype().tfName()
                        + " where an element of type " + spec.dtype().tfName() + " was expected.");
            }
            if (!spec.shape().isMoreGeneralThan(t.shape())) {
                throw new InvalidArgumentException("`generator` yielded an element of shape " + t.shape().toIrString()
                        + " where an element of shape " + spec.shape().toIrString() + " was expected.");
            }
            out.add(t);
        }
        return new Batch(out);
    }

    /** A single-component signature takes the item itself; several take a Batch, a List or an Object[]. */
    private List<?> components(Object item) {
        if (item instanceof Batch b) {
            return b.tensors();
        }
        if (signature.size() == 1) {
            return List.of(item);
        }
        if (item instanceof List<?> l) {
            return l;
        }
        if (item instanceof Object[] a) {
            return List.of(a);
        }
        throw new InvalidArgumentException("`generator` yielded " + item + " where a tuple of " + signature.size()
                + " components (a Batch, a List or an Object[]) was expected");
    }
}
