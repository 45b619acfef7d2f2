package dev.kiln.runtime;

import dev.kiln.InvalidArgumentException;
import dev.kiln.ir.Literal;
import dev.kiln.ir.TensorType;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The storage of one variable: a current value whose dtype and shape stay within a fixed
 * {@link TensorType}. Reads are lock-free (values are immutable literals published through a volatile
 * field); writes are serialised so that read-modify-write updates such as {@code assign_add} are atomic.
 *
 * <p>An update may overwrite the current value's array instead of making a new one, as TensorFlow
 * updates a variable's buffer in place when nothing else refers to it: only when the slot made that
 * array itself ({@link #update(BiFunction)}), {@link #read()} never handed it out since (a read marks it
 * shared, and the next update copies), and no {@link #borrow() borrowed} read of it is in progress.
 * So a value once read never changes.
 *
 * <pre>{@code
 * VariableSlot v = new VariableSlot(Literal.scalar(0f));
 * v.assign(Literal.scalar(5f));
 * v.update(old -> add(old, one));      // atomic against other writers
 * v.read();                             // f32[] [6.0]
 * }</pre>
 */
public final class VariableSlot {
    private final TensorType type;
    private volatile Literal value;
    /**
     * Whether the value's array is the slot's own: made by an update of the slot and not handed out by
     * {@link #read()} since. Set before {@link #value} is published, cleared under the lock.
     */
    private volatile boolean own;
    /** Borrowed reads in progress; guarded by this. */
    private int borrowed;

    /** A slot whose type is exactly the initial value's type. */
    public VariableSlot(Literal initial) {
        this(initial.type(), initial);
    }

    /** A slot of {@code type} (which may leave dimensions unknown) holding {@code initial}. */
    public VariableSlot(TensorType type, Literal initial) {
        this.type = Objects.requireNonNull(type, "type");
        check(initial);
        this.value = initial;
    }

    /** The declared type: every value the slot ever holds fits it. */
    public TensorType type() {
        return type;
    }

    /** The current value; it never changes, whatever later updates do. */
    public Literal read() {
        if (!own) {
            Literal v = value;
            // An update may have published an array of its own in between: then it must be marked shared.
            if (!own) {
                return v;
            }
        }
        return readShared();
    }

    private synchronized Literal readShared() {
        own = false;
        return value;
    }

    /**
     * The current value for a reader that keeps neither it nor anything sharing its array once it calls
     * {@link #giveBack()}, which it must do exactly once (compiled graphs read variables this way for the
     * length of a call). Until then no update overwrites the value's array.
     */
    public synchronized Literal borrow() {
        borrowed++;
        return value;
    }

    /** Ends a {@link #borrow()}. */
    public synchronized void giveBack() {
        if (borrowed == 0) {
            throw new IllegalStateException("giveBack() without borrow() on " + this);
        }
        borrowed--;
    }

    /** The type of the current value (its shape may be more specific than {@link #type()}), without reading it. */
    public TensorType valueType() {
        return value.type();
    }

    /**
     * Replaces the value.
     *
     * @throws InvalidArgumentException when the dtype differs or the shape does not fit ("Shape mismatch")
     */
    public synchronized void assign(Literal newValue) {
        check(newValue);
        own = false;
        value = newValue;
    }

    /**
     * Replaces the value by {@code f} of the current one, atomically against other writers.
     *
     * @return the new value
     */
    public synchronized Literal update(UnaryOperator<Literal> f) {
        Literal next = f.apply(value);
        check(next);
        own = false;
        value = next;
        return next;
    }

    /**
     * Replaces the value by {@code f(current, into)}, atomically against other writers, where {@code into}
     * is the current value's array when no one else can see it, else null. {@code f} writes the new value
     * into {@code into} (in place) or, when it is null or does not fit, into a new array of its own that no
     * one else refers to; the slot then owns that array.
     */
    public synchronized void update(BiFunction<Literal, Object, Literal> f) {
        Literal current = value;
        Literal next = f.apply(current, own && borrowed == 0 ? current.data() : null);
        check(next);
        own = true;
        value = next;
    }

    private void check(Literal v) {
        Objects.requireNonNull(v, "value");
        if (v.dtype() != type.dtype()) {
            throw new InvalidArgumentException("Cannot assign a " + v.dtype() + " value to a variable of dtype "
                    + type.dtype() + ": Trying to assign variable with wrong dtype. Expected "
                    + type.dtype().kernelName() + " got " + v.dtype().kernelName());
        }
        if (!type.shape().isCompatibleWith(v.shape())) {
            throw new InvalidArgumentException("Cannot assign value to variable: Shape mismatch. The variable shape "
                    + type.shape() + ", and the assigned value shape " + v.shape() + " are incompatible.");
        }
    }

    @Override
    public String toString() {
        return "VariableSlot(" + type.toIrString() + ")";
    }
}
