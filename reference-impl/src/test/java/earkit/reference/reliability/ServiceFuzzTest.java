package earkit.reference.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * 10,000 malformed or mutated requests per service over real HTTP to one reference server: every answer
 * is a 2xx (when a mutation happened to be valid) or an AWS-shaped 4xx, never a 5xx or a hang, and the
 * sentinel items and ciphertext written before are intact after each service's run.
 * {@code -Pfuzz-long} runs {@link ServiceFuzzLongTest} with ten times as many.
 */
class ServiceFuzzTest {
    static FuzzHarness harness;

    @BeforeContainer
    static void start() {
        harness = new FuzzHarness();
    }

    // Fixed seeds keep the build reproducible; ServiceFuzzLongTest (-Pfuzz-long) explores with fresh seeds.
    @AfterContainer
    static void stop() {
        System.out.println(harness.summary());
        harness.close();
    }

    @AfterProperty
    void sentinelIntact() {
        assertEquals(java.util.List.of(), harness.sentinelDamage());
    }

    @Property(tries = 10_000, seed = "20261129", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void dynamoDbAnswersEveryBrokenRequestWithAnAwsError(@ForAll("dynamoDb") FuzzCase c) {
        assertNull(harness.run(c), c::toString);
    }

    @Property(tries = 10_000, seed = "20261130", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void kmsAnswersEveryBrokenRequestWithAnAwsError(@ForAll("kms") FuzzCase c) {
        assertNull(harness.run(c), c::toString);
    }

    @Property(tries = 10_000, seed = "20261131", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void cloudTrailAnswersEveryBrokenRequestWithAnAwsError(@ForAll("cloudTrail") FuzzCase c) {
        assertNull(harness.run(c), c::toString);
    }

    @Property(tries = 10_000, seed = "20261132", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void streamsAnswersEveryBrokenRequestWithAnAwsError(@ForAll("streams") FuzzCase c) {
        assertNull(harness.run(c), c::toString);
    }

    @Provide
    Arbitrary<FuzzCase> streams() {
        return FuzzCase.of(FuzzTarget.STREAMS);
    }

    @Provide
    Arbitrary<FuzzCase> dynamoDb() {
        return FuzzCase.of(FuzzTarget.DYNAMODB);
    }

    @Provide
    Arbitrary<FuzzCase> kms() {
        return FuzzCase.of(FuzzTarget.KMS);
    }

    @Provide
    Arbitrary<FuzzCase> cloudTrail() {
        return FuzzCase.of(FuzzTarget.CLOUDTRAIL);
    }
}
