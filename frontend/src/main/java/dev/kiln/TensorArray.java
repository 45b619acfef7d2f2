package dev.kiln;

import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpCatalog;
import dev.kiln.ir.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * TensorFlow's {@code tf.TensorArray}: a fixed number of tensors of one dtype and one shape, written an
 * index at a time and read back or stacked into one tensor, eagerly and inside traced functions alike.
 * It is a value, as TensorFlow's is inside {@code tf.function}: {@link #write} returns a new array and
 * leaves this one as it was, so keep the result ({@code ta = ta.write(i, x)}).
 *
 * <p>The element shape is inferred from the first write when not given, and every write must fit it.
 * Inside a {@link Function} method, an array held in a local variable that a converted loop or {@code if}
 * changes is part of the loop's (or branch's) state, so a loop that fills it stays one graph
 * {@code while} loop, as in TensorFlow.
 *
 * <pre>{@code
 * Tensor cumsum(Tensor x) {                           // run with Kiln.function(this::cumsum)
 *     Tensor n = Tf.shape(x).slice(Index.at(0));
 *     TensorArray ta = new TensorArray(DType.FLOAT32, n);
 *     Tensor s = Tf.constant(0f);
 *     for (Tensor i : Tf.range(n)) {
 *         s = s.add(Tf.gather(x, i));
 *         ta = ta.write(i, s);
 *     }
 *     return ta.stack();                              // [1, 3, 6] for x = [1, 2, 3]
 * }
 * }</pre>
 *
 * <p>Elements not written read as zeros. Errors are TensorFlow's, as {@link InvalidArgumentException}: a
 * value of another dtype ("TensorArray dtype is float32 but Op is trying to write dtype int32"), of an
 * incompatible shape, or an index outside the array (found when the index is known: eagerly, or when the
 * traced function runs).
 */
public final class TensorArray {
    private final DType dtype;
    /** An int32 scalar; null when the buffer's first dimension is the size. */
    private final Tensor size;
    private final Shape elementShape;
    /** The elements stacked, {@code [size, *element]}; null before the first write. */
    private final Tensor buffer;
    /**
     * Inside staged control flow, a buffer allocated before the element shape was known at run time is a
     * placeholder without elements until the first write allocates it for real.
     */
    private final boolean mayBeUnallocated;

    /** An array of {@code size} elements whose shape the first write decides. */
    public TensorArray(DType dtype, int size) {
        this(dtype, size, Shape.unknownRank());
    }

    /** An array of {@code size} elements of (what is known of) {@code elementShape}. */
    public TensorArray(DType dtype, int size, Shape elementShape) {
        this(dtype, Tensor.of(Literal.scalar(size)), elementShape);
    }

    /** An array whose size is an int32 scalar tensor, which may be symbolic inside a traced function. */
    public TensorArray(DType dtype, Operand size) {
        this(dtype, size, Shape.unknownRank());
    }

    public TensorArray(DType dtype, Operand size, Shape elementShape) {
        this(dtype, checkedSize(size.value()), elementShape, null, false);
    }

    private TensorArray(DType dtype, Tensor size, Shape elementShape, Tensor buffer, boolean mayBeUnallocated) {
        this.dtype = dtype;
        this.size = size;
        this.elementShape = elementShape;
        this.buffer = buffer;
        this.mayBeUnallocated = mayBeUnallocated;
    }

    private static Tensor checkedSize(Tensor size) {
        if (size.dtype() != DType.INT32 || size.shape().hasKnownRank() && size.rank() != 0) {
            throw new InvalidArgumentException("TensorArray size must be an int32 scalar, got a " + size.dtype().tfName()
                    + " tensor of shape " + size.shape());
        }
        if (size.isConcrete() && size.intValue() < 0) {
            throw new InvalidArgumentException("TensorArray size must be non-negative, got " + size.intValue());
        }
        return size;
    }

    public DType dtype() {
        return dtype;
    }

    /** What is known of the elements' shape: given, or inferred from the writes so far. */
    public Shape elementShape() {
        return elementShape;
    }

    /** The number of elements, an int32 scalar tensor. */
    public Tensor size() {
        if (size != null && (buffer == null || ExecutionContext.current().canUse(size))) {
            return size;
        }
        int n = buffer.shape().hasKnownRank() ? buffer.shape().dim(0) : Shape.UNKNOWN;
        return n != Shape.UNKNOWN ? Tensor.of(Literal.scalar(n)) : Tf.gather(Tf.shape(buffer), 0);
    }

