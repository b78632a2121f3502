package earkit.sdkcompat;

import java.net.URI;

/**
 * How a driver's SDK clients reach the target: endpoint, Region and credentials; {@code keepAlive} false makes every
 * request come on a new connection (each SDK's own way: an agent without keep-alive, {@code Connection: close});
 * {@code retries} false turns the SDK's retries off, so that a refusal surfaces as the target sent it.
 */
public record DriverSettings(URI endpoint, String region, String accessKeyId, String secretAccessKey, boolean keepAlive,
                             boolean retries) {

    /** The bundled reference's root account, with the SDK's own defaults otherwise. */
    public static DriverSettings reference(URI endpoint, boolean keepAlive) {
        return new DriverSettings(endpoint, "us-east-1", "test", "test", keepAlive, true);
    }
}
