package earkit.reference.protocol;

/**
 * The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}
 * header. Read by a cursor rather than a regular expression, which was a noticeable share of each
 * verification; SigV4AuthorizationTest holds it to the grammar written as one.
 */
record SigV4Authorization(String accessKey, String date, String region, String service, String signedHeaders,
                          String signature) {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The header's parts, or null when it does not follow the grammar (the header is trimmed first). */
    static SigV4Authorization parse(String header) {
        Cursor c = new Cursor(header.trim());
        if (!c.literal(ALGORITHM) || c.spaces() == 0 || !c.literal("Credential=")) {
            return null;
        }
        String accessKey = c.token("/");
        if (accessKey == null || !c.literal("/")) {
            return null;
        }
        String date = c.digits(8);
        if (date == null || !c.literal("/")) {
            return null;
        }
        String region = c.token("/");
        if (region == null || !c.literal("/")) {
            return null;
        }
        String service = c.token("/");
        if (service == null || !c.literal("/aws4_request")) {
            return null;
        }
        c.spaces();
        if (!c.literal(",")) {
            return null;
        }
        c.spaces();
        if (!c.literal("SignedHeaders=")) {
            return null;
        }
        String signedHeaders = c.token("");
        if (signedHeaders == null) {
            return null;
        }
        c.spaces();
        if (!c.literal(",")) {
            return null;
        }
        c.spaces();
        if (!c.literal("Signature=")) {
            return null;
        }
        String signature = c.hex(64);
        if (signature == null) {
            return null;
        }
        c.spaces();
        return c.atEnd() ? new SigV4Authorization(accessKey, date, region, service, signedHeaders, signature) : null;
    }

    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean literal(String expected) {
            if (s.startsWith(expected, i)) {
                i += expected.length();
                return true;
            }
            return false;
        }

        /** White space as a regular expression's {@code \s}: space, tab, new line, vertical tab, form feed, return. */
        int spaces() {
            int start = i;
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            return i - start;
        }

        /** One or more characters other than a comma, white space and those in {@code stops}. */
        String token(String stops) {
            int start = i;
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch == ',' || isSpace(ch) || stops.indexOf(ch) >= 0) {
                    break;
                }
                i++;
            }
            return i > start ? s.substring(start, i) : null;
        }

        String digits(int n) {
            return run(n, ch -> ch >= '0' && ch <= '9');
        }

        String hex(int n) {
            return run(n, ch -> (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'));
        }

        private String run(int n, java.util.function.IntPredicate allowed) {
            if (i + n > s.length()) {
                return null;
            }
            for (int k = i; k < i + n; k++) {
                if (!allowed.test(s.charAt(k))) {
                    return null;
                }
            }
            i += n;
            return s.substring(i - n, i);
        }

        boolean atEnd() {
            return i == s.length();
        }

        private static boolean isSpace(char ch) {
            return ch == ' ' || ch == '\t' || ch == '\n' || ch == 0x0b || ch == '\f' || ch == '\r';
        }
    }
}
