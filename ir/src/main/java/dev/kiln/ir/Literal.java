package dev.kiln.ir;

import java.util.Arrays;

/**
 * A concrete dense tensor: dtype, fully defined shape, and row-major elements in a primitive array
 * ({@code boolean[]}, {@code byte[]} for uint8, {@code int[]}, {@code long[]}, {@code float[]},
 * {@code double[]}). It is the IR's constant and the runtime's value, so constant folding and the
 * interpreter share one representation without conversion.
 *
 * <p>Immutable by contract: the array accessors return the backing array for speed; callers must
 * not write to it. Kernels build a new array and wrap it with {@link #wrap}.
 *
 * <pre>{@code
 * Literal a = Literal.of(new float[] {1, 2, 3, 4}, Shape.of(2, 2));
 * a.getDouble(3);   // 4.0
 * }</pre>
 */
public final class Literal {
    private final DType dtype;
    private final Shape shape;
    private final Object data;
    private final int size;

    private Literal(DType dtype, Shape shape, Object data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
        this.size = java.lang.reflect.Array.getLength(data);
    }

    /** Wraps {@code data} (not copied: the caller hands over ownership). */
    public static Literal wrap(DType dtype, Shape shape, Object data) {
        if (!shape.isFullyDefined()) {
            throw new IllegalArgumentException("a literal needs a fully defined shape, got " + shape.toIrString());
        }
        int n = java.lang.reflect.Array.getLength(data);
        if (n != shape.numElements()) {
            throw new IllegalArgumentException(
                    "shape " + shape.toIrString() + " needs " + shape.numElements() + " elements, got " + n);
        }
        Class<?> expected = arrayClass(dtype);
        if (data.getClass() != expected) {
            throw new IllegalArgumentException(dtype + " data must be a " + expected.getSimpleName()
                    + ", got " + data.getClass().getSimpleName());
        }
        return new Literal(dtype, shape, data);
    }

    public static Literal of(float[] v, Shape s) {
        return wrap(DType.FLOAT32, s, v.clone());
    }

    public static Literal of(double[] v, Shape s) {
        return wrap(DType.FLOAT64, s, v.clone());
    }

    public static Literal of(int[] v, Shape s) {
        return wrap(DType.INT32, s, v.clone());
    }

    public static Literal of(long[] v, Shape s) {
        return wrap(DType.INT64, s, v.clone());
    }

    public static Literal of(boolean[] v, Shape s) {
        return wrap(DType.BOOL, s, v.clone());
    }

    public static Literal ofUint8(byte[] v, Shape s) {
        return wrap(DType.UINT8, s, v.clone());
    }

    public static Literal scalar(float v) {
        return wrap(DType.FLOAT32, Shape.scalar(), new float[] {v});
    }

    public static Literal scalar(double v) {
        return wrap(DType.FLOAT64, Shape.scalar(), new double[] {v});
    }

    public static Literal scalar(int v) {
        return wrap(DType.INT32, Shape.scalar(), new int[] {v});
    }

    public static Literal scalar(long v) {
        return wrap(DType.INT64, Shape.scalar(), new long[] {v});
    }

    public static Literal scalar(boolean v) {
        return wrap(DType.BOOL, Shape.scalar(), new boolean[] {v});
    }

    /** A zero-filled (false for bool) literal. */
    public static Literal zeros(DType dtype, Shape shape) {
        return new Literal(dtype, shape, newArray(dtype, shape.size()));
    }

    /**
     * Every element equal to {@code value}, converted to {@code dtype} as a cast would (truncation
     * toward zero for integers, {@code value != 0} for bool).
     */
    public static Literal splat(DType dtype, Shape shape, double value) {
        Object a = newArray(dtype, shape.size());
        int n = shape.size();
        switch (dtype) {
            case BOOL -> Arrays.fill((boolean[]) a, value != 0);
            case UINT8 -> Arrays.fill((byte[]) a, (byte) (long) value);
            case INT32 -> Arrays.fill((int[]) a, (int) (long) value);
            case INT64 -> Arrays.fill((long[]) a, (long) value);
            case FLOAT32 -> Arrays.fill((float[]) a, (float) value);
            case FLOAT64 -> Arrays.fill((double[]) a, value);
        }
        assert java.lang.reflect.Array.getLength(a) == n;
        return new Literal(dtype, shape, a);
    }

    /** Every element equal to an integer {@code value} (exact for int64). */
    public static Literal splatLong(DType dtype, Shape shape, long value) {
        if (dtype == DType.INT64) {
            long[] a = new long[shape.size()];
            Arrays.fill(a, value);
            return new Literal(dtype, shape, a);
        }
        return splat(dtype, shape, value);
    }

