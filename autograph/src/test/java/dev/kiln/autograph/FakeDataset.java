package dev.kiln.autograph;

import java.util.Iterator;
import java.util.List;

/** A dataset of pairs of tensors, iterated by for-each loops that autograph converts. */
final class FakeDataset implements Iterable<FakeDataset.Pair> {
    record Pair(FakeTensor x, FakeTensor y) {}

    final List<Pair> elements;

    FakeDataset(List<Pair> elements) {
        this.elements = elements;
    }

    @Override
    public Iterator<Pair> iterator() {
        return elements.iterator();
    }

    @Override
    public String toString() {
        return "FakeDataset" + elements;
    }
}
