package earkit.reference.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 signing keys (AWS documentation: "Calculate the signature for AWS Signature Version 4"): derived once
 * per scope, a secret key, a day, a region and a service, and each thread's HMAC kept keyed with the scope it
 * last used, as a client signs request after request with the same one.
 */
final class SigningKeys {
    private static final int MAX_SIGNING_KEYS = 1024;
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> mac("HmacSHA256"));

    private final Map<Scope, byte[]> signingKeys = new ConcurrentHashMap<>();

    /**
     * What a signing key is derived from. Equality is written out: the record's generated equals went through
     * method handles that were a twentieth of a PutItem's server time, compared once per request.
     */
    record Scope(String secret, String date, String region, String service) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Scope s && date.equals(s.date) && secret.equals(s.secret)
                    && region.equals(s.region) && service.equals(s.service);
        }

        @Override
        public int hashCode() {
            return ((secret.hashCode() * 31 + date.hashCode()) * 31 + region.hashCode()) * 31 + service.hashCode();
        }
    }

    /** A thread's HMAC, keyed with the signing key of the scope it last verified. */
    private static final class Signer {
        private final Mac mac = mac("HmacSHA256");
        private Scope scope;
    }

    private final ThreadLocal<Signer> signers = ThreadLocal.withInitial(Signer::new);

    /** The HMAC under a scope's signing key: a client signs request after request with the same one. */
    Mac signer(Scope scope) {
        Signer s = signers.get();
        if (!scope.equals(s.scope)) {
            try {
                s.mac.init(new SecretKeySpec(signingKey(scope), "HmacSHA256"));
            } catch (InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 refused a key", e);
            }
            s.scope = scope;
        }
        return s.mac;
    }

    /** kSigning = HMAC chain over the scope; derived once per scope (a day, a region, a service). */
    private byte[] signingKey(Scope scope) {
        byte[] key = signingKeys.get(scope);
        if (key == null) {
            byte[] k = hmac(("AWS4" + scope.secret()).getBytes(StandardCharsets.UTF_8), scope.date().getBytes(StandardCharsets.UTF_8));
            k = hmac(k, scope.region().getBytes(StandardCharsets.UTF_8));
            k = hmac(k, scope.service().getBytes(StandardCharsets.UTF_8));
            key = hmac(k, "aws4_request".getBytes(StandardCharsets.UTF_8));
            if (signingKeys.size() > MAX_SIGNING_KEYS) {
                signingKeys.clear();
            }
            signingKeys.put(scope, key);
        }
        return key;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 refused a key", e);
        }
    }

    private static Mac mac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
