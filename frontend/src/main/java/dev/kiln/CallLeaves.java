package dev.kiln;

import dev.kiln.runtime.data.ResourceHandles;
import java.util.ArrayList;

/**
 * The tensors and variables of one call's arguments ({@link TraceKey#of}), and the handle scope that
 * dataset and iterator arguments need for the duration of the call, opened at the first one so that
 * calls without them pay nothing.
 */
final class CallLeaves extends ArrayList<Operand> implements AutoCloseable {
    private static final long serialVersionUID = 1L;
    private transient ResourceHandles.Scope scope;

    CallLeaves(int capacity) {
        super(capacity);
    }

    /** A handle for {@code hostObject}, valid until {@link #close}. */
    long register(Object hostObject) {
        if (scope == null) {
            scope = ResourceHandles.open();
        }
        return ResourceHandles.register(hostObject);
    }

    @Override
    public void close() {
        if (scope != null) {
            scope.close();
            scope = null;
        }
    }
}
