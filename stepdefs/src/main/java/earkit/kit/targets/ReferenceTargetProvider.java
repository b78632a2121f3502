package earkit.kit.targets;

import earkit.kit.spi.Target;
import earkit.kit.spi.TargetProvider;
import earkit.kit.spi.TargetSession;
import earkit.kit.spi.SessionRequest;
import earkit.kit.spi.ClientSettings;
import earkit.kit.spi.TargetConfig;
import earkit.reference.Fault;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The bundled reference implementation, in-process: every scenario gets its own {@link ReferenceServer}
 * on an ephemeral port, so scenarios never see each other's tables, keys or clock. {@code kit.reference.faults}
 * (comma-separated {@link Fault} names) starts it with deliberate deviations, for the kit's self-tests.
 * Its transitions complete within milliseconds, so waits give up after 2 seconds ({@code kit.timeout.async}).
 */
public final class ReferenceTargetProvider implements TargetProvider {
    /** What the reference offers; a capability the reference lacks must not be listed here. */
    static final Set<String> CAPABILITIES = Set.of("clock-control", "historic-clock", "fresh-account", "kms-audit",
            "cloudwatch-logs", "kms-meter", "notifications", "global-tables", "kms-proxy", "storage-inspection");

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public boolean isReference() {
        return true;
    }

    @Override
    public Target create(TargetConfig config) {
        Set<Fault> faults = config.get("reference.faults").map(s -> Arrays.stream(s.split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).map(Fault::valueOf).collect(Collectors.toSet())).orElse(Set.of());
        Set<String> caps = config.get("capabilities").isPresent() ? config.capabilities() : new TreeSet<>(CAPABILITIES);
        return new ReferenceTarget(faults, caps, config.asyncTimeout(Duration.ofSeconds(2)), ClientSettings.from(config));
    }

    private record ReferenceTarget(Set<Fault> faults, Set<String> capabilities, Duration timeout, ClientSettings clientSettings)
            implements Target {
        @Override
        public String name() {
            return faults.isEmpty() ? "reference" : "reference" + new TreeSet<>(faults.stream().map(Enum::name).toList());
        }

        /** One server per scenario: its clock, keys and meter are the scenario's alone. */
        @Override
        public boolean isolatesScenarios() {
            return true;
        }

        @Override
        public Map<String, String> describe() {
            return Map.of("mode", "in-process, one server per scenario on an ephemeral port",
                    "faults", faults.toString(), "http-client", clientSettings.httpClient().label());
        }

        @Override
        public TargetSession open(SessionRequest request) {
            ServerOptions options = ServerOptions.defaults().withFaults(faults);
            if (request.clockStart().isPresent()) {
                options = options.withClockStart(request.clockStart().get());
            }
            if (request.kmsVia().isPresent()) {
                options = options.withKmsEndpoint(request.kmsVia().get());
            }
            return new Session(ReferenceServer.start(options), timeout, clientSettings);
        }
    }

    private record Session(ReferenceServer server, Duration asyncTimeout, ClientSettings clientSettings) implements TargetSession {
        @Override
        public URI endpoint(String service, String region) {
            return server.endpoint();
        }

        @Override
        public String region() {
            return server.options().defaultRegion();
        }

        @Override
        public String secondRegion() {
            return "eu-west-1";
        }

        @Override
        public AwsCredentialsProvider credentials() {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        }

        @Override
        public Optional<AwsCredentialsProvider> otherUser() {
            return Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("restricted", "restricted")));
        }

        @Override
        public Optional<URI> control() {
            return Optional.of(server.endpoint());
        }

        @Override
        public Optional<URI> kmsUpstream() {
            return Optional.of(server.endpoint());
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
