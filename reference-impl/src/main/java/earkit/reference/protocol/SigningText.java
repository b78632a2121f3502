package earkit.reference.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A growing byte buffer that the canonical request and the string to sign are written into as UTF-8, one per
 * thread, so that a verification hashes them without allocating a string of either; with the thread's SHA-256,
 * which hashes the body and the canonical request.
 */
final class SigningText {
    /** From this length on a string is copied by String.getBytes rather than a character at a time. */
    private static final int BULK = 16;
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    final MessageDigest sha256;
    byte[] bytes = new byte[1024];
    int length;

    SigningText(MessageDigest sha256) {
        this.sha256 = sha256;
    }

    SigningText reset() {
        length = 0;
        return this;
    }

    SigningText add(char ascii) {
        room(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    /**
     * A string as UTF-8. Nearly every text signed is ASCII. A long one goes through String.getBytes, which checks and
     * copies its bytes many at a time (half the cost of a character at a time over a request's header values); a
     * short one is written a character a byte, cheaper than getBytes' array for a few characters, and hands the rest to
     * getBytes at its first other character.
     */
    SigningText add(String s) {
        int n = s.length();
        if (n >= BULK) {
            return addEncoded(s);
        }
        room(n);
        byte[] b = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                length = at;
                return addEncoded(s.substring(i));
            }
            b[at++] = (byte) c;
        }
        length = at;
        return this;
    }

    private SigningText addEncoded(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        room(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
        return this;
    }

    /** Lower-case hex, as the string to sign and the canonical request carry hashes. */
    SigningText hex(byte[] b) {
        room(2 * b.length);
        for (byte x : b) {
            bytes[length++] = DIGITS[(x >> 4) & 0xf];
            bytes[length++] = DIGITS[x & 0xf];
        }
        return this;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
        }
    }
}
