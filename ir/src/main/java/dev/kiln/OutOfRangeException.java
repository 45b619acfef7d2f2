package dev.kiln;

/**
 * TensorFlow's {@code OutOfRangeError}: an iterator read past the end of its dataset
 * ({@code "End of sequence"}).
 */
public class OutOfRangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutOfRangeException(String message) {
        super(message);
    }
}
