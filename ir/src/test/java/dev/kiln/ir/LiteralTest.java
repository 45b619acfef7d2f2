package dev.kiln.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.Test;

class LiteralTest {
    @Test
    void aCopyIsEqualInAnArrayOfItsOwn() {
        Literal[] values = {
            Literal.of(new float[] {1.5f, -2}, Shape.of(2, 1)),
            Literal.of(new long[] {3, 4, 5}, Shape.of(3)),
            Literal.of(new boolean[] {true}, Shape.of(1)),
            Literal.scalar(7.25),
        };
        for (Literal v : values) {
            Literal c = v.copy();
            assertEquals(v, c);
            assertEquals(v.type(), c.type());
            assertNotSame(v.data(), c.data());
        }
    }
}
