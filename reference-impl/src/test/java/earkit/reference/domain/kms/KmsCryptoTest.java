package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

/** The mock KMS cryptographic operations: encrypt, decrypt, data keys, re-encrypt and DryRun, bound to the encryption context. */
class KmsCryptoTest extends KmsTestBase {

    @Test
    void encryptThenDecryptWithoutNamingTheKey() {
        String id = newKey();
        String arn = "arn:aws:kms:us-east-1:000000000000:key/" + id;
        EncryptResponse e = kms.encrypt(r -> r.keyId(id).plaintext(bytes("attack at dawn")).encryptionContext(context("orders")));
        assertEquals(arn, e.keyId());
        assertEquals("SYMMETRIC_DEFAULT", e.encryptionAlgorithmAsString());
        assertTrue(e.ciphertextBlob().asByteArray().length > "attack at dawn".length() + 28);
        DecryptResponse d = kms.decrypt(r -> r.ciphertextBlob(e.ciphertextBlob()).encryptionContext(context("orders")));
        assertEquals("attack at dawn", d.plaintext().asUtf8String());
        assertEquals(arn, d.keyId());
        assertEquals(kms.describeKey(r -> r.keyId(id)).keyMetadata().currentKeyMaterialId(), d.keyMaterialId());
    }

    @Test
    void ciphertextIsBoundToTheEncryptionContext() {
        String id = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(id).plaintext(bytes("x")).encryptionContext(context("orders"))).ciphertextBlob();
        fails("InvalidCiphertextException", () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        fails("InvalidCiphertextException", () -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(context("Orders"))));
        fails("InvalidCiphertextException", () -> kms.decrypt(r -> r.ciphertextBlob(blob)
                .encryptionContext(Map.of("aws:dynamodb:tableName", "orders"))));
        // order of the pairs does not matter
        Map<String, String> reordered = new java.util.LinkedHashMap<>();
        reordered.put("aws:dynamodb:subscriberId", "000000000000");
        reordered.put("aws:dynamodb:tableName", "orders");
        assertEquals("x", kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(reordered)).plaintext().asUtf8String());
    }

    @Test
    void tamperedOrTruncatedBlobIsInvalidCiphertext() {
        String id = newKey();
        byte[] blob = kms.encrypt(r -> r.keyId(id).plaintext(bytes("payload"))).ciphertextBlob().asByteArray();
        for (int i : new int[] {0, 5, blob.length / 2, blob.length - 1}) {
            byte[] flipped = blob.clone();
            flipped[i] ^= 0x01;
            fails("InvalidCiphertextException", () -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(flipped))));
        }
        byte[] truncated = Arrays.copyOf(blob, blob.length - 10);
        fails("InvalidCiphertextException", () -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(truncated))));
        fails("InvalidCiphertextException", () -> kms.decrypt(r -> r.ciphertextBlob(bytes("not a blob at all"))));
    }

    @Test
    void generateDataKeyReturnsAKeyAndItsWrappedCopy() {
        String id = newKey();
        GenerateDataKeyResponse g = kms.generateDataKey(r -> r.keyId(id).keySpec("AES_256").encryptionContext(context("t")));
        assertEquals(32, g.plaintext().asByteArray().length);
        assertEquals(16, kms.generateDataKey(r -> r.keyId(id).keySpec("AES_128")).plaintext().asByteArray().length);
        assertEquals(64, kms.generateDataKey(r -> r.keyId(id).numberOfBytes(64)).plaintext().asByteArray().length);
        assertArrayEquals(g.plaintext().asByteArray(), kms.decrypt(r -> r.ciphertextBlob(g.ciphertextBlob())
                .encryptionContext(context("t"))).plaintext().asByteArray());
        SdkBytes wrapped = kms.generateDataKeyWithoutPlaintext(r -> r.keyId(id).keySpec("AES_256")).ciphertextBlob();
        assertEquals(32, kms.decrypt(r -> r.ciphertextBlob(wrapped)).plaintext().asByteArray().length);
        fails("ValidationException", () -> kms.generateDataKey(r -> r.keyId(id)));
        fails("ValidationException", () -> kms.generateDataKey(r -> r.keyId(id).keySpec("AES_256").numberOfBytes(32)));
        fails("ValidationException", () -> kms.generateDataKey(r -> r.keyId(id).numberOfBytes(1025)));
    }

    @Test
    void reEncryptMovesCiphertextToAnotherKeyAndContext() {
        String a = newKey();
        String b = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(a).plaintext(bytes("moving")).encryptionContext(context("one"))).ciphertextBlob();
        ReEncryptResponse re = kms.reEncrypt(r -> r.ciphertextBlob(blob).sourceEncryptionContext(context("one"))
                .destinationKeyId(b).destinationEncryptionContext(context("two")));
        assertEquals("arn:aws:kms:us-east-1:000000000000:key/" + a, re.sourceKeyId());
        assertEquals("arn:aws:kms:us-east-1:000000000000:key/" + b, re.keyId());
        assertEquals("moving", kms.decrypt(r -> r.ciphertextBlob(re.ciphertextBlob()).encryptionContext(context("two")))
                .plaintext().asUtf8String());
    }

    @Test
    void dryRunChecksEverythingAndChangesNothing() {
        String id = newKey();
        fails("DryRunOperationException", () -> kms.encrypt(r -> r.keyId(id).plaintext(bytes("x")).dryRun(true)));
        fails("DryRunOperationException", () -> kms.generateDataKey(r -> r.keyId(id).keySpec("AES_256").dryRun(true)));
        String grantId = kms.createGrant(r -> r.keyId(id).granteePrincipal("arn:aws:iam::000000000000:user/restricted")
                .operationsWithStrings("Encrypt")).grantId();
        fails("DryRunOperationException", () -> kms.revokeGrant(r -> r.keyId(id).grantId(grantId).dryRun(true)));
        fails("DryRunOperationException", () -> kms.createGrant(r -> r.keyId(id).granteePrincipal("p")
                .operationsWithStrings("Decrypt").dryRun(true)));
        assertEquals(1, kms.listGrants(r -> r.keyId(id)).grants().size());
        kms.disableKey(r -> r.keyId(id));
        fails("DisabledException", () -> kms.encrypt(r -> r.keyId(id).plaintext(bytes("x")).dryRun(true)));
    }

    @Test
    void decryptNamingAnotherKeyIsIncorrectKey() {
        String a = newKey();
        String b = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(a).plaintext(bytes("x"))).ciphertextBlob();
        fails("IncorrectKeyException", () -> kms.decrypt(r -> r.ciphertextBlob(blob).keyId(b)));
        assertEquals("x", kms.decrypt(r -> r.ciphertextBlob(blob).keyId(a)).plaintext().asUtf8String());
    }

    @Test
    void plaintextOver4096BytesIsRefusedWithTheDocumentedText() {
        String id = newKey();
        byte[] big = new byte[4097];
        assertEquals("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 4096",
                fails("ValidationException", () -> kms.encrypt(r -> r.keyId(id).plaintext(SdkBytes.fromByteArray(big))))
                        .awsErrorDetails().errorMessage());
        SdkBytes max = kms.encrypt(r -> r.keyId(id).plaintext(SdkBytes.fromByteArray(new byte[4096]))).ciphertextBlob();
        assertEquals(4096, kms.decrypt(r -> r.ciphertextBlob(max)).plaintext().asByteArray().length);
    }
}
