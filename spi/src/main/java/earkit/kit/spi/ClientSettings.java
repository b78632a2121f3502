package earkit.kit.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How the kit's SDK clients talk to a target, from its profile: {@code http-client} ({@code apache} (default),
 * {@code url-connection}, or {@code netty}: the DynamoDB client is then the asynchronous one),
 * {@code timeout.api-call} and {@code timeout.api-call-attempt} (ISO-8601 durations). The timeouts are what
 * keep a run against a target that never answers bounded: every SDK call ends by then, as a failure.
 */
public record ClientSettings(HttpClient httpClient, Duration apiCallTimeout, Optional<Duration> apiCallAttemptTimeout) {
    public enum HttpClient {
        APACHE, URL_CONNECTION, NETTY;

        public static HttpClient parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(30);

    public static ClientSettings defaults() {
        return new ClientSettings(HttpClient.APACHE, DEFAULT_API_CALL_TIMEOUT, Optional.empty());
    }

    public static ClientSettings from(TargetConfig config) {
        HttpClient http = config.get("http-client").map(HttpClient::parse).orElse(HttpClient.APACHE);
        Duration call = config.get("timeout.api-call").map(Duration::parse).orElse(DEFAULT_API_CALL_TIMEOUT);
        Optional<Duration> attempt = config.get("timeout.api-call-attempt").map(Duration::parse);
        if (attempt.isPresent() && attempt.get().compareTo(call) > 0) {
            throw new IllegalStateException("Target '" + config.target() + "': timeout.api-call-attempt (" + attempt.get()
                    + ") is longer than timeout.api-call (" + call + ")");
        }
        return new ClientSettings(http, call, attempt);
    }
}
