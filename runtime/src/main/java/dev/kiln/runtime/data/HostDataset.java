package dev.kiln.runtime.data;

import dev.kiln.ir.TensorType;
import java.util.List;

/**
 * A dataset a graph reads through {@code make_iterator}: the layer that owns datasets implements it, the
 * runtime only opens it. Each {@link #open} is a new pass over the elements (a new epoch).
 */
public interface HostDataset {
    /** The types of an element's components (unknown dimensions where elements differ, like a last short batch). */
    List<TensorType> elementTypes();

    /** A new iterator from the first element. */
    HostIterator open();
}
