package dev.kiln.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads the fast kernels use: the calling thread and {@code threads() - 1} workers, sized by the
 * system property {@value #PROPERTY} (default: the number of available processors) or by
 * {@link #setThreads(int)}.
 *
 * <p>Kernels split their work into a fixed number of parts that depends only on the problem size and
 * {@link #threads()}, never on which worker runs which part; parts that are reduced together are
 * combined in part order. So a kernel gives bit-identical results on every run with the same thread
 * count.
 *
 * <p>The kernels of one step follow each other within microseconds, and a part is often only tens of
 * microseconds of work, about what waking a sleeping thread costs: so a worker keeps polling for the
 * next job for {@value #SPIN_NANOS} ns after its last one before it sleeps, and the calling thread takes
 * parts itself, as many as no worker has taken yet.
 *
 * <pre>{@code
 * Parallelism.setThreads(1);   // single-threaded kernels, e.g. for a latency benchmark
 * }</pre>
 */
public final class Parallelism {
    /** The system property that sets the initial thread count. */
    public static final String PROPERTY = "kiln.threads";
    /** How long an idle worker polls for a new job before it sleeps. */
    static final long SPIN_NANOS = 500_000;
    /** How long of that it polls without yielding its core. */
    static final long SPIN_ONLY_NANOS = 5_000;

    private static volatile Worker[] workers;
    private static volatile int threads = initialThreads();

    private Parallelism() {}

    /** The number of threads kernels may use (at least 1). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads kernels may use from now on; 1 runs every kernel on the calling thread.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the thread count must be at least 1, got " + n);
        }
        if (n == threads) {
            return;
        }
        Worker[] old = workers;
        workers = null;
        threads = n;
        if (old != null) {
            for (Worker w : old) {
                w.retire();
            }
        }
    }

    /**
     * Runs {@code part.accept(i)} for every {@code i} in {@code [0, parts)} on the calling thread and the
     * idle workers, and returns when all are done. A call from a worker, or when every worker is busy
     * (with the parts of another call), runs the parts in order on the calling thread. The exception of
     * the lowest-numbered part that threw is rethrown.
     */
    public static void run(int parts, IntConsumer part) {
        Worker[] ws = parts <= 1 || Thread.currentThread() instanceof Worker ? null : workers();
        Job job = new Job(parts, part);
        if (ws != null) {
            int offered = 0;
            for (int i = 0; i < ws.length && offered < parts - 1; i++) {
                if (ws[i].offer(job)) {
                    offered++;
                }
            }
        }
        job.work();
        job.awaitDone();
        job.rethrow();
    }

    /**
     * How many parts to split {@code work} units into when a part should hold at least
     * {@code minPerPart} units: between 1 and {@link #threads()}.
     */
    public static int parts(long work, long minPerPart) {
        long byWork = minPerPart <= 0 ? Long.MAX_VALUE : work / minPerPart;
        return (int) Math.max(1, Math.min(threads, byWork));
    }

    private static Worker[] workers() {
        Worker[] ws = workers;
        if (ws == null) {
            synchronized (Parallelism.class) {
                ws = workers;
                if (ws == null) {
                    // The caller runs parts itself, so one thread fewer than the count.
                    ws = new Worker[threads - 1];
                    for (int i = 0; i < ws.length; i++) {
                        ws[i] = new Worker(i);
                        ws[i].start();
                    }
                    workers = ws;
                }
            }
        }
        return ws;
    }

    /** One call's parts, taken one at a time by the threads that work on it. */
    private static final class Job {
        private final int parts;
        private final IntConsumer part;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final Thread caller = Thread.currentThread();
        private volatile boolean callerWaits;
        private Throwable failure;
        private int failedPart = Integer.MAX_VALUE;

        Job(int parts, IntConsumer part) {
            this.parts = parts;
            this.part = part;
        }

        /** Takes and runs parts until none is left. */
        void work() {
            for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
                try {
                    part.accept(i);
                } catch (Throwable t) {
                    fail(i, t);
                }
                if (done.incrementAndGet() == parts && callerWaits) {
                    LockSupport.unpark(caller);
                }
            }
        }

        private synchronized void fail(int i, Throwable t) {
            if (i < failedPart) {
                failedPart = i;
                failure = t;
            }
        }

        /** Returns when every part is done: polls a while (they end at about the same time), then sleeps. */
        void awaitDone() {
            long start = System.nanoTime();
            while (done.get() < parts) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    pause(start);
                } else {
                    callerWaits = true;
                    if (done.get() < parts) {
                        LockSupport.parkNanos(this, SPIN_NANOS);
                    }
                }
            }
        }

        synchronized void rethrow() {
            switch (failure) {
                case null -> { }
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure);
            }
        }
    }

    /** A worker thread: takes one job at a time, polls for the next a while, then sleeps until offered one. */
    private static final class Worker extends Thread {
        private final AtomicBoolean busy = new AtomicBoolean();
        private volatile Job job;
        private volatile boolean sleeping;
        private volatile boolean stopped;

        Worker(int index) {
            super("kiln-kernel-" + index);
            setDaemon(true);
        }

        /** Hands {@code j} to this worker if it is idle. */
        boolean offer(Job j) {
            if (!busy.compareAndSet(false, true)) {
                return false;
            }
            job = j;
            if (sleeping) {
                LockSupport.unpark(this);
            }
            return true;
        }

        void retire() {
            stopped = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (!stopped) {
                Job j = awaitJob();
                if (j != null) {
                    j.work();
                    job = null;
                    busy.set(false);
                }
            }
        }

        private Job awaitJob() {
            long start = System.nanoTime();
            while (!stopped) {
                Job j = job;
                if (j != null) {
                    return j;
                }
                if (System.nanoTime() - start < SPIN_NANOS) {
                    pause(start);
                    continue;
                }
                // Announce the sleep before the last look: an offer either sees it and wakes us, or
                // came before the look and is seen.
                sleeping = true;
                if (job == null && !stopped) {
                    LockSupport.park(this);
                }
                sleeping = false;
                start = System.nanoTime();
            }
            return null;
        }
    }

    /**
     * One turn of a polling loop that began at {@code start}: a spin hint for the first microseconds,
     * then a yield, so that on a machine whose cores are all taken the poller gives its core to the
     * threads that have work (possibly the one it waits for).
     */
    private static void pause(long start) {
        if (System.nanoTime() - start < SPIN_ONLY_NANOS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    private static int initialThreads() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be a positive integer, got '" + value + "'", e);
        }
        if (n < 1) {
            throw new IllegalArgumentException(PROPERTY + " must be a positive integer, got " + n);
        }
        return n;
    }
}
