package earkit.reference.domain.kms;

import earkit.reference.domain.DomainException;
import java.util.List;

/** The key policy (KMS keeps one, named {@code default}): read it, replace it, list its name. */
public final class KeyPolicies {
    private final KeyState state;
    private final KeyAccess access;

    KeyPolicies(KeyState state, KeyAccess access) {
        this.state = state;
        this.access = access;
    }

    public String getKeyPolicy(KmsCall call, String keyId, String policyName) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "GetKeyPolicy");
            requirePolicyName(policyName);
            return k.policy;
        }
    }

    public void putKeyPolicy(KmsCall call, String keyId, String policyName, String policy, boolean bypass) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "PutKeyPolicy");
            requirePolicyName(policyName);
            KeyPolicy parsed = KeyPolicy.parse(policy);
            if (!bypass && parsed.evaluate(call.caller(), "PutKeyPolicy") != KeyPolicy.Decision.ALLOW) {
                throw lockout();
            }
            k.policy = policy;
            state.save(k);
        }
    }

    public List<String> listKeyPolicies(KmsCall call, String keyId) {
        synchronized (state) {
            access.authorized(call, keyId, "ListKeyPolicies");
            return List.of("default");
        }
    }

    private static void requirePolicyName(String name) {
        if (name != null && !name.equals("default")) {
            throw new DomainException("NotFoundException", "No such policy exists: " + name);
        }
    }

    /** A policy that would lock its author out of changing it again; refused unless the caller bypasses the check. */
    static DomainException lockout() {
        return new DomainException("MalformedPolicyDocumentException", "The new key policy will not allow you to update "
                + "the key policy in the future.");
    }
}
