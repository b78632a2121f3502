package earkit.reference.domain.kms;

import earkit.reference.crypto.Aead;
import earkit.reference.domain.DomainException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ciphertext blob KMS hands out for a symmetric key: a self-describing header (format version,
 * key ARN, key-material id) followed by AES-256-GCM {@code nonce || ciphertext || tag}. The header and
 * the encryption context in canonical (sorted, length-prefixed) form are the associated data, so a
 * changed header, a different context or any flipped byte fails to open.
 */
public record CiphertextBlob(String keyArn, String materialId, byte[] header, byte[] sealed) {
    private static final byte VERSION = 1;
    private static final int MATERIAL_ID_BYTES = 32;
    /** Nonce and tag of AES-GCM: the least a sealed message can be. */
    private static final int SEALED_MINIMUM = 12 + 16;

    public static CiphertextBlob seal(String keyArn, KeyMaterial material, byte[] plaintext, Map<String, String> context) {
        byte[] header = header(keyArn, material.id());
        return new CiphertextBlob(keyArn, material.id(), header,
                Aead.seal(material.bytes(), plaintext, associatedData(header, context)));
    }

    /** Reads the header; {@code InvalidCiphertextException} when the bytes are not a blob of this KMS. */
    public static CiphertextBlob parse(byte[] blob) {
        try {
            ByteBuffer b = ByteBuffer.wrap(blob);
            if (b.get() != VERSION) {
                throw invalid();
            }
            int arnLength = Short.toUnsignedInt(b.getShort());
            if (arnLength == 0 || arnLength > 256) {
                throw invalid();
            }
            byte[] arn = new byte[arnLength];
            b.get(arn);
            byte[] material = new byte[MATERIAL_ID_BYTES];
            b.get(material);
            int headerLength = b.position();
            byte[] sealed = new byte[b.remaining()];
            b.get(sealed);
            if (sealed.length < SEALED_MINIMUM) {
                throw invalid();
            }
            byte[] header = java.util.Arrays.copyOf(blob, headerLength);
            return new CiphertextBlob(new String(arn, StandardCharsets.UTF_8), HexFormat.of().formatHex(material), header, sealed);
        } catch (java.nio.BufferUnderflowException e) {
            throw invalid();
        }
    }

    public byte[] open(KeyMaterial material, Map<String, String> context) {
        try {
            return Aead.open(material.bytes(), sealed, associatedData(header, context));
        } catch (Aead.OpenFailure e) {
            throw invalid();
        }
    }

    public byte[] bytes() {
        return ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
    }

    public static DomainException invalid() {
        // Real KMS answers a bad blob or context with an empty message.
        return new DomainException("InvalidCiphertextException", "");
    }

    private static byte[] header(String keyArn, String materialId) {
        byte[] arn = keyArn.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 2 + arn.length + MATERIAL_ID_BYTES).put(VERSION).putShort((short) arn.length)
                .put(arn).put(HexFormat.of().parseHex(materialId)).array();
    }

    /** The canonical form of an encryption context: pairs sorted by key, each part length-prefixed. */
    static byte[] associatedData(byte[] header, Map<String, String> context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        for (Map.Entry<String, String> e : new TreeMap<>(context == null ? Map.<String, String>of() : context).entrySet()) {
            writePart(out, e.getKey());
            writePart(out, e.getValue());
        }
        return out.toByteArray();
    }

    private static void writePart(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }
}