    /** A new zeroed primitive array for {@code dtype}. */
    public static Object newArray(DType dtype, int n) {
        return switch (dtype) {
            case BOOL -> new boolean[n];
            case UINT8 -> new byte[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
        };
    }

    /** The primitive array class that holds {@code dtype}. */
    public static Class<?> arrayClass(DType dtype) {
        return switch (dtype) {
            case BOOL -> boolean[].class;
            case UINT8 -> byte[].class;
            case INT32 -> int[].class;
            case INT64 -> long[].class;
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
        };
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    public TensorType type() {
        return new TensorType(dtype, shape);
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** The backing array; do not modify. */
    public Object data() {
        return data;
    }

    /** The same value in an array of its own, for a holder that must not share this one's. */
    public Literal copy() {
        Object array = java.lang.reflect.Array.newInstance(data.getClass().getComponentType(), size);
        System.arraycopy(data, 0, array, 0, size);
        return new Literal(dtype, shape, array);
    }

    public float[] floats() {
        return (float[]) data;
    }

    public double[] doubles() {
        return (double[]) data;
    }

    public int[] ints() {
        return (int[]) data;
    }

    public long[] longs() {
        return (long[]) data;
    }

    public boolean[] booleans() {
        return (boolean[]) data;
    }

    /** uint8 elements as stored (read them with {@code & 0xff}). */
    public byte[] uint8s() {
        return (byte[]) data;
    }

    /** Element {@code i} as a double (bool: 1 or 0; uint8 unsigned). */
    public double getDouble(int i) {
        return switch (dtype) {
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            case UINT8 -> ((byte[]) data)[i] & 0xff;
            case INT32 -> ((int[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case FLOAT32 -> ((float[]) data)[i];
            case FLOAT64 -> ((double[]) data)[i];
        };
    }

    /** Element {@code i} as a long (floats truncated toward zero, as a cast). */
    public long getLong(int i) {
        return switch (dtype) {
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            case UINT8 -> ((byte[]) data)[i] & 0xff;
            case INT32 -> ((int[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case FLOAT32 -> (long) ((float[]) data)[i];
            case FLOAT64 -> (long) ((double[]) data)[i];
        };
    }

    public boolean getBoolean(int i) {
        return dtype == DType.BOOL ? ((boolean[]) data)[i] : getDouble(i) != 0;
    }

    /** Whether every element is the same (bitwise for floats). True for empty literals. */
    public boolean isSplat() {
        int n = size();
        for (int i = 1; i < n; i++) {
            if (!sameElement(this, i, this, 0)) {
                return false;
            }
        }
        return true;
    }

    /** The same elements under another shape with the same element count. */
    public Literal reshape(Shape s) {
        return wrap(dtype, s, data);
    }

    private static boolean sameElement(Literal a, int i, Literal b, int j) {
        return switch (a.dtype) {
            case BOOL -> a.booleans()[i] == b.booleans()[j];
            case UINT8 -> a.uint8s()[i] == b.uint8s()[j];
            case INT32 -> a.ints()[i] == b.ints()[j];
            case INT64 -> a.longs()[i] == b.longs()[j];
            case FLOAT32 -> Float.floatToIntBits(a.floats()[i]) == Float.floatToIntBits(b.floats()[j]);
            case FLOAT64 -> Double.doubleToLongBits(a.doubles()[i]) == Double.doubleToLongBits(b.doubles()[j]);
        };
    }

    /** Equal dtype, shape and elements (floats compared bitwise, so NaN equals NaN). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Literal l) || l.dtype != dtype || !l.shape.equals(shape)) {
            return false;
        }
        return switch (dtype) {
            case BOOL -> Arrays.equals(booleans(), l.booleans());
            case UINT8 -> Arrays.equals(uint8s(), l.uint8s());
            case INT32 -> Arrays.equals(ints(), l.ints());
            case INT64 -> Arrays.equals(longs(), l.longs());
            case FLOAT32 -> Arrays.equals(floats(), l.floats());
            case FLOAT64 -> Arrays.equals(doubles(), l.doubles());
        };
    }

    @Override
    public int hashCode() {
        int h = dtype.hashCode() * 31 + shape.hashCode();
        return h * 31 + switch (dtype) {
            case BOOL -> Arrays.hashCode(booleans());
            case UINT8 -> Arrays.hashCode(uint8s());
            case INT32 -> Arrays.hashCode(ints());
            case INT64 -> Arrays.hashCode(longs());
            case FLOAT32 -> Arrays.hashCode(floats());
            case FLOAT64 -> Arrays.hashCode(doubles());
        };
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type().toIrString()).append(' ');
        int n = Math.min(size(), 20);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dtype == DType.BOOL ? Boolean.toString(getBoolean(i))
                    : dtype.isFloating() ? Double.toString(getDouble(i)) : Long.toString(getLong(i)));
        }
        if (size() > n) {
            sb.append(", ...");
        }
        return sb.append(']').toString();
    }
}
