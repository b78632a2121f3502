package earkit.reference.protocol;

import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.crypto.Mac;

/**
 * Verifies AWS Signature Version 4 by recomputing the signature over the headers the client signed.
 * The SDK's signers only sign: verifying through one meant rebuilding each request as an SDK request and
 * signing it again, which was the largest share of the reference's CPU time per call (bench/README.md).
 * So the canonical request is formed here ({@link CanonicalRequest}), the way the SDK's signer forms it, and
 * SigV4CrossCheckTest holds it to that signer over generated requests; {@link SigningKeys} derives and keeps the
 * signing keys. What is left here is the verification and its caches of the last header and date read. Freshness is judged against real time (the domain's
 * virtual clock may be years away), with AWS's 15-minute allowance.
 */
public final class SigV4Verifier {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);

    /** The caller and the scope it signed for. */
    public record Verified(Identity identity, String region, String service) {
    }

    /** A signature's length in hex: 32 bytes of HMAC-SHA256. */
    private static final int SIGNATURE_HEX = 64;
    private static final HexFormat HEX = HexFormat.of();

    private final IdentityStore identities;
    private final Clock realClock;
    private final SigningKeys keys = new SigningKeys();
    private final LastRead<Instant> dates = new LastRead<>();
    private volatile Credential lastCredential;

    public SigV4Verifier(IdentityStore identities, Clock realClock) {
        this.identities = identities;
        this.realClock = realClock;
    }

    public Verified verify(HttpCall call) {
        String authorization = call.header("authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException("MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        Credential credential = credential(authorization);
        SigV4Authorization auth = credential.parts();
        String accessKey = auth.accessKey();
        String scopeDate = auth.date();
        String region = auth.region();
        String service = auth.service();
        String signedHeaderList = credential.signedHeaderList();
        List<String> signedHeaders = credential.signedHeaders();
        byte[] signature = credential.signature();

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

        byte[] expected;
        try {
            SigningText t = CanonicalRequest.stringToSign(call, region, service, signedHeaderList, signedHeaders,
                    amzDate, scopeDate);
            Mac mac = keys.signer(new SigningKeys.Scope(identity.secretKey(), scopeDate, region, service));
            mac.update(t.bytes, 0, t.length);
            expected = mac.doFinal();
        } catch (IllegalArgumentException malformed) {
            // A path or query the signer cannot canonicalize (e.g. a bad percent escape) cannot have been signed.
            throw new ApiException("InvalidSignatureException", "The request URI cannot be canonicalized for signing: "
                    + malformed.getMessage());
        }
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new ApiException("InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return new Verified(identity, region, service);
    }

    /**
     * An Authorization header's parts, its signed-header list in lower case and as names, and its signature;
     * {@code unsigned} is the header without its signature, to which the next is compared.
     */
    private record Credential(String unsigned, SigV4Authorization parts, String signedHeaderList,
                              List<String> signedHeaders, byte[] signature) {
    }

    /**
     * The Authorization header read. A client's headers differ from one request to the next only in the signature,
     * their last 64 characters: a header equal to the last one read but for those, and ending in hex, has the last
     * one's parts and is not parsed again. The comparison is String.equals over the header's copied head: unlike
     * regionMatches, a loop of a character at a time, it compares many at once.
     */
    private Credential credential(String authorization) {
        Credential last = lastCredential;
        int n = authorization.length();
        if (last != null && n == last.unsigned().length() + SIGNATURE_HEX
                && authorization.substring(0, n - SIGNATURE_HEX).equals(last.unsigned())) {
            try {
                byte[] signature = HEX.parseHex(authorization, n - SIGNATURE_HEX, n);
                return new Credential(last.unsigned(), last.parts(), last.signedHeaderList(), last.signedHeaders(), signature);
            } catch (IllegalArgumentException notHex) {
                // Not a signature where the last header had one: read this header whole.
            }
        }
        SigV4Authorization auth = SigV4Authorization.parse(authorization);
        if (auth == null) {
            throw new ApiException("IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters with AWS4-HMAC-SHA256. Authorization="
                            + authorization);
        }
        String signedHeaderList = auth.signedHeaders().toLowerCase(Locale.ROOT);
        Credential read = new Credential(authorization.substring(0, n - SIGNATURE_HEX), auth, signedHeaderList,
                List.of(signedHeaderList.split(";")), HEX.parseHex(auth.signature()));
        lastCredential = read;
        return read;
    }

    private Instant signedAt(String amzDate) {
        return dates.of(amzDate, text -> {
            try {
                return AMZ_DATE.parse(text, Instant::from);
            } catch (DateTimeParseException e) {
                throw new ApiException("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '" + text + "'.");
            }
        });
    }

    /**
     * The last text read and what it gave. A client signs request after request within one second: parsing its
     * X-Amz-Date again was most of a verification's own cost.
     */
    private static final class LastRead<T> {
        private record Read<T>(String text, T value) {
        }

        private volatile Read<T> last;

        T of(String text, Function<String, T> read) {
            Read<T> l = last;
            if (l != null && l.text().equals(text)) {
                return l.value();
            }
            T value = read.apply(text);
            last = new Read<>(text, value);
            return value;
        }
    }


}