    /**
     * This array with element {@code index} (an int or an integer scalar tensor) set to {@code value} (a
     * Java value is converted to the array's dtype).
     *
     * @throws InvalidArgumentException for a value of another dtype or an incompatible shape, or an index known
     *     to be outside the array
     */
    public TensorArray write(Object index, Object value) {
        Tensor v = OperandConversion.tensor(value, dtype);
        checkDType(v);
        Shape element = merged(v.shape());
        Tensor i = index(index, true);
        Tensor base = base(v.shape(), () -> Tf.shape(v));
        Tensor updated = Tf.tensorScatterNdUpdate(base, i.isConcrete()
                ? Tensor.of(Literal.of(new long[] {i.longValue()}, Shape.of(1, 1))) : Tf.reshape(i, 1, 1), Tf.expandDims(v, 0));
        return new TensorArray(dtype, size, element, updated, false);
    }

    /**
     * Element {@code index}; zeros when it was not written and the element shape is known.
     *
     * @throws InvalidArgumentException for an index known to be outside the array, or when nothing was written
     *     and the element shape is not fully known
     */
    public Tensor read(Object index) {
        Tensor i = index(index, false);
        if (buffer != null) {
            return Tf.gather(buffer, i);
        }
        if (elementShape.isFullyDefined()) {
            return Tf.fill(elementShape, zero());
        }
        throw new InvalidArgumentException("Could not read from TensorArray index " + (i.isConcrete() ? i.longValue() : i)
                + " because it has not yet been written to, and its element shape " + elementShape
                + " is not fully defined");
    }

    /** All elements as one tensor of shape {@code [size, *element]}. */
    public Tensor stack() {
        if (buffer != null) {
            return buffer;
        }
        if (elementShape.isFullyDefined()) {
            return allocate(elementShape, null);
        }
        Tensor n = size();
        if (n.isConcrete() && n.intValue() == 0) {
            return Tf.fill(Shape.of(0), zero());
        }
        throw new InvalidArgumentException("Tried to stack elements of an empty list with non-fully-defined element_shape: "
                + elementShape);
    }

    /**
     * This array with its first elements replaced by the slices of {@code value} along its first dimension
     * ({@code ta.unstack(t).stack()} is {@code t} when {@code t} has {@code size} rows).
     *
     * @throws InvalidArgumentException for a value of another dtype, rows of an incompatible shape, or more rows
     *     than the array has elements
     */
    public TensorArray unstack(Object value) {
        Tensor v = OperandConversion.tensor(value, dtype);
        checkDType(v);
        Shape vs = v.shape();
        if (vs.hasKnownRank() && vs.rank() == 0) {
            throw new InvalidArgumentException("Cannot unstack a scalar into a TensorArray (value shape " + vs + ")");
        }
        Shape rowShape = vs.hasKnownRank() ? Shape.of(Arrays.copyOfRange(vs.dims(), 1, vs.rank())) : vs;
        Shape element = merged(rowShape);
        int rows = vs.hasKnownRank() ? vs.dim(0) : Shape.UNKNOWN;
        Tensor n = size();
        if (rows != Shape.UNKNOWN && n.isConcrete()) {
            if (rows > n.intValue()) {
                throw new InvalidArgumentException("Cannot unstack " + rows + " tensors into a TensorArray of static size "
                        + n.intValue());
            }
            if (rows < n.intValue()) {
                int[][] indices = new int[rows][1];
                for (int r = 0; r < rows; r++) {
                    indices[r][0] = r;
                }
                Tensor base = base(rowShape, () -> Tf.slice(Tf.shape(v), new int[] {1}, new int[] {-1}));
                return new TensorArray(dtype, size, element, Tf.tensorScatterNdUpdate(base, indices, v), false);
            }
        }
        // The value becomes the buffer; its rows are the size (TensorFlow's graph TensorArray does the same).
        return new TensorArray(dtype, null, element, v, false);
    }

    @Override
    public String toString() {
        return "TensorArray(dtype=" + dtype.tfName() + ", size=" + (size != null && size.isConcrete() ? size.intValue()
                : buffer != null && buffer.shape().hasKnownRank() && buffer.shape().dim(0) != Shape.UNKNOWN
                ? buffer.shape().dim(0) : "?") + ", element_shape=" + elementShape + ")";
    }

    // ---------------------------------------------------------------- for staged control flow

    boolean hasBuffer() {
        return buffer != null;
    }

    Tensor buffer() {
        return buffer;
    }

    boolean mayBeUnallocated() {
        return mayBeUnallocated;
    }

    /** This array over another buffer of the same type (a loop or cond result standing for this array's). */
    TensorArray over(Tensor newBuffer) {
        return withBuffer(newBuffer, elementShape, mayBeUnallocated);
    }

