package earkit.reference.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * One reference server fuzzed service by service (the runs differ only in how many requests and which seeds):
 * each request must be answered without a 5xx or a hang, and the sentinel data must be intact after each service.
 */
abstract class FuzzRun {
    static FuzzHarness harness;

    @BeforeContainer
    static void start() {
        harness = new FuzzHarness();
    }

    @AfterContainer
    static void stop() {
        System.out.println(harness.summary());
        harness.close();
    }

    @AfterProperty
    void sentinelIntact() {
        assertEquals(List.of(), harness.sentinelDamage());
    }

    static void answered(FuzzCase c) {
        assertNull(harness.run(c), c::toString);
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

    @Provide
    Arbitrary<FuzzCase> logs() {
        return FuzzCase.of(FuzzTarget.LOGS);
    }

    @Provide
    Arbitrary<FuzzCase> streams() {
        return FuzzCase.of(FuzzTarget.STREAMS);
    }
}
