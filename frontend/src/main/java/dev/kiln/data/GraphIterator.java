package dev.kiln.data;

import dev.kiln.Tensor;
import dev.kiln.TensorSpec;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a traced function receives in place of a {@link DatasetIterator} argument: each {@link #next} adds
 * a graph read of the iterator's next element (TensorFlow's {@code IteratorGetNext}), which fails with
 * {@code OutOfRangeException} at run time after the last element. Whether elements remain is known only
 * when the graph runs, so {@link #hasNext} cannot answer.
 */
public final class GraphIterator implements Iterator<Batch> {
    private final Tensor handle;
    private final List<TensorSpec> spec;
    private final Supplier<Batch> next;

    private GraphIterator(Tensor handle, List<TensorSpec> spec, Supplier<Batch> next) {
        this.handle = handle;
        this.spec = List.copyOf(spec);
        this.next = next;
    }

    /** The stand-in for an iterator whose handle is {@code handle}; {@code next} adds the read to the graph. */
    public static GraphIterator of(Tensor handle, List<TensorSpec> spec, Supplier<Batch> next) {
        return new GraphIterator(handle, spec, next);
    }

    public Tensor handle() {
        return handle;
    }

    public List<TensorSpec> elementSpec() {
        return spec;
    }

    @Override
    public boolean hasNext() {
        throw new UnsupportedOperationException("whether a dataset iterator has more elements is known only when the"
                + " traced function runs: call next() (it fails with OutOfRangeException after the last element), or"
                + " loop over the dataset with a for-each loop");
    }

    @Override
    public Batch next() {
        return next.get();
    }
}
