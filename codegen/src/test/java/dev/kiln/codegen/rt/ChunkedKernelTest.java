package dev.kiln.codegen.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.codegen.loop.Reduction;
import dev.kiln.runtime.Parallelism;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the driver of generated kernels cuts the iteration space: chunks, vector blocks, tails and parts. */
class ChunkedKernelTest {
    /** One call of block or tail. */
    record Call(boolean vector, int row, int from, int to, String thread) {}

    /** Records its calls; the reduction adds 1 per element and stores per row. */
    static final class Recording extends ChunkedKernel {
        final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        final double[] stored;

        Recording(int rows, int inner, int lanes, Reduction reduction) {
            super(rows, inner, lanes, 10, reduction);
            stored = new double[rows];
        }

        @Override
        protected double block(double acc, int row, int from, int to) {
            calls.add(new Call(true, row, from, to, Thread.currentThread().getName()));
            return acc + (to - from);
        }

        @Override
        protected double tail(double acc, int row, int from, int to) {
            calls.add(new Call(false, row, from, to, Thread.currentThread().getName()));
            return acc + (to - from);
        }

        @Override
        protected void store(int row, double value) {
            stored[row] = value;
        }
    }

    private static Recording run(int rows, int inner, int lanes, Reduction reduction, int threads) {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(threads);
            Recording k = new Recording(rows, inner, lanes, reduction);
            k.execute();
            return k;
        } finally {
            Parallelism.setThreads(before);
        }
    }

    /** Every element of every row is covered exactly once, vector blocks are whole vectors within a chunk. */
    private static void assertCovers(Recording k, int rows, int inner, int lanes) {
        int[][] seen = new int[rows][inner];
        for (Call c : k.calls) {
            assertTrue(c.from() <= c.to(), c.toString());
            assertEquals(c.from() / ChunkedKernel.CHUNK, Math.max(c.from(), c.to() - 1) / ChunkedKernel.CHUNK,
                    "within one chunk: " + c);
            if (c.vector()) {
                assertEquals(0, (c.to() - c.from()) % lanes, "whole vectors: " + c);
            } else {
                assertTrue(c.to() - c.from() < lanes, "a tail is shorter than a vector: " + c);
            }
            for (int j = c.from(); j < c.to(); j++) {
                seen[c.row()][j]++;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < inner; j++) {
                assertEquals(1, seen[r][j], "row " + r + " element " + j);
            }
        }
    }

    @Test
    void elementwiseChunksCoverEveryElementOnceWithTailsAtChunkEnds() {
        for (int threads : new int[] {1, 2, 3}) {
            for (int[] shape : new int[][] {{1, 3 * ChunkedKernel.CHUNK + 37}, {3, 20_000}, {4000, 7}, {2, ChunkedKernel.CHUNK}}) {
                Recording k = run(shape[0], shape[1], 16, null, threads);
                assertCovers(k, shape[0], shape[1], 16);
            }
        }
    }

    /** Each thread's first block waits until two threads are in blocks at once (or a generous timeout). */
    static final class Meeting extends ChunkedKernel {
        final CountDownLatch both = new CountDownLatch(2);
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        volatile boolean met;

        Meeting(int rows, int inner) {
            super(rows, inner, 8, 10, null);
        }

        @Override
        protected double block(double acc, int row, int from, int to) {
            if (threads.add(Thread.currentThread().getName())) {
                both.countDown();
                try {
                    met |= both.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return acc;
        }

        @Override
        protected double tail(double acc, int row, int from, int to) {
            return acc;
        }
    }

    @Test
    void largeKernelsRunOnTwoThreadsAtOnceAndSmallOnesOnTheCaller() {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(2);
            Meeting large = new Meeting(4, 40_000);
            large.execute();
            assertTrue(large.met, "two threads ran blocks at the same time: " + large.threads);
            assertTrue(large.threads.stream().anyMatch(t -> t.startsWith("kiln-kernel-")), large.threads.toString());
        } finally {
            Parallelism.setThreads(before);
        }
        Set<String> small = ConcurrentHashMap.newKeySet();
        run(2, 100, 8, null, 2).calls.forEach(c -> small.add(c.thread()));
        assertEquals(Set.of(Thread.currentThread().getName()), small);

        Set<String> one = ConcurrentHashMap.newKeySet();
        run(4, 40_000, 8, null, 1).calls.forEach(c -> one.add(c.thread()));
        assertEquals(Set.of(Thread.currentThread().getName()), one);
    }

    @Test
    void reductionsKeepEachRowOnOneThreadInChunkOrder() {
        int rows = 64;
        int inner = 2 * ChunkedKernel.CHUNK + 5;
        for (int threads : new int[] {1, 2, 3}) {
            Recording k = run(rows, inner, 16, Reduction.SUM, threads);
            assertCovers(k, rows, inner, 16);
            for (int r = 0; r < rows; r++) {
                int row = r;
                List<Call> calls = k.calls.stream().filter(c -> c.row() == row).toList();
                assertEquals(1, calls.stream().map(Call::thread).distinct().count(), "row " + r + " on one thread");
                for (int i = 1; i < calls.size(); i++) {
                    assertEquals(calls.get(i - 1).to(), calls.get(i).from(), "row " + r + " in order");
                }
                assertEquals(inner, k.stored[r], "row " + r);
            }
        }
        Recording mean = run(3, 10, 4, Reduction.MEAN, 1);
        assertEquals(1.0, mean.stored[2]);
        Recording empty = run(2, 0, 4, Reduction.MAX, 1);
        assertEquals(Double.NEGATIVE_INFINITY, empty.stored[1]);
    }
}
