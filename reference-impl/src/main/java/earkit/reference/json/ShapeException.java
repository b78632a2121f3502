package earkit.reference.json;

/**
 * A body that does not fit the shape it is read into (a member of the wrong type, a null in a list);
 * the wire answers it as {@code SerializationException}. No stack trace: bad input is an answer, not a bug.
 */
public class ShapeException extends RuntimeException {
    public ShapeException(String message) {
        super(message, null, false, false);
    }
}
