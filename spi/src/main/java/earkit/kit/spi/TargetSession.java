package earkit.kit.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** The endpoints and identities of one scenario's environment. */
public interface TargetSession extends AutoCloseable {
    /** {@code dynamodb}, {@code streams}, {@code kms}, {@code cloudtrail} or {@code logs} in the given Region. */
    URI endpoint(String service, String region);

    String region();

    /** The Region for global table replicas (capability {@code global-tables}). */
    String secondRegion();

    AwsCredentialsProvider credentials();

    /**
     * The CloudWatch Logs log group the account's CloudTrail trail delivers to (capability {@code cloudwatch-logs}),
     * when the target names one; otherwise the name the CloudTrail console gives it, {@code aws-cloudtrail-logs-<account>}.
     */
    default Optional<String> trailLogGroup() {
        return Optional.empty();
    }

    /** A second principal of the same account, to show that a refusal holds "for every user". */
    default Optional<AwsCredentialsProvider> otherUser() {
        return Optional.empty();
    }

    /** The control API ({@code /_kit/...}) of the target, if it has one. */
    Optional<URI> control();

    /** Where the target's own KMS answers, when the kit put a proxy in front of it ({@link SessionRequest#kmsVia()}). */
    default Optional<URI> kmsUpstream() {
        return Optional.empty();
    }

    /** How long the kit waits for a truly asynchronous transition (table ACTIVE, replication) before failing. */
    Duration asyncTimeout();

    /** HTTP client and SDK call timeouts of the kit's clients (profile keys {@code http-client}, {@code timeout.api-call...}). */
    default ClientSettings clientSettings() {
        return ClientSettings.defaults();
    }

    /** True when what the scenario creates outlives the session and must be cleaned up. */
    boolean persistent();

    @Override
    default void close() {
    }
}
