package dev.kiln.data;

import dev.kiln.Tensor;
import dev.kiln.TensorSpec;
import dev.kiln.Tf;
import dev.kiln.ir.Shape;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Stacks consecutive elements component by component. */
final class Batched extends Dataset {
    private final Dataset input;
    private final int size;
    private final boolean dropRemainder;

    Batched(Dataset input, int size, boolean dropRemainder) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + size);
        }
        this.input = input;
        this.size = size;
        this.dropRemainder = dropRemainder;
    }

    @Override
    public long cardinality() {
        long n = input.cardinality();
        if (n < 0) {
            return n;
        }
        return dropRemainder ? n / size : (n + size - 1) / size;
    }

    @Override
    public List<TensorSpec> elementSpec() {
        List<TensorSpec> out = new ArrayList<>();
        for (TensorSpec s : input.elementSpec()) {
            int[] inner = s.shape().hasKnownRank() ? s.shape().dims() : null;
            if (inner == null) {
                out.add(TensorSpec.of(s.dtype(), Shape.unknownRank()));
                continue;
            }
            int[] dims = new int[inner.length + 1];
            dims[0] = dropRemainder ? size : Shape.UNKNOWN;
            System.arraycopy(inner, 0, dims, 1, inner.length);
            out.add(TensorSpec.of(s.dtype(), Shape.of(dims)));
        }
        return out;
    }

    @Override
    Iterator<Batch> elements() {
        Iterator<Batch> source = input.elements();
        return new Iterator<>() {
            private Batch next = advance();

            private Batch advance() {
                List<Batch> group = new ArrayList<>(size);
                while (group.size() < size && source.hasNext()) {
                    group.add(source.next());
                }
                if (group.isEmpty() || (dropRemainder && group.size() < size)) {
                    return null;
                }
                int components = group.get(0).size();
                List<Tensor> stacked = new ArrayList<>(components);
                for (int c = 0; c < components; c++) {
                    List<Tensor> parts = new ArrayList<>(group.size());
                    for (Batch b : group) {
                        parts.add(b.get(c));
                    }
                    stacked.add(Tf.stack(parts));
                }
                return new Batch(stacked);
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
