package earkit.reports;

import static earkit.reports.SyntheticRun.TARGET_FAULT;
import static earkit.reports.SyntheticRun.VIOLATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reports.Compliance.RequirementResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-requirement attribution and the run's outcome, from message streams with exactly the exceptions the suite's
 * contract names: a RequirementViolation counts against the one requirement it names, a TargetFault is a target error
 * of every requirement of its scenario, anything else fails every requirement of its scenario.
 */
class AttributionTest {
    private static final String SSE_VIOLATION =
            "[EAR-SSE-001] SSEDescription of \"orders\": expected KMS with the ARN of key A, observed no SSEDescription";

    @TempDir
    Path dir;

    private Compliance assess(SyntheticRun run) {
        return ComplianceReport.assess(run.writeTo(dir));
    }

    private static RequirementResult requirement(Compliance c, String id) {
        return c.requirements().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aTwoRequirementScenarioStoppedAtOneCheckFailsOnlyThatRequirement() {
        Compliance c = assess(new SyntheticRun()
                .failed("key switch", VIOLATION, SSE_VIOLATION, "@EAR-SSE-001", "@EAR-ENC-004")
                .passed("owned key", "@EAR-OWN-001"));

        assertEquals(RequirementStatus.FAILED, requirement(c, "EAR-SSE-001").status());
        RequirementResult enc = requirement(c, "EAR-ENC-004");
        assertEquals(RequirementStatus.NOT_REACHED, enc.status(), "ENC-004's read-backs never ran, nothing of it failed");
        assertEquals("stopped at a check of EAR-SSE-001: SSEDescription of \"orders\": expected KMS with the ARN of key A, "
                + "observed no SSEDescription", enc.reason());
        assertEquals("not-conformant", c.verdict().result());
        assertEquals(1, c.verdict().reasons().size(), "only SSE-001 is a reason: " + c.verdict().reasons());
    }

    @Test
    void aRequirementPassesWhenOneOfItsScenariosPassedAndNoneFailedItsChecks() {
        Compliance c = assess(new SyntheticRun()
                .failed("key switch", VIOLATION, SSE_VIOLATION, "@EAR-SSE-001", "@EAR-ENC-004")
                .passed("read back", "@EAR-ENC-004"));

        RequirementResult enc = requirement(c, "EAR-ENC-004");
        assertEquals(RequirementStatus.PASSED, enc.status());
        assertTrue(enc.reason().contains("1 of 2 scenarios not reached: stopped at a check of EAR-SSE-001"), enc.reason());
    }

    @Test
    void aFailureOfAnotherRequirementsCheckIsEvidenceAgainstThatOneOnly() {
        Compliance c = assess(new SyntheticRun()
                .failed("owned key", VIOLATION, "[EAR-ROT-001] rotation of the AWS managed key: expected 365 days, observed 0",
                        "@EAR-OWN-001"));

        RequirementResult rotation = requirement(c, "EAR-ROT-001");
        assertEquals(RequirementStatus.FAILED, rotation.status(), "counted against the named requirement");
        assertEquals(1, rotation.scenarios().size());
        assertEquals(RequirementStatus.NOT_REACHED, requirement(c, "EAR-OWN-001").status());
    }

    @Test
    void aTargetFaultIsATargetErrorOfEveryRequirementNeverAPassOrAFailure() {
        Compliance c = assess(new SyntheticRun()
                .failed("disabled key", TARGET_FAULT, "[TARGET ERROR] dynamodb GetItem: HTTP 500 InternalServerError: boom",
                        "@EAR-INA-001", "@EAR-ENC-004")
                .passed("read back", "@EAR-ENC-004"));

        RequirementResult inaccessible = requirement(c, "EAR-INA-001");
        assertEquals(RequirementStatus.TARGET_ERROR, inaccessible.status());
        assertEquals("1 of 1 scenario met a target error: dynamodb GetItem: HTTP 500 InternalServerError: boom",
                inaccessible.reason());
        assertEquals(RequirementStatus.TARGET_ERROR, requirement(c, "EAR-ENC-004").status(),
                "a crash in one scenario is not outweighed by a pass in another");
        assertEquals("not-conformant", c.verdict().result());
        assertEquals(1, c.verdict().exitCode());
        assertTrue(c.verdict().headline().contains("met a target error"), c.verdict().headline());
        assertTrue(!c.verdict().headline().contains("failed"), "a crash is not reported as a failure: " + c.verdict().headline());
        assertEquals(0, c.counts().get("failed"));
        assertEquals(2, c.counts().get("target-error"));
    }

    @Test
    void aKitFaultIsAKitErrorOfTheRunNeverAFailureOfTheTarget() {
        Compliance c = assess(new SyntheticRun()
                .failed("read back through boto3", "earkit.kit.steps.KitFault",
                        "[KIT ERROR] dynamodb GetItem: the AWS SDK for Python (boto3) driver failed: the driver ended without answering",
                        "@EAR-ENC-004")
                .failed("key switch", VIOLATION, SSE_VIOLATION, "@EAR-SSE-001")
                .passed("owned key", "@EAR-OWN-001"));

        RequirementResult enc = requirement(c, "EAR-ENC-004");
        assertEquals(RequirementStatus.KIT_ERROR, enc.status());
        assertEquals("1 of 1 scenario met a kit error (nothing judged): dynamodb GetItem: the AWS SDK for Python (boto3) driver "
                + "failed: the driver ended without answering", enc.reason());
        assertEquals(RequirementStatus.FAILED, requirement(c, "EAR-SSE-001").status(), "a real failure stays one");
        assertEquals("kit-error", c.verdict().result(), "no verdict on the target while the kit failed");
        assertEquals(2, c.verdict().exitCode());
        assertEquals("KIT ERROR", c.verdict().word());
        assertTrue(c.verdict().reasons().get(0).startsWith("EAR-ENC-004 kit error: "), c.verdict().reasons().toString());
        assertTrue(c.verdict().reasons().stream().anyMatch(r -> r.startsWith("EAR-SSE-001 (MUST) failed")), c.verdict().reasons().toString());
        assertEquals(1, c.counts().get("kit-error"));
        // Without the exception's class, the message's prefix says the same.
        Compliance bare = assess(new SyntheticRun().failed("read back", null, "[KIT ERROR] dynamodb GetItem: driver died", "@EAR-ENC-004"));
        assertEquals(RequirementStatus.KIT_ERROR, requirement(bare, "EAR-ENC-004").status());
    }

    @Test
    void anyOtherExceptionFailsEveryRequirementOfItsScenario() {
        Compliance c = assess(new SyntheticRun()
                .failed("key switch", "software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException",
                        "Requested resource not found (Service: DynamoDb, Status Code: 400)", "@EAR-SSE-001", "@EAR-ENC-004")
                // The contract's class with a message that names no single requirement attributes nothing.
                .failed("listed", VIOLATION, "[EAR-INA-001, EAR-OWN-001] both", "@EAR-INA-001", "@EAR-OWN-001"));

        for (String id : new String[] {"EAR-SSE-001", "EAR-ENC-004", "EAR-INA-001", "EAR-OWN-001"}) {
            assertEquals(RequirementStatus.FAILED, requirement(c, id).status(), id);
        }
    }

    @Test
    void withoutTheExceptionFieldTheMessagePrefixDecides() {
        Compliance c = assess(new SyntheticRun()
                .failed("key switch", null, SSE_VIOLATION, "@EAR-SSE-001", "@EAR-ENC-004")
                .failed("disabled key", null, "[TARGET ERROR] kms DisableKey: HTTP 500 InternalServerError", "@EAR-INA-001"));

        assertEquals(RequirementStatus.FAILED, requirement(c, "EAR-SSE-001").status());
        assertEquals(RequirementStatus.NOT_REACHED, requirement(c, "EAR-ENC-004").status());
        assertEquals(RequirementStatus.TARGET_ERROR, requirement(c, "EAR-INA-001").status());
    }

    @Test
    void nothingJudgedIsInconclusiveNotConformant() {
        Compliance c = assess(new SyntheticRun()
                .skipped("clock", "Assumption failed: not applicable: target 'x' does not declare the capability 'clock-control'",
                        "@EAR-INA-001", "@needs-clock-control"));

        assertEquals("inconclusive", c.verdict().result());
        assertEquals(3, c.verdict().exitCode());
        assertEquals(0, c.verdict().judged());
        assertEquals("not applicable: target 'x' does not declare the capability 'clock-control'",
                requirement(c, "EAR-INA-001").reason(), "JUnit's prefix is not part of the reason");
    }

    @Test
    void fewerJudgedMustsThanMinJudgedIsInconclusive() {
        SyntheticRun run = new SyntheticRun().passed("owned key", "@EAR-OWN-001").passed("rotation", "@EAR-ROT-001");
        assertEquals("conformant", assess(run).verdict().result(), "one MUST judged meets the default of 1");

        Compliance two = ComplianceReport.assess(run.minJudged(2).writeTo(dir.resolve("two")));
        assertEquals("inconclusive", two.verdict().result(), "a SHOULD does not count towards --min-judged");
        assertEquals(2, two.verdict().minJudged());
        assertTrue(two.verdict().headline().contains("at least 2 needed"), two.verdict().headline());
    }

    @Test
    void theReportsShowTheNewStatuses() throws Exception {
        Path written = new SyntheticRun()
                .failed("key switch", VIOLATION, SSE_VIOLATION, "@EAR-SSE-001", "@EAR-ENC-004")
                .failed("disabled key", TARGET_FAULT, "[TARGET ERROR] dynamodb GetItem: HTTP 500 InternalServerError",
                        "@EAR-INA-001")
                .writeTo(dir);
        ComplianceReport.write(written);
        String markdown = java.nio.file.Files.readString(written.resolve(ComplianceReport.MARKDOWN));
        assertTrue(markdown.contains("| EAR-ENC-004 | MUST | Not reached | stopped at a check of EAR-SSE-001"), markdown);
        String junit = java.nio.file.Files.readString(written.resolve(ComplianceReport.JUNIT));
        assertTrue(junit.contains("errors=\"1\"") && junit.contains("<error type=\"target-error\""), junit);
        String html = java.nio.file.Files.readString(written.resolve(ComplianceReport.HTML));
        assertTrue(html.contains("<span class=\"word\">NOT CONFORMANT</span>"), "verdict word");
        assertTrue(html.contains("id=\"not-reached\""), "a section for requirements not reached");
    }
}
