package earkit.reference.domain.kms;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A grant on a key. Constraint maps are null when absent; {@code encryptionContextSubset} means every
 * pair of the constraint must be in the request's context, {@code encryptionContextEquals} means the
 * request's context must be exactly the constraint.
 */
public record Grant(String grantId, String keyId, String accountId, String region, String name,
                    String granteePrincipal, String retiringPrincipal, String issuingAccount, List<String> operations,
                    Map<String, String> encryptionContextSubset, Map<String, String> encryptionContextEquals,
                    Instant creationDate) {
    private static final java.util.Set<String> TAKES_CONTEXT = java.util.Set.of("Encrypt", "Decrypt", "ReEncryptFrom",
            "ReEncryptTo", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair",
            "GenerateDataKeyPairWithoutPlaintext");

    public boolean allows(String operation, Map<String, String> context) {
        if (!operations.contains(operation)) {
            return false;
        }
        if (!TAKES_CONTEXT.contains(operation)) {
            return true; // constraints do not apply to operations without an encryption context (DescribeKey, RetireGrant)
        }
        Map<String, String> ctx = context == null ? Map.of() : context;
        if (encryptionContextEquals != null && !encryptionContextEquals.equals(ctx)) {
            return false;
        }
        if (encryptionContextSubset != null) {
            for (Map.Entry<String, String> e : encryptionContextSubset.entrySet()) {
                if (!e.getValue().equals(ctx.get(e.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }
}
