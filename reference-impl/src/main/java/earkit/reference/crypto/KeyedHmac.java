package earkit.reference.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA-256 (RFC 2104) under one key, with the key's two padded blocks absorbed once: each MAC starts from copies
 * of the two digests. Through {@code javax.crypto.Mac} every MAC compresses both pads again, two of the four
 * compressions of a short message (an item's name). The bytes are Mac("HmacSHA256")'s (TableKeyringTest compares).
 * Not thread-safe: one per thread.
 */
final class KeyedHmac {
    private static final int BLOCK = 64;
    private final MessageDigest inner;
    private final MessageDigest outer;

    KeyedHmac(byte[] key) {
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        inner = sha256();
        inner.update(ipad);
        outer = sha256();
        outer.update(opad);
    }

    /** The MAC of {@code prefix}, the byte {@code separator}, then {@code data[0..length)}. */
    byte[] mac(byte[] prefix, byte separator, byte[] data, int length) {
        MessageDigest in = copy(inner);
        in.update(prefix);
        in.update(separator);
        in.update(data, 0, length);
        byte[] out = in.digest();
        MessageDigest o = copy(outer);
        o.update(out);
        try {
            o.digest(out, 0, out.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 digest of 32 bytes", e);
        }
        return out;
    }

    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests of this JVM cannot be copied", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
