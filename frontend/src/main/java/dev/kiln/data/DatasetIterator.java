package dev.kiln.data;

import dev.kiln.TensorSpec;
import java.util.Iterator;
import java.util.List;

/**
 * One pass over a {@link Dataset}, what {@link Dataset#iterator} returns. Passed to a traced function it
 * is a graph input (keyed by the element spec); each {@code next()} the function makes reads the next
 * element when the function runs, so successive calls continue where the last one stopped, as
 * TensorFlow's {@code next(iterator)} does.
 *
 * <pre>{@code
 * Iterator<Batch> it = Dataset.fromTensorSlices(new int[] {1, 2, 3}).iterator();
 * PolymorphicFunction consume = Kiln.function((Iterator<Batch> i) -> i.next().get(0));
 * consume.call(it);   // 1
 * consume.call(it);   // 2
 * }</pre>
 */
public final class DatasetIterator implements Iterator<Batch> {
    private final Dataset dataset;
    private final Iterator<Batch> elements;

    DatasetIterator(Dataset dataset, Iterator<Batch> elements) {
        this.dataset = dataset;
        this.elements = elements;
    }

    /** The dataset's element spec. */
    public List<TensorSpec> elementSpec() {
        return dataset.elementSpec();
    }

    @Override
    public boolean hasNext() {
        return elements.hasNext();
    }

    @Override
    public Batch next() {
        return elements.next();
    }
}
