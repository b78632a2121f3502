package earkit.reference.clients;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one TCP connection of a client cost: its requests and the KMS calls DynamoDB made while answering them. The
 * front door counts on it without any look-up; who the client is comes from the first signed request.
 */
public final class ClientConnection {
    private final LongAdder requests = new LongAdder();
    private final LongAdder tableKeyRefreshes = new LongAdder();
    private final LongAdder kmsCalls = new LongAdder();
    private volatile ClientIdentity client; // null until a signed request names its access key
    private volatile String version = "";

    public void request() {
        requests.increment();
    }

    /** Whether a signed request has said whose this connection is; until then, the front door passes each request's headers. */
    public boolean identified() {
        return client != null;
    }

    /** Takes the client from a request's {@code Authorization} and {@code User-Agent}, if it is signed. */
    public void identify(String authorization, String userAgent) {
        if (authorization != null && client == null) {
            version = ClientIdentity.version(userAgent);
            client = ClientIdentity.of(authorization, userAgent);
        }
    }

    /** A KMS call the store made while answering this connection's request. */
    void kmsCall(String operation) {
        kmsCalls.increment();
        if ("Decrypt".equals(operation) || "GenerateDataKey".equals(operation)) {
            tableKeyRefreshes.increment();
        }
    }

    ClientIdentity client() {
        return client;
    }

    String version() {
        return version;
    }

    long requests() {
        return requests.sum();
    }

    long tableKeyRefreshes() {
        return tableKeyRefreshes.sum();
    }

    long kmsCalls() {
        return kmsCalls.sum();
    }
}
