package dev.kiln.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An op's attribute values by name, immutable. Values have the Java types of {@link AttrKind}:
 * integers are {@link Long}, integer lists {@code List<Long>}.
 *
 * <pre>{@code
 * Attributes a = Attributes.of("axes", List.of(0L), "keepdims", true);
 * a.getInts("axes");   // [0]
 * }</pre>
 */
public final class Attributes {
    private static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<String, Object> values;

    private Attributes(Map<String, Object> values) {
        this.values = values;
    }

    public static Attributes empty() {
        return EMPTY;
    }

    /** From alternating names and values; ints, int arrays and int lists are normalised to longs. */
    public static Attributes of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], normalize(namesAndValues[i + 1]));
        }
        return new Attributes(Collections.unmodifiableMap(m));
    }

    public static Attributes of(Map<String, ?> map) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(k, normalize(v)));
        return new Attributes(Collections.unmodifiableMap(m));
    }

    /** Converts the convenient Java forms (Integer, int[], long[], List of Integer, Float) to the canonical ones. */
    public static Object normalize(Object v) {
        Objects.requireNonNull(v, "attribute value");
        if (v instanceof Integer i) {
            return (long) i;
        }
        if (v instanceof Float f) {
            return (double) f;
        }
        if (v instanceof int[] a) {
            return java.util.Arrays.stream(a).mapToObj(x -> (long) x).toList();
        }
        if (v instanceof long[] a) {
            return java.util.Arrays.stream(a).boxed().toList();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(e -> e instanceof Number n ? (Object) n.longValue() : Objects.requireNonNull(e, "list element"))
                    .toList();
        }
        return v;
    }

    /** A copy with {@code name} set. */
    public Attributes with(String name, Object value) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(values);
        m.put(name, normalize(value));
        return new Attributes(Collections.unmodifiableMap(m));
    }

    /** A copy without {@code name}. */
    public Attributes without(String name) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(values);
        m.remove(name);
        return new Attributes(Collections.unmodifiableMap(m));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Object get(String name) {
        return values.get(name);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("attribute '" + name + "' is not set");
        }
        return v;
    }

    public long getLong(String name) {
        return (Long) require(name);
    }

    public int getInt(String name) {
        return Math.toIntExact((Long) require(name));
    }

    public double getDouble(String name) {
        return (Double) require(name);
    }

    public boolean getBool(String name) {
        return (Boolean) require(name);
    }

    public String getString(String name) {
        return (String) require(name);
    }

    public DType getDType(String name) {
        return (DType) require(name);
    }

    public Shape getShape(String name) {
        return (Shape) require(name);
    }

    public Literal getTensor(String name) {
        return (Literal) require(name);
    }

    /** A {@link AttrKind#TYPES} attribute. */
    @SuppressWarnings("unchecked")
    public List<TensorType> getTypes(String name) {
        return (List<TensorType>) require(name);
    }

    @SuppressWarnings("unchecked")
    public List<Long> getLongList(String name) {
        return (List<Long>) require(name);
    }

    /** An INTS attribute as an int array. */
    public int[] getInts(String name) {
        return getLongList(name).stream().mapToInt(Math::toIntExact).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes a && values.equals(a.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
