package earkit.reference.domain.table;

import earkit.reference.domain.DomainException;
import earkit.reference.time.VirtualClock;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client request tokens of completed transactions (TransactWriteItems' ClientRequestToken): a token is
 * valid for 10 minutes after the first request that used it completed; within them the same request is not
 * applied again, and a different request with the token is refused. Only a digest of the request is kept,
 * so no item value is held in plaintext for the window (the request itself stays in memory only).
 */
final class IdempotencyTokens {
    static final Duration WINDOW = Duration.ofMinutes(10);

    private record Use(byte[] request, Instant completed) {
    }

    private final VirtualClock clock;
    private final Map<String, Use> uses = new LinkedHashMap<>(); // in order of completion

    IdempotencyTokens(VirtualClock clock) {
        this.clock = clock;
    }

    /**
     * Whether {@code token} (scoped by account and Region) was used by this same request within the window:
     * true means the transaction has been applied already.
     */
    synchronized boolean seen(String scope, String token, byte[] request) {
        Use use = current(scope, token);
        if (use == null) {
            return false;
        }
        if (!MessageDigest.isEqual(use.request(), request)) {
            throw new DomainException("IdempotentParameterMismatchException",
                    "The request uses the same client token as a previous, but non-identical request.");
        }
        return true;
    }

    /** The transaction of {@code token} completed now. */
    synchronized void completed(String scope, String token, byte[] request) {
        uses.remove(scope + '\u0000' + token);
        uses.put(scope + '\u0000' + token, new Use(request.clone(), clock.now()));
    }

    private Use current(String scope, String token) {
        Instant now = clock.now();
        // Tokens expire in the order they completed: the old ones are dropped from the front.
        for (Iterator<Use> it = uses.values().iterator(); it.hasNext(); ) {
            if (now.isBefore(it.next().completed().plus(WINDOW))) {
                break;
            }
            it.remove();
        }
        return uses.get(scope + '\u0000' + token);
    }
}
