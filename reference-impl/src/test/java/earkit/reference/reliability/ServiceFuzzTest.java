package earkit.reference.reliability;

import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * 10,000 malformed or mutated requests per service over real HTTP to one reference server: every answer
 * is a 2xx (when a mutation happened to be valid) or an AWS-shaped 4xx, never a 5xx or a hang, and the
 * sentinel items and ciphertext written before are intact after each service's run. Fixed seeds keep the
 * build reproducible; {@code -Pfuzz-long} runs {@link ServiceFuzzLongTest}, ten times as many with fresh seeds.
 */
class ServiceFuzzTest extends FuzzRun {

    @Property(tries = 10_000, seed = "20261129", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void dynamoDbAnswersEveryBrokenRequestWithAnAwsError(@ForAll("dynamoDb") FuzzCase c) {
        answered(c);
    }

    @Property(tries = 10_000, seed = "20261130", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void kmsAnswersEveryBrokenRequestWithAnAwsError(@ForAll("kms") FuzzCase c) {
        answered(c);
    }

    @Property(tries = 10_000, seed = "20261131", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void cloudTrailAnswersEveryBrokenRequestWithAnAwsError(@ForAll("cloudTrail") FuzzCase c) {
        answered(c);
    }

    @Property(tries = 10_000, seed = "20261132", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void streamsAnswersEveryBrokenRequestWithAnAwsError(@ForAll("streams") FuzzCase c) {
        answered(c);
    }

    @Property(tries = 3_000, seed = "20261205", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void cloudWatchLogsAnswersEveryBrokenRequestWithAnAwsError(@ForAll("logs") FuzzCase c) {
        answered(c);
    }
}
