package earkit.reference.protocol;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Verifies AWS Signature Version 4 by recomputing the signature with the SDK's own signer over the
 * headers the client signed. The SDK's classic {@link Aws4Signer} is used because it signs exactly the
 * headers it is given; the newer HTTP signer always adds {@code x-amz-content-sha256} over plain HTTP,
 * which the AWS CLI and boto3 do not sign. Freshness is judged against real time (the domain's virtual clock may be
 * years away), with AWS's 15-minute allowance.
 */
public final class SigV4Verifier {
    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
                    + "SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]{64})\\s*");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);

    /** The caller and the scope it signed for. */
    public record Verified(Identity identity, String region, String service) {
    }

    private final IdentityStore identities;
    private final Clock realClock;
    @SuppressWarnings("deprecation")
    private final Aws4Signer signer = Aws4Signer.create();
    private volatile ParsedDate lastDate;

    public SigV4Verifier(IdentityStore identities, Clock realClock) {
        this.identities = identities;
        this.realClock = realClock;
    }

    public Verified verify(HttpCall call) {
        String authorization = call.header("authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException("MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        Matcher m = AUTH.matcher(authorization.trim());
        if (!m.matches()) {
            throw new ApiException("IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters with AWS4-HMAC-SHA256. Authorization="
                            + authorization);
        }
        String accessKey = m.group(1);
        String scopeDate = m.group(2);
        String region = m.group(3);
        String service = m.group(4);
        List<String> signedHeaders = Arrays.asList(m.group(5).toLowerCase(Locale.ROOT).split(";"));
        String signature = m.group(6).toLowerCase(Locale.ROOT);

        Identity identity = identities.byAccessKey(accessKey).orElseThrow(() -> new ApiException(
                "UnrecognizedClientException", "The security token included in the request is invalid."));

        String amzDate = call.header("x-amz-date");
        if (amzDate == null) {
            throw new ApiException("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Missing X-Amz-Date header.");
        }
        Instant signedAt = signedAt(amzDate);
        if (!amzDate.startsWith(scopeDate)) {
            throw new ApiException("InvalidSignatureException", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + scopeDate + "' != '" + amzDate.substring(0, Math.min(8, amzDate.length())) + "'");
        }
        Instant now = realClock.instant();
        if (signedAt.isBefore(now.minus(ALLOWED_SKEW))) {
            throw new ApiException("InvalidSignatureException", "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(ALLOWED_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(ALLOWED_SKEW))) {
            throw new ApiException("InvalidSignatureException", "Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(ALLOWED_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
        if (!signedHeaders.contains("host")) {
            throw new ApiException("InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }

        String expected;
        try {
            expected = recompute(call, identity, region, service, signedHeaders, signedAt);
        } catch (IllegalArgumentException malformed) {
            // A path or query the signer cannot canonicalize (e.g. a bad percent escape) cannot have been signed.
            throw new ApiException("InvalidSignatureException", "The request URI cannot be canonicalized for signing: "
                    + malformed.getMessage());
        }
        if (!constantTimeEquals(expected, signature)) {
            throw new ApiException("InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return new Verified(identity, region, service);
    }

    /** A client signs many requests within one second; parsing the same X-Amz-Date again is most of a verification's own cost. */
    private Instant signedAt(String amzDate) {
        ParsedDate last = lastDate;
        if (last != null && last.text().equals(amzDate)) {
            return last.instant();
        }
        try {
            Instant at = AMZ_DATE.parse(amzDate, Instant::from);
            lastDate = new ParsedDate(amzDate, at);
            return at;
        } catch (DateTimeParseException e) {
            throw new ApiException("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
        }
    }

    private record ParsedDate(String text, Instant instant) {
    }

    private String recompute(HttpCall call, Identity identity, String region, String service,
                             List<String> signedHeaders, Instant signedAt) {
        String host = call.header("host");
        SdkHttpFullRequest.Builder req = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(call.method()))
                .uri(URI.create("http://" + host + call.path()));
        for (String pair : call.query().isEmpty() ? new String[0] : call.query().split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            req.appendRawQueryParameter(decode(k), decode(v));
        }
        for (Map.Entry<String, List<String>> h : call.headers().entrySet()) {
            if (signedHeaders.contains(h.getKey()) && !h.getKey().equals("host") && !h.getKey().equals("x-amz-date")) {
                req.putHeader(h.getKey(), new ArrayList<>(h.getValue()));
            }
        }
        req.contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(call.body()));
        @SuppressWarnings("deprecation")
        Aws4SignerParams params = Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(identity.accessKeyId(), identity.secretKey()))
                .signingName(service)
                .signingRegion(Region.of(region))
                .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC))
                .build();
        @SuppressWarnings("deprecation")
        String auth = signer.sign(req.build(), params).firstMatchingHeader("Authorization").orElse("");
        int i = auth.indexOf("Signature=");
        return i < 0 ? "" : auth.substring(i + "Signature=".length()).trim();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
