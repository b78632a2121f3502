package earkit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The four files ComplianceReport.write leaves in a report directory. */
class ReportFilesTest {
    @TempDir
    static Path dir;
    static Compliance compliance;

    @BeforeAll
    static void writeReports() {
        compliance = ComplianceReport.write(SampleRun.breaking("EAR-INA-001", "EAR-CON-001").writeTo(dir));
    }

    private static Schema schema() throws Exception {
        try (InputStream in = ReportFilesTest.class.getResourceAsStream("/summary.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    void summaryJsonFollowsItsSchema() throws Exception {
        List<Error> errors = schema().validate(Files.readString(dir.resolve(ComplianceReport.SUMMARY)), InputFormat.JSON);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theSchemaRejectsWhatTheFormatDoesNotAllow() throws Exception {
        ObjectNode summary = (ObjectNode) Json.MAPPER.readTree(dir.resolve(ComplianceReport.SUMMARY).toFile());
        ((ObjectNode) summary.withArray("requirements").get(0)).put("status", "mostly-passed");
        summary.remove("verdict");
        List<Error> errors = schema().validate(summary.toString(), InputFormat.JSON);
        assertEquals(2, errors.size(), errors.toString());
    }

    @Test
    void summaryJsonReadsBackToTheSameModel() {
        assertEquals(compliance, ComplianceReport.read(dir));
    }

    @Test
    void junitXmlHasOneTestCasePerRequirement() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve(ComplianceReport.JUNIT).toFile());
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertEquals("8", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals("3", suite.getAttribute("skipped"));
        NodeList cases = xml.getElementsByTagName("testcase");
        assertEquals(8, cases.getLength());
        Element inaccessible = (Element) cases.item(2);
        assertTrue(inaccessible.getAttribute("name").startsWith("EAR-INA-001 (MUST)"));
        Element failure = (Element) inaccessible.getElementsByTagName("failure").item(0);
        assertTrue(failure.getTextContent().contains("observed: TableStatus ACTIVE"), failure.getTextContent());
        Element audit = (Element) cases.item(4);
        assertEquals("Not applicable: target 'sample' lacks capability kms-audit",
                ((Element) audit.getElementsByTagName("skipped").item(0)).getAttribute("message"));
    }

    @Test
    void markdownSummaryShowsVerdictFailuresAndEveryRequirement() throws Exception {
        String markdown = Files.readString(dir.resolve(ComplianceReport.MARKDOWN));
        assertTrue(markdown.startsWith("# earkit compliance: sample — NOT CONFORMANT\n"), markdown);
        assertTrue(markdown.contains("### EAR-INA-001 (MUST, Failed) — A disabled customer managed key makes its table Inaccessible."));
        assertTrue(markdown.contains("  - Expected: TableStatus INACCESSIBLE\n  - Observed: TableStatus ACTIVE\n"), markdown);
        assertTrue(markdown.contains("| EAR-AUD-001 | MUST | Not applicable | target 'sample' lacks capability kms-audit |"));
        for (Compliance.RequirementResult r : compliance.requirements()) {
            assertTrue(markdown.contains("| " + r.id() + " | " + r.level() + " | "), r.id());
        }
    }

    @Test
    void htmlIsOneFileThatNeedsNothingFromOutside() throws Exception {
        String html = Files.readString(dir.resolve(ComplianceReport.HTML));
        assertFalse(html.matches("(?s).*<(script|link|img)[^>]+(src|href)=.*"), "no external script, style or image");
        assertTrue(html.contains("Chart.js v4"), "the chart library is inlined");
        assertTrue(html.contains("The MIT License"), "with its licence");
        assertTrue(html.contains("EAR-INA-001: the table&#39;s status after its key was disabled"), "text is escaped");
    }
}
