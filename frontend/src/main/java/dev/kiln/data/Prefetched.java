package dev.kiln.data;

import dev.kiln.TensorSpec;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Produces elements ahead of the consumer on a daemon thread, through a bounded queue. Errors of the
 * input are rethrown to the consumer at the element where they happened.
 */
final class Prefetched extends Dataset {
    private final Dataset input;
    private final int bufferSize;

    Prefetched(Dataset input, int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("prefetch buffer size must be at least 1, got " + bufferSize);
        }
        this.input = input;
        this.bufferSize = bufferSize;
    }

    @Override
    public long cardinality() {
        return input.cardinality();
    }

    @Override
    public List<TensorSpec> elementSpec() {
        return input.elementSpec();
    }

    /** What travels through the queue: an element, the end, or the input's failure. */
    private sealed interface Item {}

    private record Element(Batch batch) implements Item {}

    private record End() implements Item {}

    private record Failure(RuntimeException error) implements Item {}

    @Override
    Iterator<Batch> elements() {
        BlockingQueue<Item> queue = new ArrayBlockingQueue<>(bufferSize);
        Iterator<Batch> source = input.elements();
        Thread producer = Thread.ofPlatform().daemon().name("kiln-prefetch").start(() -> {
            try {
                while (source.hasNext()) {
                    queue.put(new Element(source.next()));
                }
                queue.put(new End());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                try {
                    queue.put(new Failure(e));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return new Iterator<>() {
            private Item head;

            private Item peek() {
                if (head == null) {
                    try {
                        head = queue.take();
                    } catch (InterruptedException e) {
                        producer.interrupt();
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for a prefetched element", e);
                    }
                }
                return head;
            }

            @Override
            public boolean hasNext() {
                Item h = peek();
                if (h instanceof Failure f) {
                    throw f.error();
                }
                return h instanceof Element;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Batch b = ((Element) head).batch();
                head = null;
                return b;
            }
        };
    }
}
