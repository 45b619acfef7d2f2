package dev.kiln.autograph;

import java.util.List;

/** A resource for try-with-resources in converted code (a gradient tape, in Kiln); records its closing. */
final class FakeScope implements AutoCloseable {
    private final List<String> log;

    FakeScope(List<String> log) {
        this.log = log;
    }

    FakeTensor check(FakeTensor t) {
        if (t.value < 0) {
            throw new IllegalStateException("negative");
        }
        return t;
    }

    @Override
    public void close() {
        log.add("closed");
    }
}
