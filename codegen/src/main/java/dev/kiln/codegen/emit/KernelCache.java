package dev.kiln.codegen.emit;

import dev.kiln.codegen.loop.LoopKernel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generated kernel classes by structure and vector width: two graphs with equal fused regions (equal
 * {@link LoopKernel}s) share one class.
 */
public final class KernelCache {
    /** A generated kernel: where graph code calls it, and its class file. */
    public record Entry(String owner, String method, String descriptor, GeneratedClass classFile, int lanes) {}

    private record Key(LoopKernel kernel, int width) {}

    private static final ConcurrentHashMap<Key, Entry> CACHE = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();

    private KernelCache() {}

    /** The kernel class for {@code kernel} at {@code widthBits} (0: scalar), generated on first use. */
    public static Entry get(LoopKernel kernel, int widthBits) {
        return CACHE.computeIfAbsent(new Key(kernel, widthBits), KernelCache::generate);
    }

    /** Number of distinct kernel classes generated so far. */
    public static int size() {
        return CACHE.size();
    }

    private static Entry generate(Key key) {
        String name = "dev/kiln/codegen/emit/FusedKernel" + NEXT.incrementAndGet();
        GeneratedClass c = new GeneratedClass(name, KernelClassEmitter.emitClass(name, key.kernel(), key.width()));
        ClassDefiner.defineKernel(c);
        return new Entry(name, KernelEmitter.METHOD, KernelEmitter.descriptor(key.kernel()), c,
                KernelEmitter.lanes(key.kernel(), key.width()));
    }
}
