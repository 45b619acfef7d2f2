package dev.kiln.data;

import dev.kiln.TensorSpec;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Iterates the input {@code count} times (forever when negative); each pass is a new epoch of the input. */
final class Repeated extends Dataset {
    private final Dataset input;
    private final int count;

    Repeated(Dataset input, int count) {
        this.input = input;
        this.count = count;
    }

    @Override
    public long cardinality() {
        long n = input.cardinality();
        if (count < 0) {
            return n == 0 ? 0 : INFINITE;
        }
        return n < 0 ? n : n * count;
    }

    @Override
    public List<TensorSpec> elementSpec() {
        return input.elementSpec();
    }

    @Override
    Iterator<Batch> elements() {
        return new Iterator<>() {
            private int pass;
            private Iterator<Batch> current = count == 0 ? null : input.elements();
            private boolean sawAny;

            @Override
            public boolean hasNext() {
                while (current != null && !current.hasNext()) {
                    pass++;
                    boolean endless = count < 0;
                    // An empty input repeated forever would spin: stop after an empty pass.
                    if ((!endless && pass >= count) || (endless && !sawAny)) {
                        current = null;
                    } else {
                        current = input.elements();
                        sawAny = false;
                    }
                }
                return current != null;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                sawAny = true;
                return current.next();
            }
        };
    }
}
