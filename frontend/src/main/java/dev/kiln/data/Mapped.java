package dev.kiln.data;

import dev.kiln.TensorSpec;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/** Applies a function to every element. */
final class Mapped extends Dataset {
    private final Dataset input;
    private final Function<Batch, ?> f;
    private volatile List<TensorSpec> spec;

    Mapped(Dataset input, Function<Batch, ?> f) {
        this.input = input;
        this.f = f;
    }

    @Override
    public long cardinality() {
        return input.cardinality();
    }

    /** Found by mapping the first element (the function's output shapes are not known otherwise). */
    @Override
    public List<TensorSpec> elementSpec() {
        if (spec == null) {
            Iterator<Batch> it = elements();
            if (!it.hasNext()) {
                throw new IllegalStateException("the element spec of an empty mapped dataset is unknown");
            }
            spec = it.next().tensors().stream().map(t -> TensorSpec.of(t.dtype(), t.shape())).toList();
        }
        return spec;
    }

    @Override
    Iterator<Batch> elements() {
        return mapping(input.elements(), b -> toBatch(f.apply(b)));
    }
}
