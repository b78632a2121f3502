package earkit.kit.target;

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
 * {@code endpoint} (one URL for every service) or {@code endpoint.dynamodb|streams|kms|cloudtrail},
 * {@code control}, {@code region}, {@code region.second}, {@code access-key}/{@code secret-key}
 * (default: the SDK's default credentials chain), {@code capabilities}, {@code timeout.async}.
 * It never guesses a capability: only those the profile lists are used.
 */
public final class RemoteTargetProvider implements TargetProvider {
    @Override
    public String name() {
        return "remote";
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

        RemoteTarget(TargetConfig config) {
            this.config = config;
            this.capabilities = config.capabilities();
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
            return d;
        }

        @Override
        public TargetSession open(SessionRequest request) {
            if (request.kmsVia().isPresent() || request.clockStart().isPresent()) {
                throw new IllegalStateException("A remote target cannot be restarted with a KMS proxy or a past clock; "
                        + "do not list kms-proxy or historic-clock among its capabilities");
            }
            return this;
        }

        @Override
        public URI endpoint(String service, String region) {
            return config.get("endpoint." + service).or(() -> config.get("endpoint")).map(URI::create)
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
        public Duration asyncTimeout() {
            return config.asyncTimeout(Duration.ofSeconds(30));
        }

        @Override
        public boolean persistent() {
            return true;
        }

        /** The session is the target itself: nothing to release per scenario or per run. */
        @Override
        public void close() {
        }
    }
}
