package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.other.ProtectedBase;
import org.junit.jupiter.api.Test;

/**
 * Converted code runs in a hidden class next to the user's class, which is not a subclass of the user's
 * superclass: members it reaches must still be accessible as they are to the original method.
 */
class AutographAccessTest {
    static final class Derived extends ProtectedBase {
        private Tensor secret = Tf.constant(10f);

        Tensor branchy(Tensor x) {
            if (Tf.greater(x, 0).bool()) {
                return twice(x).mul(scale).add(offset);
            }
            return x.add(secret);
        }

        Tensor loopy(Tensor x) {
            Tensor acc = x;
            for (Tensor i : Tf.range(3)) {
                acc = twice(acc).sub(scale);
                scale = scale.add(0f);
            }
            return acc;
        }
    }

    static class Shape {
        Tensor area(Tensor x) {
            if (Tf.greater(x, 0).bool()) {
                return x.mul(x);
            }
            return x.neg();
        }
    }

    static final class Square extends Shape {
        @Override
        Tensor area(Tensor x) {
            Tensor base = super.area(x);
            if (Tf.greater(base, 10f).bool()) {
                return base.sub(10f);
            }
            return super.area(x.add(1f));
        }
    }

    @Test
    void superCallsAreLinkedByTheClassAndConverted() {
        Square s = new Square();
        PolymorphicFunction f = Kiln.function(s::area);
        for (float x : new float[] {-3, 0, 2, 5}) {
            assertEquals(s.area(Tf.constant(x)).floatValue(), f.call(Tf.constant(x)).floatValue(), "x=" + x);
        }
        assertEquals(1, f.traceCount(), "super.area's tensor if is converted too: one trace");
    }

    @Test
    void protectedMembersOfASuperclassInAnotherPackage() {
        Derived d = new Derived();
        PolymorphicFunction f = Kiln.function(d::branchy);
        assertEquals(13f, f.call(Tf.constant(2f)).floatValue());
        assertEquals(8f, f.call(Tf.constant(-2f)).floatValue());
        assertEquals(1, f.traceCount());
        PolymorphicFunction g = Kiln.function(d::loopy);
        assertEquals(d.loopy(Tf.constant(1f)).floatValue(), g.call(Tf.constant(1f)).floatValue());
    }

    @Test
    void theListingShowsProtectedAccessesAsWritten() throws NoSuchMethodException {
        String code = dev.kiln.autograph.Autograph.toCode(Derived.class.getDeclaredMethod("branchy", Tensor.class));
        assertTrue(code.contains(".mul, (ag__.ld(this).scale,), None, fscope)"), code);
        assertTrue(code.contains(".add, (AutographAccessTest$Derived.offset,), None, fscope)"), code);
    }
}
