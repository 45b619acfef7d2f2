package dev.kiln.runtime.data;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host objects (datasets, iterators) a graph refers to by a scalar {@code i64} handle, as TensorFlow
 * refers to resources. A handle lives in a {@link Scope}, usually one call of a function: the caller
 * registers its dataset arguments, the iterators the graph makes are registered in the same scope, and
 * closing the scope forgets them all, so that a loop left by {@code break} leaks nothing. Objects a
 * graph captures (a dataset a traced function closes over) are registered once with {@link #registerShared},
 * held weakly: the function that captured them keeps them alive.
 *
 * <pre>{@code
 * try (ResourceHandles.Scope scope = ResourceHandles.open()) {
 *     long h = ResourceHandles.register(dataset);
 *     executable.run(Literal.scalar(h));
 * }
 * }</pre>
 */
public final class ResourceHandles {
    private static final AtomicLong NEXT = new AtomicLong(1);
    private static final Map<Long, Object> LIVE = new ConcurrentHashMap<>();
    private static final Map<Long, WeakReference<Object>> SHARED = new ConcurrentHashMap<>();
    private static final ThreadLocal<Deque<Scope>> SCOPES = ThreadLocal.withInitial(ArrayDeque::new);

    private ResourceHandles() {}

    /** Opens a scope on this thread; handles registered until it closes belong to it. */
    public static Scope open() {
        Scope s = new Scope();
        SCOPES.get().push(s);
        return s;
    }

    /** Whether a scope is open on this thread. */
    public static boolean inScope() {
        return !SCOPES.get().isEmpty();
    }

    /**
     * A new handle for {@code object} in the innermost scope of this thread.
     *
     * @throws IllegalStateException when no scope is open (the handle would never be released)
     */
    public static long register(Object object) {
        Scope s = SCOPES.get().peek();
        if (s == null) {
            throw new IllegalStateException("a dataset or iterator handle needs an open ResourceHandles scope");
        }
        long h = NEXT.getAndIncrement();
        LIVE.put(h, object);
        s.handles.add(h);
        return h;
    }

    /** A handle that lives as long as {@code object} is reachable elsewhere (held weakly). */
    public static long registerShared(Object object) {
        long h = NEXT.getAndIncrement();
        SHARED.put(h, new WeakReference<>(object));
        return h;
    }

    /**
     * The object of handle {@code h}.
     *
     * @throws IllegalStateException naming the handle when it is not (or no longer) registered
     */
    public static Object get(long h) {
        Object o = LIVE.get(h);
        if (o != null) {
            return o;
        }
        WeakReference<Object> ref = SHARED.get(h);
        o = ref == null ? null : ref.get();
        if (o == null) {
            throw new IllegalStateException("resource handle " + h + " is not registered: datasets and iterators are"
                    + " only valid during the call that passed them");
        }
        return o;
    }

    /** Number of handles registered in scopes (a test's leak check). */
    public static int liveCount() {
        return LIVE.size();
    }

    /** The handles of one call; closing forgets them. */
    public static final class Scope implements AutoCloseable {
        private final List<Long> handles = new ArrayList<>();

        private Scope() {}

        @Override
        public void close() {
            Deque<Scope> scopes = SCOPES.get();
            scopes.remove(this);
            for (long h : handles) {
                LIVE.remove(h);
            }
            handles.clear();
        }
    }
}
