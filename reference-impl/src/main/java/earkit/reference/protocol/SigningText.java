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
        // Nearly every text signed is ASCII: written a character a byte, without the array String.getBytes allocates
        // (a verification adds some forty strings); the first other character hands the rest to the UTF-8 encoder.
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return addEncoded(s.substring(i));
            }
            bytes[length++] = (byte) c;
        }
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
