package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.InvalidArgumentException;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariableSlotTest {
    @Test
    void assignReplacesTheValue() {
        VariableSlot v = new VariableSlot(Literal.scalar(0f));
        v.assign(Literal.scalar(5f));
        assertEquals(Literal.scalar(5f), v.read());
        assertEquals(TensorType.scalar(DType.FLOAT32), v.type());
    }

    @Test
    void c053_shapeMismatchIsRejected() {
        VariableSlot v = new VariableSlot(Literal.of(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3)));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> v.assign(Literal.of(new float[] {1, 2}, Shape.of(2))));
        assertTrue(e.getMessage().contains("Shape mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(2,)"), e.getMessage());
    }

    @Test
    void c053_dtypeMismatchIsRejected() {
        VariableSlot v = new VariableSlot(Literal.scalar(1f));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> v.assign(Literal.scalar(1)));
        assertTrue(e.getMessage().contains("float") && e.getMessage().contains("int32"), e.getMessage());
    }

    @Test
    void unknownDimensionsAcceptAnySize() {
        VariableSlot v = new VariableSlot(new TensorType(DType.INT32, Shape.of(Shape.UNKNOWN)),
                Literal.of(new int[] {1}, Shape.of(1)));
        v.assign(Literal.of(new int[] {1, 2, 3}, Shape.of(3)));
        assertEquals(3, v.read().size());
        assertThrows(InvalidArgumentException.class, () -> v.assign(Literal.scalar(1)));
    }

    @Test
    void updatesAreAtomic() throws InterruptedException {
        VariableSlot v = new VariableSlot(Literal.scalar(0L));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    v.update(old -> Literal.scalar(old.longs()[0] + 1));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(4000L, v.read().longs()[0]);
    }

    /** Adds one to every element, in {@code into} when the slot offers it; records what it was offered. */
    private static Literal plusOne(Literal old, Object into, List<Object> offered) {
        offered.add(into);
        float[] out = into != null ? (float[]) into : new float[old.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = old.floats()[i] + 1;
        }
        return Literal.wrap(DType.FLOAT32, old.shape(), out);
    }

    @Test
    void anUpdateOverwritesOnlyAnArrayTheSlotMadeAndNoOneRead() {
        Literal initial = Literal.of(new float[] {1, 2}, Shape.of(2));
        VariableSlot v = new VariableSlot(initial);
        List<Object> offered = new ArrayList<>();
        v.update((old, into) -> plusOne(old, into, offered));
        // The initial value came from outside: copied.
        assertEquals(null, offered.get(0));
        assertArrayEquals(new float[] {1, 2}, initial.floats());
        Literal borrowed = v.borrow();
        Object own = borrowed.data();
        v.giveBack();
        v.update((old, into) -> plusOne(old, into, offered));
        assertSame(own, offered.get(1));
        assertArrayEquals(new float[] {3, 4}, v.borrow().floats());
        v.giveBack();

        // A read hands the array out: the next update copies, and the value read never changes.
        Literal read = v.read();
        v.update((old, into) -> plusOne(old, into, offered));
        assertEquals(null, offered.get(2));
        assertArrayEquals(new float[] {3, 4}, read.floats());
        assertArrayEquals(new float[] {4, 5}, v.read().floats());
    }

    @Test
    void noUpdateOverwritesAValueWhileItIsBorrowed() {
        VariableSlot v = new VariableSlot(Literal.of(new float[] {1, 2}, Shape.of(2)));
        List<Object> offered = new ArrayList<>();
        v.update((old, into) -> plusOne(old, into, offered));
        Literal borrowed = v.borrow();
        v.update((old, into) -> plusOne(old, into, offered));
        assertEquals(null, offered.get(1));
        assertArrayEquals(new float[] {2, 3}, borrowed.floats());
        v.giveBack();
        v.update((old, into) -> plusOne(old, into, offered));
        assertEquals(List.of(v.borrow().data()), offered.subList(2, 3));
        v.giveBack();
        assertThrows(IllegalStateException.class, v::giveBack);
    }

    @Test
    void assignedValuesAreNeverOverwritten() {
        VariableSlot v = new VariableSlot(Literal.of(new float[] {1, 2}, Shape.of(2)));
        List<Object> offered = new ArrayList<>();
        v.update((old, into) -> plusOne(old, into, offered));
        Literal assigned = Literal.of(new float[] {7, 8}, Shape.of(2));
        v.assign(assigned);
        v.update((old, into) -> plusOne(old, into, offered));
        assertEquals(null, offered.get(1));
        assertArrayEquals(new float[] {7, 8}, assigned.floats());
    }

    @Test
    void readersOnOtherThreadsNeverSeeAValueChange() throws InterruptedException {
        // Every value holds one number in all its elements: a reader that saw two would have watched an
        // update write over the value it read.
        int n = 4096;
        VariableSlot v = new VariableSlot(Literal.of(new float[n], Shape.of(n)));
        List<String> torn = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 2000; i++) {
                v.update((old, into) -> plusOne(old, into, new ArrayList<>()));
            }
        });
        Thread reader = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 2000; i++) {
                float[] seen = v.read().floats();
                float first = seen[0];
                Thread.onSpinWait();
                for (float x : seen) {
                    if (x != first) {
                        torn.add("read " + first + " then " + x);
                        return;
                    }
                }
            }
        });
        writer.join();
        reader.join();
        assertEquals(List.of(), torn);
        assertEquals(2000f, v.read().floats()[n - 1]);
    }
}
