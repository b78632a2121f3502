package earkit.reports.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Steps of the sample features. They mimic the suite's conventions: a capability the target lacks skips the
 * scenario with a text/plain reason, every scenario attaches its request history as JSON, and a failure message
 * names the requirement, what was expected and what was observed.
 */
public class SampleSteps {
    private final List<String> history = new ArrayList<>();
    private Scenario scenario;
    private String requirement;

    @Before(order = 0)
    public void remember(Scenario scenario) {
        this.scenario = scenario;
        this.requirement = scenario.getSourceTagNames().stream().filter(t -> t.startsWith("@EAR-"))
                .map(t -> t.substring(1)).findFirst().orElse("none");
    }

    @Before(order = 1)
    public void skipWithoutCapability(Scenario scenario) {
        List<String> missing = scenario.getSourceTagNames().stream().filter(t -> t.startsWith("@needs-"))
                .map(t -> t.substring("@needs-".length())).filter(SampleTarget.missingCapabilities::contains)
                .sorted().collect(Collectors.toList());
        if (!missing.isEmpty()) {
            String reason = "target 'sample' lacks capability " + String.join(", ", missing);
            scenario.attach(reason, "text/plain", "not applicable");
            Assumptions.abort(reason);
        }
    }

    @After
    public void attachHistory() {
        scenario.attach(history.stream().collect(Collectors.joining(",", "[", "]")), "application/json", "request history");
    }

    private void call(String service, String operation, int status) {
        history.add(String.format("{\"service\":\"%s\",\"operation\":\"%s\",\"status\":%d,\"requestId\":\"req-%d\"}",
                service, operation, status, history.size() + 1));
    }

    private boolean broken() {
        return SampleTarget.broken.contains(requirement);
    }

    @Given("an AWS managed key whose last event was {string}")
    public void anAwsManagedKey(String event) {
        call("kms", "DescribeKey", 200);
    }

    @Given("a customer managed key")
    public void aCustomerManagedKey() {
        call("kms", "CreateKey", 200);
    }

    @Given("a table encrypted with that key")
    public void aTable() {
        call("dynamodb", "CreateTable", 200);
    }

    @When("the clock moves forward by {int} days")
    public void theClockMoves(int days) {
        call("control", "AdvanceClock", 200);
    }

    @When("the key is rotated on demand")
    public void rotateOnDemand() {
        call("kms", "RotateKeyOnDemand", 200);
    }

    @When("the key is disabled")
    public void disable() {
        call("kms", "DisableKey", 200);
    }

    @When("{int} requests are sent on one connection")
    public void requests(int count) {
        for (int i = 0; i < count; i++) {
            call("dynamodb", "GetItem", 200);
        }
    }

    @Then("the rotation count is {string}")
    public void rotationCount(String expected) {
        call("kms", "ListKeyRotations", 200);
        // JUnit's own message format ("expected: <a> but was: <b>"), as an assertion library would write it.
        assertEquals(expected, broken() ? "0" : expected, requirement + " rotation count");
    }

    @Then("the table status is {string}")
    public void tableStatus(String expected) {
        call("dynamodb", "DescribeTable", 200);
        String observed = broken() ? "ACTIVE" : expected;
        scenario.log("DescribeTable answered TableStatus " + observed);
        if (!observed.equals(expected)) {
            throw new AssertionError(requirement + ": the table's status after its key was disabled\n"
                    + "  expected: TableStatus " + expected + "\n"
                    + "  observed: TableStatus " + observed);
        }
    }

    @Then("the audit trail shows {string}")
    public void auditShows(String event) {
        call("cloudtrail", "LookupEvents", 200);
    }

    @Then("the number of KMS Decrypt calls is {int}")
    public void decryptCalls(int expected) {
        call("cloudtrail", "LookupEvents", 200);
        int observed = broken() ? 20 : expected;
        if (observed != expected) {
            // The suite's own form: "[IDs] subject: expected A, observed B".
            throw new AssertionError("[" + requirement + "] KMS Decrypt calls for 20 requests on one connection: expected "
                    + expected + ", observed " + observed);
        }
    }
}
