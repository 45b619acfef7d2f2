package dev.kiln;

import dev.kiln.data.Batch;
import dev.kiln.data.Dataset;
import dev.kiln.data.GraphIterator;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.Literal;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.ops.IteratorOps;
import dev.kiln.runtime.data.HostDataset;
import dev.kiln.runtime.data.HostIterator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Datasets and iterators as graph resources: the host side the runtime's iterator kernels read (a
 * {@link Dataset} as a {@link HostDataset}, its iterators as {@link HostIterator}s), and the graph side, the
 * iterator ops a traced function adds.
 */
final class DatasetResources {
    private DatasetResources() {}

    static List<TensorType> types(List<TensorSpec> spec) {
        List<TensorType> out = new ArrayList<>(spec.size());
        for (TensorSpec s : spec) {
            out.add(s.type());
        }
        return List.copyOf(out);
    }

    /** A handle tensor for {@code h}. */
    static Tensor handleTensor(long h) {
        return Tensor.of(Literal.scalar(h));
    }

    /** {@code d} as the runtime reads it; {@code types} are its element types. */
    static HostDataset host(Dataset d, List<TensorType> types) {
        return new HostDataset() {
            @Override
            public List<TensorType> elementTypes() {
                return types;
            }

            @Override
            public HostIterator open() {
                return host(d.iterator(), types);
            }
        };
    }

    static HostIterator host(Iterator<Batch> it, List<TensorType> types) {
        return new HostIterator() {
            @Override
            public List<TensorType> elementTypes() {
                return types;
            }

            @Override
            public Literal[] next() {
                // A map function runs eagerly here; a tape recording the caller's ops must not see it.
                return TapeStack.isolated(() -> ExecutionContext.callWith(EagerContext.INSTANCE, () -> {
                    if (!it.hasNext()) {
                        return null;
                    }
                    List<Tensor> parts = it.next().tensors();
                    Literal[] out = new Literal[parts.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = parts.get(i).literal();
                    }
                    return out;
                }));
            }
        };
    }

    /** The stand-in a trace passes for an iterator argument whose handle is {@code handle}. */
    static GraphIterator graphIterator(Tensor handle, List<TensorSpec> spec) {
        List<TensorType> types = types(spec);
        return GraphIterator.of(handle, spec, () -> new Batch(List.of(ExecutionContext.run(
                IteratorOps.ITERATOR_GET_NEXT, Attributes.empty().with("element_types", types), handle))));
    }

    /** {@code make_iterator}: a new pass over the dataset of {@code datasetHandle}. */
    static Tensor makeIterator(Tensor datasetHandle) {
        return ExecutionContext.run1(IteratorOps.MAKE_ITERATOR, Attributes.empty(), datasetHandle);
    }

    /** {@code iterator_get_next_as_optional}: whether there was an element, then its components. */
    static Tensor[] nextAsOptional(Tensor iterator, List<TensorType> types) {
        return ExecutionContext.run(IteratorOps.ITERATOR_GET_NEXT_AS_OPTIONAL,
                Attributes.empty().with("element_types", types), iterator);
    }
}
