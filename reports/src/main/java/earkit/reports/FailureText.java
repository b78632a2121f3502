package earkit.reports;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads "expected" and "observed" out of an assertion message. The suite writes them on lines of their own
 * ({@code expected: ...} / {@code observed: ...}) or inline ({@code subject: expected A, observed B}); the forms
 * of JUnit ({@code expected: <a> but was: <b>}),
 * AssertJ ({@code expected: a\n but was: b}) and Hamcrest ({@code Expected: a\n     but: b}) are read as well.
 */
record FailureText(String expected, String observed) {
    private static final Pattern LINES = Pattern.compile(
            "(?ims)^\\s*expected\\s*:\\s*(.+?)\\s*$.*?^\\s*(?:observed|actual|but was|but)\\s*:\\s*(.+?)\\s*$");
    private static final Pattern JUNIT = Pattern.compile("(?is)expected:\\s*<(.*)>\\s*but was:\\s*<(.*)>");
    private static final Pattern INLINE = Pattern.compile(
            "(?is)\\bexpected:?\\s+(.+?),\\s*(?:observed|but was|actual|got):?\\s+(.+?)\\s*$");

    static FailureText of(String message) {
        if (message == null) {
            return new FailureText(null, null);
        }
        Matcher junit = JUNIT.matcher(message);
        if (junit.find()) {
            return new FailureText(junit.group(1), junit.group(2));
        }
        Matcher lines = LINES.matcher(message);
        if (lines.find()) {
            return new FailureText(lines.group(1), lines.group(2));
        }
        Matcher inline = INLINE.matcher(message);
        if (inline.find()) {
            return new FailureText(inline.group(1), inline.group(2));
        }
        return new FailureText(null, null);
    }
}
