package dev.kiln.runtime.data;

import dev.kiln.ir.Literal;
import dev.kiln.ir.TensorType;
import java.util.List;

/** An iterator a graph reads through {@code iterator_get_next}; the runtime checks each element against the types. */
public interface HostIterator {
    /** The types of an element's components. */
    List<TensorType> elementTypes();

    /** The next element's components, or null after the last element. */
    Literal[] next();
}
