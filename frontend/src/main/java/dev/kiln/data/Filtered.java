package dev.kiln.data;

import dev.kiln.TensorSpec;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/** Keeps the elements a predicate accepts. */
final class Filtered extends Dataset {
    private final Dataset input;
    private final Predicate<Batch> predicate;

    Filtered(Dataset input, Predicate<Batch> predicate) {
        this.input = input;
        this.predicate = predicate;
    }

    @Override
    public long cardinality() {
        return input.cardinality() == INFINITE ? INFINITE : UNKNOWN;
    }

    @Override
    public List<TensorSpec> elementSpec() {
        return input.elementSpec();
    }

    @Override
    Iterator<Batch> elements() {
        Iterator<Batch> source = input.elements();
        return new Iterator<>() {
            private Batch next = advance();

            private Batch advance() {
                while (source.hasNext()) {
                    Batch b = source.next();
                    if (predicate.test(b)) {
                        return b;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Batch next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Batch out = next;
                next = advance();
                return out;
            }
        };
    }
}
