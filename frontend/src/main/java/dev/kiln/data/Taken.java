package dev.kiln.data;

import dev.kiln.TensorSpec;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The first {@code count} elements ({@code take}), or all but them ({@code skip}). */
final class Taken extends Dataset {
    private final Dataset input;
    private final long count;
    private final boolean skip;

    Taken(Dataset input, long count, boolean skip) {
        this.input = input;
        this.count = Math.max(count, 0);
        this.skip = skip;
    }

    @Override
    public long cardinality() {
        long n = input.cardinality();
        if (skip) {
            return n < 0 ? n : Math.max(n - count, 0);
        }
        return n == INFINITE ? count : n == UNKNOWN ? UNKNOWN : Math.min(n, count);
    }

    @Override
    public List<TensorSpec> elementSpec() {
        return input.elementSpec();
    }

    @Override
    Iterator<Batch> elements() {
        Iterator<Batch> source = input.elements();
        if (skip) {
            for (long i = 0; i < count && source.hasNext(); i++) {
                source.next();
            }
            return source;
        }
        return new Iterator<>() {
            private long taken;

            @Override
            public boolean hasNext() {
                return taken < count && source.hasNext();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                taken++;
                return source.next();
            }
        };
    }
}
