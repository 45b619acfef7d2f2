package dev.kiln;

import dev.kiln.data.Dataset;
import dev.kiln.data.DatasetIterator;
import dev.kiln.data.GraphDataset;
import dev.kiln.data.GraphIterator;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trace type of one call's arguments, the cache key of a {@link PolymorphicFunction}, with
 * TensorFlow's rules: a tensor (or {@link TensorSpec}) by its {@link TensorType}; a variable by its
 * identity (its type never changes); Java primitives, strings and enums by value; lists, records and
 * maps by their elements (maps ignore order); primitive arrays by their contents; datasets and dataset
 * iterators by their element spec (their handle is a call's input); anything else by
 * identity. A tensor part may have unknown dimensions and then stands for every shape it is more
 * general than ({@link #accepts}).
 */
final class TraceKey {
    /** The part of a null argument. */
    private static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final Object[] parts;
    private final int hash;

    TraceKey(Object[] parts) {
        this.parts = parts;
        this.hash = Arrays.hashCode(parts);
    }

    Object[] parts() {
        return parts;
    }

    /**
     * The key of {@code args}; each tensor and variable among them (in key order, maps by sorted key) is
     * added to {@code leaves} when it is not null.
     */
    static TraceKey of(Object[] args, List<Operand> leaves) {
        Object[] parts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            parts[i] = part(args[i], leaves);
        }
        return new TraceKey(parts);
    }

    private static long register(List<Operand> leaves, Object hostObject) {
        if (leaves instanceof CallLeaves call) {
            return call.register(hostObject);
        }
        throw new IllegalStateException("a dataset or iterator argument needs a call to pass it to");
    }

    private static Object part(Object arg, List<Operand> leaves) {
        switch (arg) {
            case null -> {
                return NONE;
            }
            case Tensor t -> {
                if (leaves != null) {
                    leaves.add(t);
                }
                return t.type();
            }
            case Variable v -> {
                if (leaves != null) {
                    leaves.add(v);
                }
                return v;
            }
            case TensorSpec s -> {
                return s.type();
            }
            case GraphDataset g -> {
                if (leaves != null) {
                    leaves.add(g.handle());
                }
                return new DatasetKey(DatasetResources.types(g.elementSpec()));
            }
            case Dataset d -> {
                List<TensorType> types = DatasetResources.types(d.elementSpec());
                if (leaves != null) {
                    leaves.add(DatasetResources.handleTensor(register(leaves, DatasetResources.host(d, types))));
                }
                return new DatasetKey(types);
            }
            case GraphIterator g -> {
                if (leaves != null) {
                    leaves.add(g.handle());
                }
                return new IteratorKey(DatasetResources.types(g.elementSpec()));
            }
            case DatasetIterator it -> {
                List<TensorType> types = DatasetResources.types(it.elementSpec());
                if (leaves != null) {
                    leaves.add(DatasetResources.handleTensor(register(leaves, DatasetResources.host(it, types))));
                }
                return new IteratorKey(types);
            }
            case Integer x -> {
                return x;
            }
            case Long x -> {
                return x;
            }
            case Float x -> {
                return x;
            }
            case Double x -> {
                return x;
            }
            case Boolean x -> {
                return x;
            }
            case String x -> {
                return x;
            }
            case Short x -> {
                return x;
            }
            case Byte x -> {
                return x;
            }
            case Character x -> {
                return x;
            }
            case Enum<?> e -> {
                return e;
            }
            case List<?> l -> {
                Object[] ps = new Object[l.size()];
                for (int i = 0; i < ps.length; i++) {
                    ps[i] = part(l.get(i), leaves);
                }
                return new ListKey(ps);
            }
            case Map<?, ?> m -> {
                Map<Object, Object> ps = new HashMap<>();
                for (Object k : sortedKeys(m)) {
                    ps.put(k, part(m.get(k), leaves));
                }
                return new MapKey(ps);
            }
            default -> {
                Class<?> c = arg.getClass();
                if (c.isRecord()) {
                    Object[] values = RecordAccess.components(arg);
                    Object[] ps = new Object[values.length];
                    for (int i = 0; i < ps.length; i++) {
                        ps[i] = part(values[i], leaves);
                    }
                    return new RecordKey(c, ps);
                }
                if (c.isArray() && innermost(c).isPrimitive()) {
                    return new ArrayKey(deepCopy(arg));
                }
                return new IdentityKey(arg);
            }
        }
    }

    /** A map's keys in a fixed order, so that equal maps give their tensors in the same order. */
    static List<Object> sortedKeys(Map<?, ?> m) {
        List<Object> keys = new ArrayList<>(m.keySet());
        keys.sort(KEY_ORDER);
        return keys;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> KEY_ORDER = (a, b) -> {
        if (a instanceof Comparable ca && b != null && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        int byClass = String.valueOf(a == null ? "" : a.getClass().getName())
                .compareTo(b == null ? "" : b.getClass().getName());
        return byClass != 0 ? byClass : String.valueOf(a).compareTo(String.valueOf(b));
    };

    private static Class<?> innermost(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c;
    }

    private static Object deepCopy(Object array) {
        if (array instanceof Object[] a) {
            Object[] copy = a.clone();
            for (int i = 0; i < copy.length; i++) {
                copy[i] = copy[i] == null ? null : deepCopy(copy[i]);
            }
            return copy;
        }
        return switch (array) {
            case float[] a -> a.clone();
            case double[] a -> a.clone();
            case int[] a -> a.clone();
            case long[] a -> a.clone();
            case boolean[] a -> a.clone();
            case byte[] a -> a.clone();
            case short[] a -> a.clone();
            case char[] a -> a.clone();
            default -> array;
        };
    }

    // ---------------------------------------------------------------- subtyping

    /** Whether a trace made for this key can run a call whose key is {@code specific}. */
    boolean accepts(TraceKey specific) {
        return accepts(parts, specific.parts);
    }

    private static boolean accepts(Object[] general, Object[] specific) {
        if (general.length != specific.length) {
            return false;
        }
        for (int i = 0; i < general.length; i++) {
            if (!acceptsPart(general[i], specific[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean acceptsPart(Object general, Object specific) {
        return switch (general) {
            case TensorType g when specific instanceof TensorType s ->
                    g.dtype() == s.dtype() && g.shape().isMoreGeneralThan(s.shape());
            case ListKey g when specific instanceof ListKey s -> accepts(g.parts, s.parts);
            case RecordKey g when specific instanceof RecordKey s -> g.type == s.type && accepts(g.parts, s.parts);
            case MapKey g when specific instanceof MapKey s -> g.parts.keySet().equals(s.parts.keySet())
                    && g.parts.keySet().stream().allMatch(k -> acceptsPart(g.parts.get(k), s.parts.get(k)));
            default -> general.equals(specific);
        };
    }

    /** How general the key is: the unknown dimensions of its tensor parts (an unknown rank counts many). */
    int generality() {
        return generality(parts);
    }

    private static int generality(Object[] ps) {
        int n = 0;
        for (Object p : ps) {
            n += switch (p) {
                case TensorType t -> unknownDims(t.shape());
                case ListKey l -> generality(l.parts);
                case RecordKey r -> generality(r.parts);
                case MapKey m -> generality(m.parts.values().toArray());
                default -> 0;
            };
        }
        return n;
    }

    private static int unknownDims(Shape s) {
        if (!s.hasKnownRank()) {
            return 1000;
        }
        int n = 0;
        for (int d : s.dims()) {
            if (d == Shape.UNKNOWN) {
                n++;
            }
        }
        return n;
    }

    /**
     * The most specific key that accepts both this and {@code other} (tensor shapes relaxed where they
     * differ, {@link Shape#relax}), or null when they differ elsewhere (dtype, values, structure).
     */
    TraceKey relaxedWith(TraceKey other) {
        Object[] r = relax(parts, other.parts);
        return r == null ? null : new TraceKey(r);
    }

    private static Object[] relax(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return null;
        }
        Object[] out = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = relaxPart(a[i], b[i]);
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    private static Object relaxPart(Object a, Object b) {
        switch (a) {
            case TensorType x when b instanceof TensorType y -> {
                return x.dtype() == y.dtype() ? x.withShape(x.shape().relax(y.shape())) : null;
            }
            case ListKey x when b instanceof ListKey y -> {
                Object[] r = relax(x.parts, y.parts);
                return r == null ? null : new ListKey(r);
            }
            case RecordKey x when b instanceof RecordKey y && x.type == y.type -> {
                Object[] r = relax(x.parts, y.parts);
                return r == null ? null : new RecordKey(x.type, r);
            }
            case MapKey x when b instanceof MapKey y && x.parts.keySet().equals(y.parts.keySet()) -> {
                Map<Object, Object> r = new HashMap<>();
                for (Object k : x.parts.keySet()) {
                    Object p = relaxPart(x.parts.get(k), y.parts.get(k));
                    if (p == null) {
                        return null;
                    }
                    r.put(k, p);
                }
                return new MapKey(r);
            }
            default -> {
                return a.equals(b) ? a : null;
            }
        }
    }

    // ---------------------------------------------------------------- explaining

    /** What differs from {@code other}, one line per differing part, named by {@code argNames}. */
    List<String> differencesFrom(TraceKey other, String[] argNames) {
        return differencesFrom(other, argNames, TraceKey::describe);
    }

    /** {@link #differencesFrom} with tensors in the IR's type syntax ({@code x: f32[2] -> f32[3]}). */
    List<String> briefDifferencesFrom(TraceKey other, String[] argNames) {
        return differencesFrom(other, argNames, TraceKey::brief);
    }

    /** The key with each part named by its argument, tensors in the IR's type syntax: {@code x=f32[2,3], n=3}. */
    String briefText(String[] argNames) {
        List<String> out = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            out.add((i < argNames.length ? argNames[i] : "arg" + i) + "=" + brief(parts[i]));
        }
        return String.join(", ", out);
    }

    private List<String> differencesFrom(TraceKey other, String[] argNames, java.util.function.Function<Object, String> text) {
        List<String> out = new ArrayList<>();
        int n = Math.max(parts.length, other.parts.length);
        for (int i = 0; i < n; i++) {
            String name = i < argNames.length ? argNames[i] : "arg" + i;
            if (i >= parts.length || i >= other.parts.length) {
                out.add("argument count: " + other.parts.length + " -> " + parts.length);
                break;
            }
            differences(other.parts[i], parts[i], name, out, text);
        }
        return out;
    }

    private static void differences(Object before, Object now, String path, List<String> out,
            java.util.function.Function<Object, String> text) {
        switch (before) {
            case ListKey x when now instanceof ListKey y && x.parts.length == y.parts.length -> {
                for (int i = 0; i < x.parts.length; i++) {
                    differences(x.parts[i], y.parts[i], path + "[" + i + "]", out, text);
                }
            }
            case RecordKey x when now instanceof RecordKey y && x.type == y.type -> {
                var comps = x.type.getRecordComponents();
                for (int i = 0; i < x.parts.length; i++) {
                    differences(x.parts[i], y.parts[i], path + "." + comps[i].getName(), out, text);
                }
            }
            case MapKey x when now instanceof MapKey y && x.parts.keySet().equals(y.parts.keySet()) -> {
                for (Object k : sortedKeys(x.parts)) {
                    differences(x.parts.get(k), y.parts.get(k), path + "[" + k + "]", out, text);
                }
            }
            default -> {
                if (!before.equals(now)) {
                    out.add(path + ": " + text.apply(before) + " -> " + text.apply(now));
                }
            }
        }
    }

    /** A part as a user reads it: a tensor spec, a variable, a Java value. */
    static String describe(Object part) {
        return switch (part) {
            case TensorType t -> TensorSpec.of(t).toString();
            case DatasetKey d -> "Dataset of " + d.elementTypes();
            case IteratorKey i -> "iterator of " + i.elementTypes();
            case Variable v -> "Variable '" + v.name() + "' #" + v.id() + " " + v.type().toIrString();
            case String s -> "\"" + s + "\"";
            case ListKey l -> "list of " + l.parts.length + " " + Arrays.stream(l.parts).map(TraceKey::describe).toList();
            case RecordKey r -> r.type.getSimpleName() + Arrays.stream(r.parts).map(TraceKey::describe).toList();
            case MapKey m -> "map " + m.parts.keySet();
            case ArrayKey a -> a.describe();
            case IdentityKey k -> k.describe();
            default -> part.getClass().getSimpleName() + " " + part;
        };
    }

    /** A part in few characters: tensors as {@code f32[?,3]}, variables as {@code var 'w' #3 f32[2]}, values as Java writes them. */
    static String brief(Object part) {
        return switch (part) {
            case TensorType t -> t.toIrString();
            case DatasetKey d -> "dataset" + d.elementTypes();
            case IteratorKey i -> "iterator" + i.elementTypes();
            case Variable v -> "var '" + v.name() + "' #" + v.id() + " " + v.type().toIrString();
            case String s -> "\"" + s + "\"";
            case ListKey l -> Arrays.stream(l.parts).map(TraceKey::brief).toList().toString();
            case RecordKey r -> r.type.getSimpleName() + Arrays.stream(r.parts).map(TraceKey::brief).toList();
            case MapKey m -> "map " + m.parts.keySet();
            case ArrayKey a -> a.describe();
            case IdentityKey k -> k.describe();
            default -> String.valueOf(part);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceKey k && k.hash == hash && Arrays.equals(parts, k.parts);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.stream(parts).map(TraceKey::describe).toList().toString();
    }

    // ---------------------------------------------------------------- parts

    /** An ordered container's element parts. */
    record ListKey(Object[] parts) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ListKey k && Arrays.equals(parts, k.parts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(parts) * 31 + 1;
        }
    }

    /** A record's class and component parts. */
    record RecordKey(Class<?> type, Object[] parts) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RecordKey k && k.type == type && Arrays.equals(parts, k.parts);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + Arrays.hashCode(parts);
        }
    }

    /** A dataset, by its element types (TensorFlow's DatasetSpec). */
    record DatasetKey(List<TensorType> elementTypes) {}

    /** A dataset iterator, by its element types (TensorFlow's IteratorSpec). */
    record IteratorKey(List<TensorType> elementTypes) {}

    /** A map's parts by key; equal regardless of order. */
    record MapKey(Map<Object, Object> parts) {}

    /** A primitive array's contents (a copy, so later writes to the array do not change the key). */
    record ArrayKey(Object contents) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ArrayKey k && Objects.deepEquals(contents, k.contents);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(new Object[] {contents});
        }

        String describe() {
            return Arrays.deepToString(new Object[] {contents});
        }
    }

    /** Any other object, by identity; the reference is weak so that the cache does not keep it alive. */
    static final class IdentityKey {
        private final WeakReference<Object> ref;
        private final int hash;
        private final String text;

        IdentityKey(Object o) {
            this.ref = new WeakReference<>(o);
            this.hash = System.identityHashCode(o);
            this.text = o.getClass().getSimpleName() + "@" + Integer.toHexString(hash);
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof IdentityKey k) || k.hash != hash) {
                return false;
            }
            Object mine = ref.get();
            return mine != null && mine == k.ref.get();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        String describe() {
            return text + (ref.get() == null ? " (collected)" : "");
        }
    }
}
