package earkit.reference.json;

/** Not JSON at all: refused before the body is read into any shape. */
public final class MalformedJson extends ShapeException {
    MalformedJson(String message) {
        super(message);
    }
}
