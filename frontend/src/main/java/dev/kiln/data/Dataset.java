package dev.kiln.data;

import dev.kiln.Index;
import dev.kiln.Operand;
import dev.kiln.Tensor;
import dev.kiln.TensorSpec;
import dev.kiln.Tf;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An input pipeline in the style of {@code tf.data.Dataset}: a source ({@link #fromTensorSlices}) and
 * transformations ({@code shuffle}, {@code batch}, {@code map}, {@code filter}, {@code repeat},
 * {@code take}, {@code skip}, {@code prefetch}), iterated with Java's for-each. Each iteration starts the
 * pipeline afresh (a new epoch: a reshuffled order).
 *
 * <pre>{@code
 * Dataset ds = Dataset.fromTensorSlices(images, labels).shuffle(10_000, 42).batch(32);
 * for (Batch b : ds) { step.call(b.get(0), b.get(1)); }
 * }</pre>
 *
 * <p>A dataset passed to a traced function is a graph input, keyed by its {@link #elementSpec} (datasets
 * with equal specs share a trace); a for-each loop over it, or over a dataset the function captures, is
 * staged as one graph loop that reads the elements when the function runs, so the graph does not grow
 * with the dataset (autograph converts the loop).
 *
 * <pre>{@code
 * PolymorphicFunction train = Kiln.function((Dataset data) -> {
 *     Tensor loss = Tf.constant(0);
 *     for (Batch b : data) {
 *         loss = loss.add(Tf.abs(b.get(1).sub(b.get(0))));
 *     }
 *     return loss;
 * });
 * train.call(Dataset.fromTensorSlices(new int[] {1, 2, 3}, new int[] {3, 3, 3}));   // 3
 * }</pre>
 */
public abstract class Dataset implements Iterable<Batch> {
    /** {@link #cardinality()} of an endless dataset. */
    public static final long INFINITE = -1;
    /** {@link #cardinality()} when it cannot be known without iterating (after {@code filter}). */
    public static final long UNKNOWN = -2;

    Dataset() {}

    /**
     * The elements along the first dimension of a tensor (or Java array): a {@code float[][]} gives its
     * rows.
     */
    public static Dataset fromTensorSlices(Object component) {
        return fromTensorSlices(List.of(component));
    }

    /**
     * The elements along the first dimension of each tensor (or Java array); all must have the same first
     * dimension. {@code fromTensorSlices(images, labels)} yields (image, label) pairs.
     */
    public static Dataset fromTensorSlices(Object first, Object second) {
        return fromTensorSlices(List.of(first, second));
    }

    public static Dataset fromTensorSlices(Object first, Object second, Object third) {
        return fromTensorSlices(List.of(first, second, third));
    }

    /**
     * {@link #fromTensorSlices(Object, Object)} for any number of components. (Fixed-arity overloads come
     * first so that a single {@code float[][]} argument is never taken for an array of components.)
     */
    public static Dataset fromTensorSlices(List<?> components) {
        List<Tensor> tensors = new ArrayList<>();
        for (Object c : components) {
            tensors.add(c instanceof Operand o ? o.value() : Tf.constant(c));
        }
        return new TensorSlices(tensors);
    }

    /**
     * The elements a Java generator yields ({@code tf.data.Dataset.from_generator} with an output
     * signature): {@code generator} is called at the start of each pass; each item is one component's
     * Java value or tensor when the signature has one spec, else a {@link Batch}, a {@code List} or an
     * {@code Object[]} of components. Items are converted to the signature's dtypes and checked against
     * its shapes. Its cardinality is {@link #UNKNOWN}.
     *
     * <pre>{@code
     * Dataset pairs = Dataset.fromGenerator(() -> List.of(List.of(1, 1), List.of(2, 2)).iterator(),
     *         TensorSpec.of(DType.INT32), TensorSpec.of(DType.INT32));
     * }</pre>
     */
    public static Dataset fromGenerator(Supplier<? extends Iterator<?>> generator, TensorSpec... outputSignature) {
        return new Generated(generator, List.of(outputSignature));
    }

    /** Number of elements, {@link #INFINITE} or {@link #UNKNOWN}. */
    public abstract long cardinality();

    /** Each element's components' specs: shape (unknown batch dimension after {@code batch}) and dtype. */
    public abstract List<TensorSpec> elementSpec();

    /**
     * A new pass over the elements (for a shuffled dataset, a new order). The iterator can also be passed to
     * a traced function, which then reads its next elements when it runs ({@code next(iterator)} in
     * TensorFlow).
     */
    @Override
    public final Iterator<Batch> iterator() {
        return new DatasetIterator(this, elements());
    }

    /** The elements, in order: what {@link #iterator} wraps. */
    abstract Iterator<Batch> elements();

    /**
     * Shuffles with a buffer of {@code bufferSize} elements, as tf.data does: the first element is
     * drawn uniformly from the first {@code bufferSize} elements. Deterministic for a seed; each new
     * iteration (epoch) draws a new order.
     */
    public Dataset shuffle(int bufferSize, long seed) {
        return shuffle(bufferSize, seed, true);
    }

    public Dataset shuffle(int bufferSize, long seed, boolean reshuffleEachIteration) {
        return new Shuffled(this, bufferSize, seed, reshuffleEachIteration);
    }

    /** Groups {@code size} consecutive elements, stacking each component; the last batch may be smaller. */
    public Dataset batch(int size) {
        return batch(size, false);
    }

    public Dataset batch(int size, boolean dropRemainder) {
        return new Batched(this, size, dropRemainder);
    }

    /**
     * Applies {@code f} to each element. It may return a {@link Tensor}, a {@link Batch} or a
     * {@code List<Tensor>}.
     */
    public Dataset map(Function<Batch, ?> f) {
        return new Mapped(this, f);
    }

    /** Keeps the elements for which {@code predicate} holds. */
    public Dataset filter(Predicate<Batch> predicate) {
        return new Filtered(this, predicate);
    }

    /** Repeats forever. */
    public Dataset repeat() {
        return new Repeated(this, -1);
    }

    public Dataset repeat(int count) {
        return new Repeated(this, count);
    }

    public Dataset take(long count) {
        return new Taken(this, count, false);
    }

    public Dataset skip(long count) {
        return new Taken(this, count, true);
    }

    /** Produces up to {@code bufferSize} elements ahead on a background thread. */
    public Dataset prefetch(int bufferSize) {
        return new Prefetched(this, bufferSize);
    }

    /** The items of {@code source}, each turned into an element by {@code f} as it is read. */
    static <T> Iterator<Batch> mapping(Iterator<T> source, Function<? super T, Batch> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Batch next() {
                return f.apply(source.next());
            }
        };
    }

    static Batch toBatch(Object mapped) {
        if (mapped instanceof Batch b) {
            return b;
        }
        if (mapped instanceof Tensor t) {
            return Batch.of(t);
        }
        if (mapped instanceof Operand o) {
            return Batch.of(o.value());
        }
        if (mapped instanceof List<?> l) {
            List<Tensor> ts = new ArrayList<>();
            for (Object o : l) {
                ts.add(o instanceof Operand op ? op.value() : Tf.constant(o));
            }
            return new Batch(ts);
        }
        throw new IllegalArgumentException("a map function must return a Tensor, a Batch or a List of tensors, got "
                + (mapped == null ? "null" : mapped.getClass().getName()));
    }

    /** The slices of tensors along their first dimension. */
    private static final class TensorSlices extends Dataset {
        private final List<Tensor> tensors;
        private final int n;

        TensorSlices(List<Tensor> tensors) {
            if (tensors.isEmpty()) {
                throw new IllegalArgumentException("fromTensorSlices needs at least one tensor");
            }
            int first = -1;
            for (Tensor t : tensors) {
                if (t.rank() < 1) {
                    throw new IllegalArgumentException("fromTensorSlices needs tensors of rank >= 1, got shape " + t.shape());
                }
                if (first >= 0 && t.shape().dim(0) != first) {
                    throw new IllegalArgumentException("Dimensions " + first + " and " + t.shape().dim(0)
                            + " are not compatible: all components of fromTensorSlices must have the same first dimension");
                }
                first = t.shape().dim(0);
            }
            this.tensors = tensors;
            this.n = first;
        }

        @Override
        public long cardinality() {
            return n;
        }

        @Override
        public List<TensorSpec> elementSpec() {
            List<TensorSpec> specs = new ArrayList<>();
            for (Tensor t : tensors) {
                int[] dims = t.shape().dims();
                specs.add(TensorSpec.of(t.dtype(), dev.kiln.ir.Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length))));
            }
            return specs;
        }

        @Override
        Iterator<Batch> elements() {
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < n;
                }

                @Override
                public Batch next() {
                    if (i >= n) {
                        throw new NoSuchElementException();
                    }
                    List<Tensor> parts = new ArrayList<>(tensors.size());
                    for (Tensor t : tensors) {
                        parts.add(t.slice(Index.at(i)));
                    }
                    i++;
                    return new Batch(parts);
                }
            };
        }
    }
}
