package earkit.kit.spi;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * What one scenario needs from its environment before the first request.
 *
 * @param clockStart the virtual clock's start (capability {@code historic-clock}), or empty for the target's own
 * @param kmsVia     a proxy the target must send its KMS requests through (capability {@code kms-proxy}), or empty
 */
public record SessionRequest(Optional<Instant> clockStart, Optional<URI> kmsVia) {
    public static SessionRequest plain() {
        return new SessionRequest(Optional.empty(), Optional.empty());
    }
}
