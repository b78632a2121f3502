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
        return KeyKind.fromPhrase(phrase);
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
        return phrase.startsWith("one") ? ConnectionMode.KEPT_ALIVE : ConnectionMode.NEW_PER_REQUEST;
    }

    /** How a customer managed key is named in KMSMasterKeyId (Amazon DynamoDB API Reference: SSESpecification). */
    @ParameterType("key ID|key ARN|alias name|alias ARN")
    public String identifierForm(String phrase) {
        return phrase;
    }

    /** Management operations the AWS managed key refuses (AWS KMS Developer Guide: AWS KMS concepts). */
    @ParameterType("disable|schedule deletion of|replace the policy of|disable rotation of|tag")
    public String managementOperation(String phrase) {
        return phrase;
    }

    /** Ways a customer takes a key away from DynamoDB (S26). */
    @ParameterType("disabled|scheduled for deletion")
    public String keyChange(String phrase) {
        return phrase;
    }
}
