package earkit.kit.steps;

/** How a client treats its HTTP connections: the subject of the connection-reuse advice (S46). */
public enum ConnectionMode {
    /** One pooled connection, kept alive between requests: what the SDK does when configured well. */
    KEPT_ALIVE("one kept-alive connection"),
    /** {@code Connection: close} on every request, so each request opens a new TCP connection. */
    NEW_PER_REQUEST("a new connection for each request");

    final String phrase;

    ConnectionMode(String phrase) {
        this.phrase = phrase;
    }

    @Override
    public String toString() {
        return phrase;
    }
}
