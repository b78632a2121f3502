package earkit.sdkcompat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How a driver's SDK clients reach the target: endpoint, Region and credentials; {@code keepAlive} false makes every
 * request come on a new connection (each SDK's own way: an agent without keep-alive, {@code Connection: close});
 * {@code retries} false turns the SDK's retries off, so that a refusal surfaces as the target sent it;
 * {@code callTimeout} bounds each call (a target that never answers is then a failed call, not a hung run);
 * {@code maxConnections} caps the SDK's connection pool (0: the SDK's default), so that a client meant to keep one
 * connection does not open a second when its pool races a request against the last one's release (Netty, CRT).
 */
public record DriverSettings(URI endpoint, String region, String accessKeyId, String secretAccessKey, boolean keepAlive,
                             boolean retries, Optional<Duration> callTimeout, int maxConnections) {

    public DriverSettings(URI endpoint, String region, String accessKeyId, String secretAccessKey, boolean keepAlive,
                          boolean retries, Optional<Duration> callTimeout) {
        this(endpoint, region, accessKeyId, secretAccessKey, keepAlive, retries, callTimeout, 0);
    }

    public DriverSettings(URI endpoint, String region, String accessKeyId, String secretAccessKey, boolean keepAlive,
                          boolean retries) {
        this(endpoint, region, accessKeyId, secretAccessKey, keepAlive, retries, Optional.empty());
    }

    /** The bundled reference's root account, with the SDK's own defaults otherwise. */
    public static DriverSettings reference(URI endpoint, boolean keepAlive) {
        return new DriverSettings(endpoint, "us-east-1", "test", "test", keepAlive, true);
    }
}
