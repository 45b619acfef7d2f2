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
