package dev.kiln.codegen.rt;

import dev.kiln.codegen.loop.Reduction;
import dev.kiln.runtime.Parallelism;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The driver every generated fused kernel class extends: it walks the kernel's rows × inner iteration
 * space in chunks of {@link #CHUNK} elements and hands each chunk to the generated loops, on the calling
 * thread or, for large kernels, on {@link Parallelism}'s threads.
 *
 * <p>Each chunk runs the generated vector loop over its whole vectors ({@link #block}) and the scalar
 * loop over the remaining elements ({@link #tail}). They are separate methods so that the hot vector
 * loop is compiled on its own, small enough to inline here, and not together with a rarely run scalar
 * loop that calls {@code java.lang.Math}.
 *
 * <p>Splitting across threads keeps results bit-identical for every thread count and every schedule:
 * an elementwise kernel's work items are whole chunks, and each element is computed the same way
 * whichever thread takes its chunk; a reducing kernel's items are whole rows, each reduced by one thread
 * in chunk order, exactly as on one thread.
 */
public abstract class ChunkedKernel {
    /**
     * Elements per call of the generated loops: small enough that the JIT compiles them as a whole
     * method that is called often, instead of replacing a long-running loop on the stack (OSR code is
     * slower); a multiple of every lane count.
     */
    public static final int CHUNK = 8192;
    /**
     * Work (elements × the kernel's cost per element) below which a part is not worth a thread: waking
     * a pool thread costs some microseconds, about what a few hundred thousand simple lane operations take.
     */
    static final long PARALLEL_MIN = 1L << 18;
    /** Batches of items per part: enough for the parts to even out when one runs slower. */
    private static final int BATCHES_PER_PART = 8;

    /** Number of rows. */
    protected final int rows;
    /** Elements per row. */
    protected final int inner;
    private final int lanes;
    private final int cost;
    private final Reduction reduction;

    /**
     * @param lanes the vector loop's lane count (a power of two; 1 when the kernel only has a scalar loop)
     * @param cost a rough cost of one element, in simple lane operations, for the parallel threshold
     * @param reduction the reduction along each row, or null for an elementwise kernel
     */
    protected ChunkedKernel(int rows, int inner, int lanes, int cost, Reduction reduction) {
        if (Integer.bitCount(lanes) != 1) {
            throw new IllegalArgumentException("the lane count must be a power of two, got " + lanes);
        }
        this.rows = rows;
        this.inner = inner;
        this.lanes = lanes;
        this.cost = Math.max(1, cost);
        this.reduction = reduction;
    }

    /**
     * The vector loop over elements [from, to) of {@code row}, whose length is a multiple of the lane
     * count (with one lane, the scalar loop). Returns the reduction's running value {@code acc} updated
     * by the block's elements (elementwise kernels return it unchanged).
     */
    protected abstract double block(double acc, int row, int from, int to);

    /** The scalar loop over elements [from, to) of {@code row}, like {@link #block}. */
    protected abstract double tail(double acc, int row, int from, int to);

    /** Stores the reduced {@code value} of {@code row}; only reducing kernels have results per row. */
    protected void store(int row, double value) {
        throw new IllegalStateException("an elementwise kernel stores per element");
    }

    /** Runs the whole kernel and returns when every part is done. */
    public final void execute() {
        if (rows <= 0 || inner < 0) {
            return;
        }
        int chunksPerRow = inner / CHUNK + (inner % CHUNK == 0 ? 0 : 1);
        int items = reduction == null ? rows * chunksPerRow : rows;
        int parts = (int) Math.min(items, Parallelism.parts((long) rows * inner * cost, PARALLEL_MIN));
        if (parts <= 1) {
            span(0, items, chunksPerRow);
            return;
        }
        // The parts take batches of items as they go, so a part whose core is busy with something else
        // (or whose thread starts late) leaves its share to the others. Which part computes an item does
        // not change the item's result.
        int batch = Math.max(1, items / (parts * BATCHES_PER_PART));
        AtomicInteger next = new AtomicInteger();
        Parallelism.run(parts, p -> {
            for (int first; (first = next.getAndAdd(batch)) < items; ) {
                span(first, Math.min(items, first + batch), chunksPerRow);
            }
        });
    }

    /** Items [first, last): chunks of rows for an elementwise kernel, whole rows for a reducing one. */
    private void span(int first, int last, int chunksPerRow) {
        if (reduction == null) {
            for (int item = first; item < last; item++) {
                int row = item / chunksPerRow;
                int from = (item - row * chunksPerRow) * CHUNK;
                chunk(0, row, from, end(from));
            }
            return;
        }
        for (int row = first; row < last; row++) {
            double acc = reduction == Reduction.MAX ? Double.NEGATIVE_INFINITY : 0;
            for (int from = 0; from < inner; ) {
                int to = end(from);
                acc = chunk(acc, row, from, to);
                from = to;
            }
            store(row, reduction == Reduction.MEAN ? acc / inner : acc);
        }
    }

    /** The end of the chunk starting at {@code from}, without overflowing near the largest arrays. */
    private int end(int from) {
        return inner - from > CHUNK ? from + CHUNK : inner;
    }

    private double chunk(double acc, int row, int from, int to) {
        int vectorEnd = from + ((to - from) & -lanes);
        double a = block(acc, row, from, vectorEnd);
        return vectorEnd < to ? tail(a, row, vectorEnd, to) : a;
    }
}
