package dev.kiln.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.InvalidArgumentException;
import dev.kiln.OutOfRangeException;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpCatalog;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.PureKernel;
import java.util.List;
import org.junit.jupiter.api.Test;

class IteratorKernelsTest {
    private static final List<TensorType> TYPES = List.of(new TensorType(DType.FLOAT32, Shape.of(Shape.UNKNOWN)),
            TensorType.of(DType.INT32));

    /** Elements ([0..i) as floats, i) for i = 1..n. */
    private static HostDataset counting(int n) {
        return new HostDataset() {
            @Override
            public List<TensorType> elementTypes() {
                return TYPES;
            }

            @Override
            public HostIterator open() {
                return new HostIterator() {
                    int i;

                    @Override
                    public List<TensorType> elementTypes() {
                        return TYPES;
                    }

                    @Override
                    public Literal[] next() {
                        if (i >= n) {
                            return null;
                        }
                        i++;
                        float[] v = new float[i];
                        for (int k = 0; k < i; k++) {
                            v[k] = k;
                        }
                        return new Literal[] {Literal.of(v, Shape.of(i)), Literal.scalar(i)};
                    }
                };
            }
        };
    }

    private static PureKernel kernel(String op) {
        return (PureKernel) KernelRegistry.reference().get(OpCatalog.get(op));
    }

    private static Attributes types(List<TensorType> t) {
        return Attributes.empty().with("element_types", t);
    }

    @Test
    void eachMakeIteratorIsANewPassAndOptionalEndsWithFalse() {
        try (ResourceHandles.Scope scope = ResourceHandles.open()) {
            long ds = ResourceHandles.register(counting(2));
            Literal it1 = kernel("make_iterator").run(new Literal[] {Literal.scalar(ds)}, Attributes.empty())[0];
            Literal it2 = kernel("make_iterator").run(new Literal[] {Literal.scalar(ds)}, Attributes.empty())[0];
            PureKernel next = kernel("iterator_get_next_as_optional");
            Literal[] a = next.run(new Literal[] {it1}, types(TYPES));
            Literal[] b = next.run(new Literal[] {it1}, types(TYPES));
            Literal[] c = next.run(new Literal[] {it1}, types(TYPES));
            Literal[] fresh = next.run(new Literal[] {it2}, types(TYPES));
            assertTrue(a[0].getBoolean(0));
            assertArrayEquals(new float[] {0f}, a[1].floats());
            assertEquals(1, a[2].getLong(0));
            assertArrayEquals(new float[] {0f, 1f}, b[1].floats());
            assertFalse(c[0].getBoolean(0));
            assertEquals(Shape.of(0), c[1].shape());
            assertEquals(1, fresh[2].getLong(0));
        }
    }

    @Test
    void getNextPastTheEndIsOutOfRange() {
        try (ResourceHandles.Scope scope = ResourceHandles.open()) {
            Literal it = Literal.scalar(ResourceHandles.register(counting(1).open()));
            PureKernel next = kernel("iterator_get_next");
            assertEquals(1, next.run(new Literal[] {it}, types(TYPES))[1].getLong(0));
            OutOfRangeException e = assertThrows(OutOfRangeException.class,
                    () -> next.run(new Literal[] {it}, types(TYPES)));
            assertEquals("End of sequence [Op:IteratorGetNext]", e.getMessage());
        }
    }

    @Test
    void elementsThatDoNotMatchTheDeclaredTypesAreRejected() {
        try (ResourceHandles.Scope scope = ResourceHandles.open()) {
            Literal it = Literal.scalar(ResourceHandles.register(counting(1).open()));
            List<TensorType> wrong = List.of(TensorType.of(DType.FLOAT32, 2), TensorType.of(DType.INT32));
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> kernel("iterator_get_next").run(new Literal[] {it}, types(wrong)));
            assertEquals("component 0 of the element: expected shape [2], got [1] [Op:IteratorGetNext]", e.getMessage());
        }
    }

    @Test
    void closedScopesForgetTheirHandles() {
        long h;
        int before = ResourceHandles.liveCount();
        try (ResourceHandles.Scope scope = ResourceHandles.open()) {
            h = ResourceHandles.register(counting(1));
            kernel("make_iterator").run(new Literal[] {Literal.scalar(h)}, Attributes.empty());
            assertEquals(before + 2, ResourceHandles.liveCount());
        }
        assertEquals(before, ResourceHandles.liveCount());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> kernel("make_iterator").run(new Literal[] {Literal.scalar(h)}, Attributes.empty()));
        assertTrue(e.getMessage().startsWith("resource handle " + h + " is not registered"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ResourceHandles.register(counting(1)));
    }

    @Test
    void aHandleOfTheWrongKindIsRejected() {
        try (ResourceHandles.Scope scope = ResourceHandles.open()) {
            long ds = ResourceHandles.register(counting(1));
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> kernel("iterator_get_next").run(new Literal[] {Literal.scalar(ds)}, types(TYPES)));
            assertTrue(e.getMessage().contains("is not an iterator"), e.getMessage());
        }
    }
}
