package earkit.reference.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The header's grammar, written as a regular expression, against the cursor that reads it, over mutated headers. */
class SigV4AuthorizationTest {
    private static final Pattern GRAMMAR = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
                    + "SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]{64})\\s*");
    private static final String VALID = "AWS4-HMAC-SHA256 Credential=test/20261128/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + "0123456789abcdefABCDEF".repeat(3).substring(0, 64);

    record Edit(int at, int delete, String insert) {
    }

    @Property(tries = 3000, seed = "20261128")
    void theCursorAcceptsExactlyWhatTheGrammarAccepts(@ForAll("headers") String header) {
        Matcher m = GRAMMAR.matcher(header.trim());
        SigV4Authorization a = SigV4Authorization.parse(header);
        if (!m.matches()) {
            assertEquals(null, a, "the grammar refuses " + header);
            return;
        }
        assertEquals(new SigV4Authorization(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)), a, header);
    }

    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> bits = Arbitraries.of("", " ", "  ", "\t", ",", "/", "=", ";", "0", "7", "a", "G", "aws4_request",
                "Credential=", "SignedHeaders=", "Signature=", "\u00a0", "\n");
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, VALID.length()),
                Arbitraries.integers().between(0, 3), bits).as(Edit::new);
        return edit.list().ofMaxSize(3).map(SigV4AuthorizationTest::apply);
    }

    private static String apply(List<Edit> edits) {
        StringBuilder s = new StringBuilder(VALID);
        for (Edit e : edits) {
            int at = Math.min(e.at(), s.length());
            s.delete(at, Math.min(s.length(), at + e.delete())).insert(at, e.insert());
        }
        return s.toString();
    }
}
