package earkit.reference.domain.kms;

import earkit.reference.domain.DomainException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request quotas per account and virtual-clock second, off until configured: one shared quota for
 * the cryptographic operations and one for every other operation, as KMS counts them.
 */
public final class RequestQuotas {
    public static final Set<String> CRYPTOGRAPHIC = Set.of("Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext", "GenerateRandom");

    /** Limits per second; null means no limit. {@code accountId} null applies to every account. */
    public record Limits(String accountId, Integer cryptographic, Integer other) {
    }

    private final Map<String, Limits> limits = new ConcurrentHashMap<>();
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    public void configure(Limits l) {
        check(l.cryptographic());
        check(l.other());
        limits.put(l.accountId() == null ? "*" : l.accountId(), l);
    }

    public Map<String, Limits> current() {
        return Map.copyOf(limits);
    }

    private static void check(Integer v) {
        if (v != null && v < 1) {
            throw DomainException.validation("A request quota is a whole number of requests per second, at least 1 (or null for none)");
        }
    }

    /** Counts one request; {@code ThrottlingException} once the account's quota for this second is used up. */
    public void admit(String accountId, String operation, Instant now) {
        Limits l = limits.getOrDefault(accountId, limits.get("*"));
        if (l == null) {
            return;
        }
        boolean crypto = CRYPTOGRAPHIC.contains(operation);
        Integer limit = crypto ? l.cryptographic() : l.other();
        if (limit == null) {
            return;
        }
        String bucket = accountId + "|" + (crypto ? "crypto" : "other");
        long second = now.getEpochSecond();
        long[] w = windows.compute(bucket, (k, old) -> old == null || old[0] != second
                ? new long[] {second, 1} : new long[] {second, old[1] + 1});
        if (w[1] > limit) {
            throw new DomainException("ThrottlingException", "Rate exceeded");
        }
    }
}
