package earkit.reference.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing byte buffer that the canonical request and the string to sign are written into as UTF-8, one per
 * thread, so that a verification hashes them without allocating a string of either.
 */
final class SigningText {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[1024];
    int length;

    SigningText reset() {
        length = 0;
        return this;
    }

    SigningText add(char ascii) {
        room(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    SigningText add(String s) {
        // The JDK encodes an ASCII string to UTF-8 as one array copy, faster than a loop over its characters.
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
