package dev.kiln.data;

import dev.kiln.TensorSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * tf.data's buffered shuffle: keep {@code bufferSize} elements, emit a uniformly chosen one and
 * refill its place from the input; when the input ends, drain the buffer in random order.
 */
final class Shuffled extends Dataset {
    private final Dataset input;
    private final int bufferSize;
    private final long seed;
    private final boolean reshuffle;
    private final AtomicLong epochs = new AtomicLong();

    Shuffled(Dataset input, int bufferSize, long seed, boolean reshuffle) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("shuffle buffer size must be at least 1, got " + bufferSize);
        }
        this.input = input;
        this.bufferSize = bufferSize;
        this.seed = seed;
        this.reshuffle = reshuffle;
    }

    @Override
    public long cardinality() {
        return input.cardinality();
    }

    @Override
    public List<TensorSpec> elementSpec() {
        return input.elementSpec();
    }

    @Override
    Iterator<Batch> elements() {
        long epoch = reshuffle ? epochs.getAndIncrement() : 0;
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        Iterator<Batch> source = input.elements();
        List<Batch> buffer = new ArrayList<>(Math.min(bufferSize, 1 << 16));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                fill();
                return !buffer.isEmpty();
            }

            private void fill() {
                while (buffer.size() < bufferSize && source.hasNext()) {
                    buffer.add(source.next());
                }
            }

            @Override
            public Batch next() {
                fill();
                if (buffer.isEmpty()) {
                    throw new NoSuchElementException();
                }
                int pick = random.nextInt(buffer.size());
                Batch out = buffer.get(pick);
                // Swap-remove keeps removal O(1); the draw stays uniform over the buffer.
                buffer.set(pick, buffer.get(buffer.size() - 1));
                buffer.remove(buffer.size() - 1);
                return out;
            }
        };
    }
}
