package earkit.reference.reliability;

import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;

/** The long fuzz run ({@code mvn -Pfuzz-long}): 100,000 requests per service against one server, fresh seeds. */
@Tag("fuzz-long")
class ServiceFuzzLongTest extends FuzzRun {

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void dynamoDb(@ForAll("dynamoDb") FuzzCase c) {
        answered(c);
    }

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void kms(@ForAll("kms") FuzzCase c) {
        answered(c);
    }

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void cloudTrail(@ForAll("cloudTrail") FuzzCase c) {
        answered(c);
    }

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void streams(@ForAll("streams") FuzzCase c) {
        answered(c);
    }
}
