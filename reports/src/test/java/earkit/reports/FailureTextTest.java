package earkit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Failure messages in the suite's forms are split into expected and observed values, so a report can show both. */
class FailureTextTest {
    @Test
    void readsTheSuitesOwnLines() {
        assertEquals(new FailureText("table status ARCHIVED", "table status INACCESSIBLE"), FailureText.of(
                "EAR-INA-004: archive after 7 days\n  expected: table status ARCHIVED\n  observed: table status INACCESSIBLE"));
    }

    @Test
    void readsTheSuitesInlineForm() {
        assertEquals(new FailureText("ARCHIVED", "INACCESSIBLE_ENCRYPTION_CREDENTIALS"), FailureText.of(
                "[EAR-INA-005, EAR-INA-006] status of table \"orders\" (within PT5S): expected ARCHIVED, observed INACCESSIBLE_ENCRYPTION_CREDENTIALS"));
        assertEquals(new FailureText("[{pk=a}, {pk=b}]", "null"),
                FailureText.of("[EAR-IDX-001] new images in the stream: expected [{pk=a}, {pk=b}], observed null"));
    }

    @Test
    void readsJunitAssertjAndHamcrestForms() {
        assertEquals(new FailureText("1", "20"), FailureText.of("KMS calls ==> expected: <1> but was: <20>"));
        assertEquals(new FailureText("\"ENABLED\"", "\"DISABLED\""),
                FailureText.of("\nexpected: \"ENABLED\"\n but was: \"DISABLED\""));
        assertEquals(new FailureText("is <365>", "was <1095>"),
                FailureText.of("\nExpected: is <365>\n     but: was <1095>"));
    }

    @Test
    void leavesOtherMessagesAlone() {
        assertEquals(new FailureText(null, null), FailureText.of("Connection refused"));
        assertEquals(new FailureText(null, null), FailureText.of(null));
    }
}
