package dev.kiln.other;

import dev.kiln.Tensor;
import dev.kiln.Tf;

/** A base class in another package whose protected members converted code of a subclass uses. */
public class ProtectedBase {
    protected Tensor scale = Tf.constant(3f);
    protected static int offset = 1;

    protected Tensor twice(Tensor x) {
        return x.mul(2f);
    }
}
