package earkit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reports.Compliance.RequirementResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model of a run, assessed from the messages of real Cucumber runs of the sample features. */
class ComplianceTest {
    @TempDir
    Path dir;

    private static Map<String, RequirementStatus> statuses(Compliance compliance) {
        Map<String, RequirementStatus> statuses = new LinkedHashMap<>();
        compliance.requirements().forEach(r -> statuses.put(r.id(), r.status()));
        return statuses;
    }

    private static RequirementResult requirement(Compliance compliance, String id) {
        return compliance.requirements().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyStatusFollowsFromTheScenariosAndTheDeviations() {
        Compliance compliance = ComplianceReport.assess(SampleRun.breaking("EAR-INA-001", "EAR-CON-001").writeTo(dir));

        assertEquals(Map.of(
                "EAR-ROT-001", RequirementStatus.PASSED,             // both Examples rows passed
                "EAR-ROT-002", RequirementStatus.FLAGGED_DEVIATION,  // listed as a deviation, yet passed
                "EAR-INA-001", RequirementStatus.FAILED,
                "EAR-INA-002", RequirementStatus.PASSED,
                "EAR-AUD-001", RequirementStatus.NOT_APPLICABLE,     // the target lacks kms-audit
                "EAR-CON-001", RequirementStatus.KNOWN_DEVIATION,    // failed, and listed as a deviation
                "EAR-CON-002", RequirementStatus.FAILED,             // an undefined step is no pass
                "EAR-KEY-001", RequirementStatus.NOT_RUN), statuses(compliance));
        assertEquals(List.of("EAR-ROT-001", "EAR-ROT-002", "EAR-INA-001", "EAR-INA-002", "EAR-AUD-001", "EAR-CON-001",
                "EAR-CON-002", "EAR-KEY-001"), List.copyOf(statuses(compliance).keySet()), "catalogue order");
        assertEquals(Map.of("passed", 2, "failed", 2, "target-error", 0, "kit-error", 0, "not-reached", 0, "not-applicable", 1,
                "known-deviation", 1, "flagged-deviation", 1, "not-run", 1), compliance.counts());
    }

    @Test
    void aFailureCarriesExpectedObservedTheStepAndTheRequestHistory() {
        Compliance compliance = ComplianceReport.assess(SampleRun.breaking("EAR-INA-001", "EAR-ROT-001").writeTo(dir));

        ScenarioResult failed = requirement(compliance, "EAR-INA-001").scenarios().get(0);
        assertEquals(ScenarioOutcome.FAILED, failed.status());
        assertEquals("TableStatus INACCESSIBLE", failed.expected());
        assertEquals("TableStatus ACTIVE", failed.observed());
        assertEquals("Then the table status is \"INACCESSIBLE\"", failed.failedStep());
        assertEquals("classpath:earkit/reports/sample/inaccessible.feature:4", failed.location());
        assertEquals("Tables whose key becomes inaccessible", failed.feature());
        assertEquals(List.of("CreateKey", "CreateTable", "DisableKey", "DescribeTable"),
                failed.requestHistory().findValuesAsText("operation"));
        assertEquals(List.of("DescribeTable answered TableStatus ACTIVE"), failed.log());
        assertEquals("1 of 1 scenario failed: the table's status after its key was disabled",
                requirement(compliance, "EAR-INA-001").reason(), "the requirement ID is not repeated");

        // JUnit's "expected: <1> but was: <0>", in an Examples row of an outline.
        List<ScenarioResult> rotation = requirement(compliance, "EAR-ROT-001").scenarios();
        assertEquals(2, rotation.size());
        assertEquals("event: its creation, period: 365", rotation.get(0).example());
        assertEquals(13, rotation.get(0).line());
        assertEquals("1", rotation.get(0).expected());
        assertEquals("0", rotation.get(0).observed());
    }

    @Test
    void readsTheSuitesInlineExpectedObservedForm() {
        Compliance compliance = ComplianceReport.assess(SampleRun.breaking("EAR-CON-001").withoutDeviations().writeTo(dir));
        RequirementResult connections = requirement(compliance, "EAR-CON-001");
        assertEquals(RequirementStatus.FAILED, connections.status());
        assertEquals("1 of 1 scenario failed: KMS Decrypt calls for 20 requests on one connection: expected 1, observed 20",
                connections.reason());
        assertEquals("1", connections.scenarios().get(0).expected());
        assertEquals("20", connections.scenarios().get(0).observed());
    }

    @Test
    void notApplicableCarriesTheReasonTheSuiteGave() {
        Compliance compliance = ComplianceReport.assess(SampleRun.breaking().lacking("kms-audit", "clock-control").writeTo(dir));

        RequirementResult audit = requirement(compliance, "EAR-AUD-001");
        assertEquals(RequirementStatus.NOT_APPLICABLE, audit.status());
        assertEquals("target 'sample' lacks capability kms-audit", audit.reason());
        assertEquals("target 'sample' lacks capability kms-audit", audit.scenarios().get(0).skipReason());
        // The whole rotation feature needs the clock: every scenario skipped, so not applicable, never passed.
        assertEquals(RequirementStatus.NOT_APPLICABLE, requirement(compliance, "EAR-ROT-001").status());
        assertEquals(RequirementStatus.NOT_APPLICABLE, requirement(compliance, "EAR-INA-002").status());
    }

    @Test
    void theVerdictFailsOnlyForAFailedMust() throws Exception {
        Compliance mustFailed = ComplianceReport.assess(SampleRun.breaking("EAR-INA-001").writeTo(dir.resolve("a")));
        assertEquals("not-conformant", mustFailed.verdict().result());
        assertEquals("1 MUST requirement failed.", mustFailed.verdict().headline());
        assertEquals(1, mustFailed.verdict().reasons().size());
        assertTrue(mustFailed.verdict().reasons().get(0).startsWith("EAR-INA-001 (MUST) failed"));

        // Only the MAY requirement with the undefined step fails; a known deviation and a not-applicable MUST do not count.
        Compliance mayFailed = ComplianceReport.assess(SampleRun.breaking("EAR-CON-001").writeTo(dir.resolve("b")));
        assertEquals(RequirementStatus.FAILED, requirement(mayFailed, "EAR-CON-002").status());
        assertEquals("conformant", mayFailed.verdict().result(), mayFailed.verdict().reasons().toString());
        assertTrue(mayFailed.verdict().reasons().isEmpty());
    }

    @Test
    void strictModeFailsOnAnythingNotPassed() {
        Compliance strict = ComplianceReport.assess(SampleRun.breaking("EAR-CON-001").strict(true).writeTo(dir));
        assertTrue(strict.verdict().strict());
        assertEquals("not-conformant", strict.verdict().result());
        List<String> flagged = strict.verdict().reasons().stream().map(r -> r.substring(0, r.indexOf(' '))).toList();
        // EAR-KEY-001 is not run: filtered out or not written yet, which says nothing about the target.
        assertEquals(List.of("EAR-ROT-002", "EAR-AUD-001", "EAR-CON-001", "EAR-CON-002"), flagged);
    }

    @Test
    void warnsAboutUntracedSentencesUnknownTagsAndStrayDeviations() throws Exception {
        SampleRun.breaking().writeTo(dir);
        Files.writeString(dir.resolve(ComplianceReport.DEVIATIONS),
                "[{\"requirement\":\"EAR-XYZ-009\",\"reason\":\"gone\",\"status\":\"known-failure\"}]");
        Compliance compliance = ComplianceReport.assess(dir);
        assertTrue(compliance.warnings().contains("deviations.json lists EAR-XYZ-009, which is not in the catalogue"));
        assertTrue(compliance.warnings().stream().anyMatch(w -> w.startsWith("seed sentences S01, S02, S07, S08, S10,")
                && w.endsWith(", S50 are traced by no requirement and not listed as context")), compliance.warnings().toString());
        assertFalse(compliance.warnings().stream().anyMatch(w -> w.contains("S18")), "S18 is context");
        Compliance.SentenceTrace s18 = compliance.sentences().stream().filter(s -> s.id().equals("S18")).findFirst().orElseThrow();
        assertEquals("Describes AWS KMS in general; nothing a target can show.", s18.context());
        Compliance.SentenceTrace s04 = compliance.sentences().get(3);
        assertEquals("S04", s04.id());
        assertEquals(List.of("EAR-ROT-001"), s04.requirements());
        assertTrue(s04.text().startsWith("New AWS managed keys are automatically rotated"));
        assertEquals(50, compliance.sentences().size());
    }

    @Test
    void runMetadataComesFromRunJsonAndTheMessages() {
        Compliance compliance = ComplianceReport.assess(SampleRun.breaking().writeTo(dir));
        assertEquals("sample", compliance.run().target());
        assertEquals("0.1.0", compliance.run().kit());
        assertEquals(12.5, compliance.run().durationSeconds());
        assertEquals("http://127.0.0.1:45123/_kit", compliance.run().endpoints().get("control"));
        assertEquals(8, compliance.run().scenarios());
        assertEquals(List.of("clock-control"), compliance.run().capabilities());
        assertNull(compliance.run().tags(), "no tag filter");
        assertTrue(compliance.run().cucumber().startsWith("cucumber-jvm 7."), compliance.run().cucumber());
        assertNull(requirement(compliance, "EAR-ROT-001").reason());
        assertNotNull(requirement(compliance, "EAR-KEY-001").reason());
    }

    @Test
    void theTerminalSummaryListsEveryRequirementThatRanThenTheVerdict() {
        String text = ComplianceReport.terminalSummary(ComplianceReport.assess(SampleRun.breaking("EAR-INA-001").writeTo(dir)));
        List<String> lines = text.lines().toList();
        assertEquals(10, lines.size(), text);
        assertTrue(lines.get(2).matches("  failed +EAR-INA-001 +MUST +A disabled customer managed key.*"), lines.get(2));
        assertEquals("RESULT: NOT CONFORMANT: 1 MUST requirement failed.", lines.get(8));
    }

    @Test
    void aDirectoryWithoutMessagesIsRefusedWithAClearMessage() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ComplianceReport.assess(dir));
        assertTrue(refused.getMessage().contains("holds no cucumber-messages.ndjson"), refused.getMessage());
    }
}
