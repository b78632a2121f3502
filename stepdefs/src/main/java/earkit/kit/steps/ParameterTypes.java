package earkit.kit.steps;

import io.cucumber.java.ParameterType;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The features' vocabulary, converted in one place; a typo in a feature fails as an undefined step. */
public class ParameterTypes {
    private static final Pattern PART = Pattern.compile("(\\d+) (day|hour|minute|second|millisecond)s?");

    @ParameterType("AWS owned|AWS managed|customer managed")
    public KeyKind keyKind(String phrase) {
        return byPhrase(KeyKind.values(), phrase);
    }

    @ParameterType("\\d+ (?:days?|hours?|minutes?|seconds?)(?: \\d+ (?:days?|hours?|minutes?|seconds?))*")
    public Duration duration(String text) {
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "day" -> Duration.ofDays(n);
                case "hour" -> Duration.ofHours(n);
                case "minute" -> Duration.ofMinutes(n);
                case "second" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
        }
        return d;
    }

    @ParameterType("one kept-alive connection|a new connection for each request")
    public ConnectionMode connectionMode(String phrase) {
        return byPhrase(ConnectionMode.values(), phrase);
    }

    @ParameterType("key ID|key ARN|alias name|alias ARN")
    public KeyIdentifierForm identifierForm(String phrase) {
        return byPhrase(KeyIdentifierForm.values(), phrase);
    }

    @ParameterType("disable|schedule deletion of|replace the policy of|disable rotation of|tag")
    public KeyManagementOperation managementOperation(String phrase) {
        return byPhrase(KeyManagementOperation.values(), phrase);
    }

    @ParameterType("disabled|scheduled for deletion")
    public KeyWithdrawal keyChange(String phrase) {
        return byPhrase(KeyWithdrawal.values(), phrase);
    }

    @ParameterType("CloudTrail|CloudWatch Logs")
    public AuditChannel auditChannel(String phrase) {
        return byPhrase(AuditChannel.values(), phrase);
    }

    @ParameterType("throttling|an internal error|no answer for \\d+ seconds")
    public KmsProxy.Injection kmsTrouble(String phrase) {
        return KmsProxy.Injection.parse(phrase);
    }

    /**
     * A data path of data-paths.feature, by its row name: a new path is a {@link DataPath} constant, its name here
     * and an Examples row. Listed rather than a catch-all phrase pattern, with which SharedStateTest (timing-bound, run
     * after the suite in the same JVM) failed every time; why was not established.
     */
    @ParameterType("GetItem|PutItem|UpdateItem|DeleteItem|Query on the table|Query on the local secondary index|"
            + "Query on the global secondary index|Scan of the table|Scan of the local secondary index|"
            + "Scan of the global secondary index|BatchGetItem|BatchWriteItem|GetRecords on the table's stream|CreateBackup")
    public DataPath dataPath(String phrase) {
        return byPhrase(DataPath.values(), phrase);
    }

    /** The constant whose feature phrase ({@code toString}) is {@code phrase}; the regular expressions above list the same phrases. */
    private static <E extends Enum<E>> E byPhrase(E[] values, String phrase) {
        for (E e : values) {
            if (e.toString().equals(phrase)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown phrase '" + phrase + "' for " + values[0].getDeclaringClass().getSimpleName());
    }
}
