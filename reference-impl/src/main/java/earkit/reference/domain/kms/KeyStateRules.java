package earkit.reference.domain.kms;

import earkit.reference.domain.DomainException;

/** Which key states refuse an operation, in KMS's words. */
final class KeyStateRules {

    private KeyStateRules() {
    }

    static DomainException disabled(KmsKey k) {
        return new DomainException("DisabledException", k.arn() + " is disabled.");
    }

    static DomainException invalidState(String message) {
        return new DomainException("KMSInvalidStateException", message);
    }

    static void requireNotPending(KmsKey k) {
        if (KmsKey.PENDING_DELETION.equals(k.keyState)) {
            throw invalidState(k.arn() + " is pending deletion.");
        }
    }

    /** Enabled, not pending deletion, and a symmetric key for encryption: what every cryptographic use needs. */
    static void requireUsable(KmsKey k, String operation) {
        if (KmsKey.DISABLED.equals(k.keyState)) {
            throw disabled(k);
        }
        requireNotPending(k);
        if (!k.keyUsage.equals("ENCRYPT_DECRYPT")) {
            throw new DomainException("InvalidKeyUsageException", k.arn() + " key usage is " + k.keyUsage
                    + " which is not valid for " + operation + ".");
        }
        if (!k.symmetric()) {
            throw new DomainException("UnsupportedOperationException", k.arn() + " key spec " + k.keySpec
                    + " is not valid for " + operation + " in this KMS (asymmetric cryptography is not provided).");
        }
    }
}
