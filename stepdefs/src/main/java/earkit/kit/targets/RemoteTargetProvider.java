package earkit.kit.targets;

import earkit.kit.spi.Target;
import earkit.kit.spi.TargetProvider;
import earkit.kit.spi.TargetSession;
import earkit.kit.spi.SessionRequest;
import earkit.kit.spi.ClientSettings;
import earkit.kit.spi.TargetConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Any running implementation reached over the network, configured by a profile or command-line options:
 * {@code endpoint} (one URL for every service) or {@code endpoint.dynamodb|streams|kms|cloudtrail|logs},
 * or {@code endpoints=aws-regional} (AWS itself), {@code control}, {@code region}, {@code region.second},
 * {@code access-key}/{@code secret-key}, {@code kms-proxy.port}/{@code kms-proxy.upstream} (capability kms-proxy: the
 * target was started with its KMS endpoint at that port on 127.0.0.1; its real KMS answers at the upstream)
 * (default: the SDK's default credentials chain), {@code capabilities}, {@code timeout.async}, {@code logs.group} (capability cloudwatch-logs: the log group the
 * account's trail delivers to, by default {@code aws-cloudtrail-logs-<account>}).
 * It never guesses a capability: only those the profile lists are used.
 */
public final class RemoteTargetProvider implements TargetProvider {
    @Override
    public String name() {
        return "remote";
    }

    @Override
    public boolean servesProfiles() {
        return true;
    }

    @Override
    public boolean autoSelectable() {
        return false;
    }

    @Override
    public Target create(TargetConfig config) {
        return new RemoteTarget(config);
    }

    private static final class RemoteTarget implements Target, TargetSession {
        private final TargetConfig config;
        private final Set<String> capabilities;
        private final ClientSettings clientSettings;
        /** Started with the target: every KMS request of the target passes it, proxied scenario or not. */
        private final KmsRelay relay;

        RemoteTarget(TargetConfig config) {
            this.config = config;
            this.capabilities = config.capabilities();
            this.clientSettings = ClientSettings.from(config);
            this.relay = config.get("kms-proxy.port").map(p -> new KmsRelay(Integer.parseInt(p),
                    kmsUpstream().orElseThrow(() -> new IllegalStateException("Target '" + name()
                            + "': kms-proxy.port needs kms-proxy.upstream, where the target's KMS answers")))).orElse(null);
            endpoint("dynamodb", region());
        }

        @Override
        public String name() {
            return config.get("name").orElse(config.target());
        }

        @Override
        public Set<String> capabilities() {
            return capabilities;
        }

        @Override
        public Map<String, String> describe() {
            Map<String, String> d = new LinkedHashMap<>();
            for (String s : new String[] {"dynamodb", "streams", "kms", "cloudtrail"}) {
                d.put("endpoint." + s, endpoint(s, region()).toString());
            }
            control().ifPresent(c -> d.put("control", c.toString()));
            d.put("region", region());
            d.put("http-client", clientSettings.httpClient().label());
            return d;
        }

        @Override
        public TargetSession open(SessionRequest request) {
            if (request.clockStart().isPresent()) {
                throw new IllegalStateException("A remote target cannot be restarted with a past clock; "
                        + "do not list historic-clock among its capabilities");
            }
            if (relay == null) {
                if (request.kmsVia().isPresent()) {
                    throw new IllegalStateException("Target '" + name() + "' declares kms-proxy but sets no kms-proxy.port "
                            + "(the port on 127.0.0.1 its KMS endpoint was configured to) and kms-proxy.upstream");
                }
                return this;
            }
            request.kmsVia().ifPresent(relay::forwardTo);
            return new RelayedSession(this, relay);
        }

        @Override
        public Optional<URI> kmsUpstream() {
            return config.get("kms-proxy.upstream").map(URI::create);
        }

        @Override
        public URI endpoint(String service, String region) {
            return config.get("endpoint." + service).or(() -> config.get("endpoint")).map(URI::create)
                    .or(() -> config.get("endpoints").filter("aws-regional"::equals).map(x -> AwsEndpoints.regional(service, region)))
                    .orElseThrow(() -> new IllegalStateException("Target '" + name() + "' has no endpoint for " + service
                            + ": pass --endpoint URL or set endpoint." + service + " in its profile"));
        }

        @Override
        public String region() {
            return config.get("region").orElse("us-east-1");
        }

        @Override
        public String secondRegion() {
            return config.get("region.second").orElse("eu-west-1");
        }

        @Override
        public AwsCredentialsProvider credentials() {
            Optional<String> key = config.get("access-key");
            if (key.isEmpty()) {
                return DefaultCredentialsProvider.builder().build();
            }
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.get(), config.require("secret-key")));
        }

        @Override
        public Optional<URI> control() {
            return config.get("control").map(URI::create);
        }

        @Override
        public Optional<String> trailLogGroup() {
            return config.get("logs.group");
        }

        @Override
        public Duration asyncTimeout() {
            return config.asyncTimeout(Duration.ofSeconds(30));
        }

        @Override
        public ClientSettings clientSettings() {
            return clientSettings;
        }

        @Override
        public boolean persistent() {
            return true;
        }

        /** Closes the target at the end of the run; a plain scenario's session is the target and releases nothing. */
        @Override
        public void close() {
            if (relay != null) {
                relay.close();
            }
        }
    }

    /**
     * A scenario's session on a target behind the KMS relay: closing it ends the scenario (the relay goes back to the
     * direct route), not the target (which the session object itself is, without a relay).
     */
    private record RelayedSession(RemoteTarget target, KmsRelay relay) implements TargetSession {
        @Override
        public URI endpoint(String service, String region) {
            return target.endpoint(service, region);
        }

        @Override
        public String region() {
            return target.region();
        }

        @Override
        public String secondRegion() {
            return target.secondRegion();
        }

        @Override
        public AwsCredentialsProvider credentials() {
            return target.credentials();
        }

        @Override
        public Optional<URI> control() {
            return target.control();
        }

        @Override
        public Optional<URI> kmsUpstream() {
            return target.kmsUpstream();
        }

        @Override
        public Optional<String> trailLogGroup() {
            return target.trailLogGroup();
        }

        @Override
        public Duration asyncTimeout() {
            return target.asyncTimeout();
        }

        @Override
        public ClientSettings clientSettings() {
            return target.clientSettings();
        }

        @Override
        public boolean persistent() {
            return true;
        }

        @Override
        public void close() {
            relay.direct();
        }
    }
}
