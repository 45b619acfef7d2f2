package dev.kiln;

/**
 * An error TensorFlow raises as Python's {@code RuntimeError}/{@code RecursionError}: here, a traced function
 * that calls itself without end while tracing ("maximum recursion depth exceeded").
 */
public class TfRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TfRuntimeException(String message) {
        super(message);
    }

    public TfRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
