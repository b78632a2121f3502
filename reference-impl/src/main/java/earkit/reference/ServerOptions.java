package earkit.reference;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * How to start the reference. {@code faults} switch on deliberate deviations from the documented
 * behaviour; they exist only so that the kit can prove it catches a broken implementation.
 *
 * @param kmsEndpoint where the store sends its KMS calls; {@code null} means this server's own mock KMS
 */
public record ServerOptions(String host, int port, Path dataDir, Instant clockStart, URI notifyUrl,
                            URI kmsEndpoint, String control, String defaultRegion, Set<Fault> faults) {

    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 0, null, Instant.parse("2026-01-01T00:00:00Z"), null, null, "open",
                "us-east-1", Set.of());
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(host, p, dataDir, clockStart, notifyUrl, kmsEndpoint, control, defaultRegion, faults);
    }

    public ServerOptions withDataDir(Path d) {
        return new ServerOptions(host, port, d, clockStart, notifyUrl, kmsEndpoint, control, defaultRegion, faults);
    }

    public ServerOptions withClockStart(Instant c) {
        return new ServerOptions(host, port, dataDir, c, notifyUrl, kmsEndpoint, control, defaultRegion, faults);
    }

    public ServerOptions withNotifyUrl(URI u) {
        return new ServerOptions(host, port, dataDir, clockStart, u, kmsEndpoint, control, defaultRegion, faults);
    }

    public ServerOptions withKmsEndpoint(URI u) {
        return new ServerOptions(host, port, dataDir, clockStart, notifyUrl, u, control, defaultRegion, faults);
    }

    public ServerOptions withControl(String c) {
        return new ServerOptions(host, port, dataDir, clockStart, notifyUrl, kmsEndpoint, c, defaultRegion, faults);
    }

    public ServerOptions withFaults(Set<Fault> f) {
        return new ServerOptions(host, port, dataDir, clockStart, notifyUrl, kmsEndpoint, control, defaultRegion, Set.copyOf(f));
    }

    public boolean has(Fault f) {
        return faults.contains(f);
    }
}
