package earkit.reference.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The long fuzz run ({@code mvn -Pfuzz-long}): 100,000 requests per service against one server. */
@Tag("fuzz-long")
class ServiceFuzzLongTest {
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
        assertEquals(java.util.List.of(), harness.sentinelDamage());
    }

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void dynamoDb(@ForAll("dynamoDb") FuzzCase c) {
        assertNull(harness.run(c), c::toString);
    }

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void kms(@ForAll("kms") FuzzCase c) {
        assertNull(harness.run(c), c::toString);
    }

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void cloudTrail(@ForAll("cloudTrail") FuzzCase c) {
        assertNull(harness.run(c), c::toString);
    }

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void streams(@ForAll("streams") FuzzCase c) {
        assertNull(harness.run(c), c::toString);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<FuzzCase> streams() {
        return FuzzCase.of(FuzzTarget.STREAMS);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<FuzzCase> dynamoDb() {
        return FuzzCase.of(FuzzTarget.DYNAMODB);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<FuzzCase> kms() {
        return FuzzCase.of(FuzzTarget.KMS);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<FuzzCase> cloudTrail() {
        return FuzzCase.of(FuzzTarget.CLOUDTRAIL);
    }
}