    TensorArray withBuffer(Tensor newBuffer, Shape element, boolean unallocated) {
        return new TensorArray(dtype, size, element, newBuffer, unallocated);
    }

    /**
     * This array with a buffer of zeros for elements of {@code element}, made in the current context: when
     * dimensions of {@code element} are unknown, a placeholder with no elements that the first write at run
     * time replaces (the buffer's static type still has {@code element}'s dimensions).
     */
    TensorArray allocated(Shape element) {
        if (!element.hasKnownRank()) {
            throw new IllegalArgumentException("element shape of unknown rank");
        }
        if (element.isFullyDefined()) {
            return new TensorArray(dtype, size, element, allocate(element, null), false);
        }
        int[] placeholder = element.dims();
        for (int k = 0; k < placeholder.length; k++) {
            placeholder[k] = Math.max(placeholder[k], 0);
        }
        return new TensorArray(dtype, size, element, allocate(element, () -> vector(placeholder)), true);
    }

    // ---------------------------------------------------------------- internals

    private Tensor zero() {
        return Tensor.of(Literal.zeros(dtype, Shape.scalar()));
    }

    private void checkDType(Tensor v) {
        if (v.dtype() != dtype) {
            throw new InvalidArgumentException("TensorArray dtype is " + dtype.tfName() + " but Op is trying to write dtype "
                    + v.dtype().tfName());
        }
    }

    /** The element shape after a write of {@code shape}, or TensorFlow's error for an incompatible one. */
    private Shape merged(Shape shape) {
        if (!elementShape.isCompatibleWith(shape)) {
            throw new InvalidArgumentException("Incompatible shape for value (" + shape + "), expected (" + elementShape
                    + ")");
        }
        return elementShape.merge(shape);
    }

    /** The index as a scalar tensor, checked against the size when both are known now. */
    private Tensor index(Object index, boolean write) {
        Tensor i = OperandConversion.tensor(index, DType.INT32);
        if (i.dtype() != DType.INT32 && i.dtype() != DType.INT64) {
            throw new InvalidArgumentException("TensorArray index must be an int32 or int64 scalar, got dtype "
                    + i.dtype().tfName());
        }
        if (i.shape().hasKnownRank() && i.rank() != 0) {
            throw new InvalidArgumentException("TensorArray index must be scalar, but had shape: " + i.shape().toIrString());
        }
        Tensor n = size();
        if (i.isConcrete() && n.isConcrete()) {
            long k = i.longValue();
            int length = n.intValue();
            if (k < 0) {
                throw new InvalidArgumentException((write ? "Writing to" : "Reading from") + " negative indices (index "
                        + k + ") is not allowed.");
            }
            if (k >= length) {
                throw new InvalidArgumentException(write
                        ? "Tried to write to index " + k + " but array is not resizeable and size is: " + length
                        : "Tried to read from index " + k + " but array size is: " + length);
            }
        }
        return i;
    }

    /** The buffer a write of elements of {@code element} goes into, allocated when there is none yet. */
    private Tensor base(Shape element, Supplier<Tensor> elementDims) {
        if (buffer == null) {
            return allocate(element, elementDims);
        }
        if (!mayBeUnallocated) {
            return buffer;
        }
        // The buffer is a placeholder until the first write at run time: the write allocates it then.
        Tensor unallocated = Tf.equal(Tf.size(buffer), 0);
        return CondStaging.select(unallocated, () -> allocate(element, elementDims), () -> buffer);
    }

    /**
     * Zeros of shape {@code [size, *element]}; {@code elementDims} (an int32 vector) gives the element's
     * dimensions at run time when they are not all known now (else it is not called).
     */
    private Tensor allocate(Shape element, Supplier<Tensor> elementDims) {
        Tensor n = size();
        int rows = n.isConcrete() ? n.intValue() : Shape.UNKNOWN;
        Shape shape = Shape.of(known(new int[] {rows}, element.dims()));
        if (shape.isFullyDefined()) {
            return Tf.fill(shape, zero());
        }
        Tensor head = n.isConcrete() ? vector(rows) : Tf.reshape(n, 1);
        Tensor tail = element.isFullyDefined() ? vector(element.dims()) : elementDims.get();
        Tensor dims = head.isConcrete() && tail.isConcrete()
                ? vector(known(head.toIntArray(), tail.toIntArray())) : Tf.concat(List.of(head, tail), 0);
        return ExecutionContext.run1(OpCatalog.get("fill_dims"), Attributes.of("shape", shape), dims, zero());
    }

    private static Tensor vector(int... values) {
        return Tensor.of(Literal.of(values, Shape.of(values.length)));
    }

    private static int[] known(int[] head, int[] tail) {
        int[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
