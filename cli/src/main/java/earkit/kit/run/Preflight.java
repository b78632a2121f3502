package earkit.kit.run;

import earkit.kit.spi.Capability;
import earkit.kit.spi.SessionRequest;
import earkit.kit.spi.Target;
import earkit.kit.spi.TargetSession;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Before any scenario: the target's credentials load, every endpoint answers a signed call its service must accept,
 * and the control API answers where the target declares {@code clock-control}. A failure is the kit's set-up problem
 * (a {@link KitError} naming the endpoint, the call and what went wrong), never a verdict on the target.
 *
 * <p>An endpoint "answers" when the call succeeds or is refused with an AWS error code that is not about the
 * caller's identity (a peer without Streams refuses ListStreams with UnknownOperationException: that is for the
 * scenarios to judge). Connection failures, timeouts, identity refusals, 5xx and answers that are not AWS JSON fail.
 */
public final class Preflight {
    /** Error codes that say the kit's credentials or signature are wrong, not that the service misbehaves. */
    private static final Set<String> IDENTITY_CODES = Set.of("UnrecognizedClientException", "InvalidSignatureException",
            "IncompleteSignature", "IncompleteSignatureException", "MissingAuthenticationToken",
            "MissingAuthenticationTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken",
            "ExpiredTokenException", "AccessDeniedException", "NotAuthorized");

    private Preflight() {
    }

    public static void check(Target target) {
        try (TargetSession session = open(target)) {
            AwsCredentialsProvider credentials = session.credentials();
            try {
                credentials.resolveCredentials();
            } catch (SdkException e) {
                // The SDK lists every provider of its chain with its reason; the first words say what matters.
                String why = firstLine(e.getMessage()).replaceFirst("\\s*AwsCredentialsProviderChain\\(.*$", "");
                throw new KitError("no AWS credentials for target '" + target.name() + "': " + why
                        + " (pass --access-key and --secret-key, set access-key and secret-key in the profile, "
                        + "or configure the SDK's default chain)");
            }
            call(session, "dynamodb", "ListTables", () -> client(DynamoDbClient.builder(), session, "dynamodb")
                    .listTables(b -> b.limit(1)));
            call(session, "streams", "ListStreams", () -> client(DynamoDbStreamsClient.builder(), session, "streams")
                    .listStreams(b -> b.limit(1)));
            call(session, "kms", "ListKeys", () -> client(KmsClient.builder(), session, "kms").listKeys(b -> b.limit(1)));
            if (target.capabilities().contains(Capability.KMS_AUDIT.wireName())) {
                call(session, "cloudtrail", "LookupEvents", () -> client(CloudTrailClient.builder(), session, "cloudtrail")
                        .lookupEvents(b -> b.maxResults(1)));
            }
            if (target.capabilities().contains(Capability.CLOUDWATCH_LOGS.wireName())) {
                call(session, "logs", "DescribeLogGroups", () -> client(CloudWatchLogsClient.builder(), session, "logs")
                        .describeLogGroups(b -> b.limit(1)));
            }
            if (target.capabilities().contains(Capability.CLOCK_CONTROL.wireName())) {
                URI control = session.control().orElseThrow(() -> new KitError("target '" + target.name()
                        + "' declares clock-control but has no control API: pass --endpoint URL (every service and the "
                        + "control API) or --endpoint control=URL, or set control= in its profile"));
                clock(control);
            }
        }
    }

    private static TargetSession open(Target target) {
        try {
            return target.open(SessionRequest.plain());
        } catch (KitError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KitError("cannot open a session on target '" + target.name() + "': " + firstLine(e.getMessage()), e);
        }
    }

    private static <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C>
            C client(B builder, TargetSession session, String service) {
        Duration timeout = session.clientSettings().apiCallTimeout();
        return builder.endpointOverride(endpoint(session, service)).region(Region.of(session.region()))
                .credentialsProvider(session.credentials())
                .overrideConfiguration(o -> o.apiCallTimeout(timeout).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static URI endpoint(TargetSession session, String service) {
        try {
            return session.endpoint(service, session.region());
        } catch (RuntimeException e) {
            throw new KitError(firstLine(e.getMessage()));
        }
    }

    private static void call(TargetSession session, String service, String operation, Supplier<?> call) {
        URI endpoint = endpoint(session, service);
        String what = service + " " + operation + " at " + endpoint;
        try {
            call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            int status = e.statusCode();
            if (status >= 500 || code == null || code.isBlank() || IDENTITY_CODES.contains(code)) {
                throw new KitError("pre-flight: " + what + " failed: HTTP " + status
                        + (code == null || code.isBlank() ? " without an AWS error code" : " " + code)
                        + (IDENTITY_CODES.contains(String.valueOf(code)) ? " (the credentials or signature were refused)" : "")
                        + ": " + firstLine(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()));
            }
        } catch (KitError e) {
            throw e;
        } catch (ApiCallTimeoutException e) {
            throw new KitError("pre-flight: " + what + " failed: no answer within " + firstLine(e.getMessage()));
        } catch (SdkException e) {
            throw new KitError("pre-flight: " + what + " failed: " + cause(e));
        }
    }

    private static void clock(URI control) {
        URI uri = control.resolve("/_kit/clock");
        String what = "control API GET " + uri;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2 || !r.body().contains("\"now\"")) {
                throw new KitError("pre-flight: " + what + " failed: HTTP " + r.statusCode() + " "
                        + firstLine(r.body()) + " (expected {\"now\": ...}; clock-control needs the control API)");
            }
        } catch (IOException e) {
            throw new KitError("pre-flight: " + what + " failed: " + cause(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitError("pre-flight interrupted");
        }
    }

    /** The innermost cause in plain words: "connection refused", "unknown host x", "timed out". */
    static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage());
        if (root instanceof ConnectException) {
            return "connection refused (" + detail + ")";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + detail;
        }
        if (root instanceof HttpTimeoutException || root instanceof java.net.SocketTimeoutException) {
            return "timed out (" + detail + ")";
        }
        String top = e.getMessage() == null ? "" : firstLine(e.getMessage());
        return top.isEmpty() || top.equals(detail) ? detail
                : top + (top.toLowerCase(Locale.ROOT).contains(detail.toLowerCase(Locale.ROOT)) ? "" : " (" + detail + ")");
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 299) + "…" : line;
    }
}
