package dev.kiln.data;

import dev.kiln.Tensor;
import dev.kiln.TensorSpec;
import java.util.Iterator;
import java.util.List;

/**
 * What a traced function receives in place of a {@link Dataset} argument: the dataset's handle (a scalar
 * int64 graph input) and its element spec. A for-each loop over it is staged as a graph loop by autograph;
 * it cannot be iterated in Java (its elements exist only when the graph runs), and transformations of it
 * inside the function are not supported (build the pipeline outside and pass it in).
 */
public final class GraphDataset extends Dataset {
    private final Tensor handle;
    private final List<TensorSpec> spec;

    private GraphDataset(Tensor handle, List<TensorSpec> spec) {
        this.handle = handle;
        this.spec = List.copyOf(spec);
    }

    /** The stand-in for a dataset with element spec {@code spec} whose handle is {@code handle}. */
    public static GraphDataset of(Tensor handle, List<TensorSpec> spec) {
        return new GraphDataset(handle, spec);
    }

    /** The dataset's handle in the graph. */
    public Tensor handle() {
        return handle;
    }

    @Override
    public long cardinality() {
        return UNKNOWN;
    }

    @Override
    public List<TensorSpec> elementSpec() {
        return spec;
    }

    @Override
    Iterator<Batch> elements() {
        throw new UnsupportedOperationException("a dataset inside a traced function can only be iterated by a for-each"
                + " loop that autograph converts into a graph loop (autograph is off, or the loop could not be"
                + " converted: see Autograph.toCode)");
    }

    @Override
    public Dataset shuffle(int bufferSize, long seed, boolean reshuffleEachIteration) {
        throw transformation("shuffle");
    }

    @Override
    public Dataset batch(int size, boolean dropRemainder) {
        throw transformation("batch");
    }

    @Override
    public Dataset map(java.util.function.Function<Batch, ?> f) {
        throw transformation("map");
    }

    @Override
    public Dataset filter(java.util.function.Predicate<Batch> predicate) {
        throw transformation("filter");
    }

    @Override
    public Dataset repeat(int count) {
        throw transformation("repeat");
    }

    @Override
    public Dataset repeat() {
        throw transformation("repeat");
    }

    @Override
    public Dataset take(long count) {
        throw transformation("take");
    }

    @Override
    public Dataset skip(long count) {
        throw transformation("skip");
    }

    @Override
    public Dataset prefetch(int bufferSize) {
        throw transformation("prefetch");
    }

    private static UnsupportedOperationException transformation(String name) {
        return new UnsupportedOperationException("Dataset." + name + " inside a traced function is not supported:"
                + " build the pipeline outside the function and pass the dataset in");
    }
}
