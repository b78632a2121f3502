package earkit.reference.domain.kms;

import earkit.reference.Fault;

import static earkit.reference.domain.kms.KeyStateRules.requireUsable;

import earkit.reference.crypto.Aead;
import earkit.reference.domain.DomainException;
import java.util.Map;
import java.util.regex.Matcher;

/** The cryptographic operations: encrypt, generate a data key, decrypt, re-encrypt. */
public final class KeyCryptography {
    private final KeyState state;
    private final KeyAccess access;

    public record Encrypted(KmsKey key, String materialId, byte[] ciphertext) {
    }

    public record Decrypted(KmsKey key, String materialId, byte[] plaintext) {
    }

    public record DataKey(KmsKey key, String materialId, byte[] plaintext, byte[] ciphertext) {
    }

    public record ReEncrypted(KmsKey source, String sourceMaterialId, KmsKey destination, String destinationMaterialId,
                              byte[] ciphertext) {
    }

    KeyCryptography(KeyState state, KeyAccess access) {
        this.state = state;
        this.access = access;
    }

    public Encrypted encrypt(KmsCall call, String keyId, byte[] plaintext, Map<String, String> context) {
        synchronized (state) {
            checkPlaintext(plaintext);
            KmsKey k = access.resolve(call, keyId, true);
            access.authorize(call, k, "Encrypt", context);
            requireUsable(k, "Encrypt");
            KeyMaterial m = k.currentMaterial();
            return new Encrypted(k, m.id(), CiphertextBlob.seal(k.arn(), m, plaintext, context).bytes());
        }
    }

    public DataKey generateDataKey(KmsCall call, String keyId, Integer numberOfBytes, String keySpec,
                                   Map<String, String> context, String operation) {
        synchronized (state) {
            if ((numberOfBytes == null) == (keySpec == null)) {
                throw DomainException.validation("Please specify either number of bytes or key spec.");
            }
            int n;
            if (numberOfBytes != null) {
                if (numberOfBytes < 1 || numberOfBytes > 1024) {
                    throw DomainException.validation("1 validation error detected: Value '" + numberOfBytes
                            + "' at 'numberOfBytes' failed to satisfy constraint: Member must have value "
                            + (numberOfBytes < 1 ? "greater than or equal to 1" : "less than or equal to 1024"));
                }
                n = numberOfBytes;
            } else if (keySpec.equals("AES_256")) {
                n = 32;
            } else if (keySpec.equals("AES_128")) {
                n = 16;
            } else {
                throw DomainException.validation("1 validation error detected: Value '" + keySpec
                        + "' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]");
            }
            KmsKey k = access.resolve(call, keyId, true);
            access.authorize(call, k, operation, context);
            requireUsable(k, operation);
            KeyMaterial m = k.currentMaterial();
            byte[] plaintext = Aead.random(n);
            return new DataKey(k, m.id(), plaintext, CiphertextBlob.seal(k.arn(), m, plaintext, context).bytes());
        }
    }

    public Decrypted decrypt(KmsCall call, byte[] blob, Map<String, String> context, String keyId) {
        synchronized (state) {
            CiphertextBlob parsed = CiphertextBlob.parse(blob);
            KmsKey k = keyOfBlob(call, parsed);
            if (keyId != null) {
                KmsKey named = access.resolve(call, keyId, true);
                if (named != k) {
                    throw incorrectKey();
                }
            }
            access.authorize(call, k, "Decrypt", context);
            requireUsable(k, "Decrypt");
            KeyMaterial m = k.material(parsed.materialId());
            if (m == null || (state.faults.has(Fault.ROTATION_DROPS_OLD_MATERIAL) && m != k.currentMaterial())) {
                throw CiphertextBlob.invalid();
            }
            return new Decrypted(k, m.id(), parsed.open(m, context));
        }
    }

    public ReEncrypted reEncrypt(KmsCall call, byte[] blob, Map<String, String> sourceContext,
                                 String sourceKeyId, String destinationKeyId,
                                 Map<String, String> destinationContext) {
        synchronized (state) {
            CiphertextBlob parsed = CiphertextBlob.parse(blob);
            KmsKey src = keyOfBlob(call, parsed);
            if (sourceKeyId != null && access.resolve(call, sourceKeyId, true) != src) {
                throw incorrectKey();
            }
            KmsKey dst = access.resolve(call, destinationKeyId, true);
            access.authorize(call, src, "ReEncryptFrom", sourceContext);
            access.authorize(call, dst, "ReEncryptTo", destinationContext);
            requireUsable(src, "ReEncrypt");
            requireUsable(dst, "ReEncrypt");
            KeyMaterial sm = src.material(parsed.materialId());
            if (sm == null) {
                throw CiphertextBlob.invalid();
            }
            byte[] plaintext = parsed.open(sm, sourceContext);
            KeyMaterial dm = dst.currentMaterial();
            return new ReEncrypted(src, sm.id(), dst, dm.id(), CiphertextBlob.seal(dst.arn(), dm, plaintext, destinationContext).bytes());
        }
    }

    private static DomainException incorrectKey() {
        return new DomainException("IncorrectKeyException",
                "The key ID in the request does not identify a CMK that can perform this operation.");
    }

    private KmsKey keyOfBlob(KmsCall call, CiphertextBlob parsed) {
        Matcher m = KeyAccess.KEY_ARN.matcher(parsed.keyArn());
        if (!m.matches()) {
            throw CiphertextBlob.invalid();
        }
        KmsKey k = state.keys.get(m.group(3));
        if (k == null || !k.arn().equals(parsed.keyArn())) {
            if (state.repo.wasDeleted(parsed.keyArn())) {
                throw new DomainException("NotFoundException", "Key '" + parsed.keyArn() + "' does not exist");
            }
            throw CiphertextBlob.invalid();
        }
        if (!k.region.equals(call.region())) {
            throw CiphertextBlob.invalid();
        }
        call.touch(k);
        return k;
    }

    private static void checkPlaintext(byte[] plaintext) {
        if (plaintext.length > 4096) {
            throw DomainException.validation("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 4096");
        }
        if (plaintext.length == 0) {
            throw DomainException.validation("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        }
    }
}
