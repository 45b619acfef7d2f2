package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParallelismTest {
    private int before;

    @BeforeEach
    void fourThreads() {
        before = Parallelism.threads();
        Parallelism.setThreads(4);
    }

    @AfterEach
    void restore() {
        Parallelism.setThreads(before);
    }

    @Test
    void theLowestNumberedFailureIsRethrown() {
        for (int round = 0; round < 50; round++) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallelism.run(6, i -> {
                if (i >= 3) {
                    throw new IllegalStateException("part " + i);
                }
            }));
            assertEquals("part 3", e.getMessage());
        }
        AssertionError error = assertThrows(AssertionError.class, () -> Parallelism.run(3, i -> {
            throw new AssertionError("part " + i);
        }));
        assertEquals("part 0", error.getMessage());
    }

    @Test
    void nestedAndConcurrentCallsRunEveryPartOnce() throws Exception {
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<AtomicIntegerArray>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                futures.add(pool.submit(() -> {
                    AtomicIntegerArray hits = new AtomicIntegerArray(5 * 3);
                    for (int round = 0; round < 200; round++) {
                        Parallelism.run(5, i -> Parallelism.run(3, j -> hits.incrementAndGet(i * 3 + j)));
                    }
                    return hits;
                }));
            }
            for (Future<AtomicIntegerArray> f : futures) {
                AtomicIntegerArray hits = f.get();
                for (int i = 0; i < hits.length(); i++) {
                    assertEquals(200, hits.get(i), "part " + i);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void changingTheThreadCountBetweenCallsKeepsEveryPart() {
        AtomicIntegerArray hits = new AtomicIntegerArray(8);
        for (int n : new int[] {1, 3, 2, 4, 1, 2}) {
            Parallelism.setThreads(n);
            for (int round = 0; round < 20; round++) {
                Parallelism.run(8, hits::incrementAndGet);
            }
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(120, hits.get(i));
        }
    }
}
