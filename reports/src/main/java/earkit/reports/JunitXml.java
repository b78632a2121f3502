package earkit.reports;

import earkit.reports.Compliance.RequirementResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * compliance-junit.xml: one test case per requirement, for CI systems. A failed requirement is a failure; one
 * that cannot count as passed (not applicable, known deviation, not run) is skipped, except in strict mode where
 * everything not passed is a failure, as in the verdict.
 */
final class JunitXml {
    private JunitXml() {
    }

    static void write(Compliance compliance, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(compliance, xml);
            xml.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    private static void write(Compliance compliance, XMLStreamWriter xml) throws XMLStreamException {
        boolean strict = compliance.verdict().strict();
        int failures = 0;
        int skipped = 0;
        int errors = 0;
        for (RequirementResult r : compliance.requirements()) {
            switch (outcome(r, strict)) {
                case "failure" -> failures++;
                case "error" -> errors++;
                case "skipped" -> skipped++;
                default -> { }
            }
        }
        String name = "earkit compliance of " + compliance.run().target();
        String time = String.format(Locale.ROOT, "%.3f",
                compliance.run().durationSeconds() == null ? 0.0 : compliance.run().durationSeconds());
        String tests = Integer.toString(compliance.requirements().size());

        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", tests);
        xml.writeAttribute("failures", Integer.toString(failures));
        xml.writeAttribute("skipped", Integer.toString(skipped));
        xml.writeAttribute("errors", Integer.toString(errors));
        xml.writeAttribute("time", time);
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", tests);
        xml.writeAttribute("failures", Integer.toString(failures));
        xml.writeAttribute("skipped", Integer.toString(skipped));
        xml.writeAttribute("errors", Integer.toString(errors));
        xml.writeAttribute("time", time);
        if (compliance.run().startedAt() != null) {
            xml.writeAttribute("timestamp", compliance.run().startedAt());
        }
        xml.writeStartElement("properties");
        property(xml, "kit", compliance.run().kit());
        property(xml, "target", compliance.run().target());
        property(xml, "strict", Boolean.toString(strict));
        property(xml, "verdict", compliance.verdict().result());
        compliance.run().endpoints().forEach((key, value) -> property(xml, "endpoint." + key, value));
        xml.writeEndElement();
        for (RequirementResult r : compliance.requirements()) {
            testCase(xml, r, outcome(r, strict));
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndDocument();
    }

    private static String outcome(RequirementResult r, boolean strict) {
        return switch (r.status()) {
            case PASSED -> "passed";
            case FLAGGED_DEVIATION -> strict ? "failure" : "passed";
            case FAILED -> "failure";
            // A crash of the target is JUnit's "error" (the test could not judge), not an assertion failure.
            case TARGET_ERROR, KIT_ERROR -> "error";
            default -> strict ? "failure" : "skipped";
        };
    }

    private static void testCase(XMLStreamWriter xml, RequirementResult r, String outcome) throws XMLStreamException {
        long millis = r.scenarios().stream().mapToLong(ScenarioResult::durationMillis).sum();
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "earkit." + r.area());
        xml.writeAttribute("name", r.id() + " (" + r.level() + ") " + r.statement());
        xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", millis / 1000.0));
        String message = r.status().label() + (r.reason() == null ? "" : ": " + r.reason());
        switch (outcome) {
            case "failure", "error" -> {
                xml.writeStartElement(outcome);
                xml.writeAttribute("type", r.status().code());
                xml.writeAttribute("message", message);
                xml.writeCharacters(r.failingScenarios().stream()
                        .map(s -> s.name() + (s.example() == null ? "" : " (" + s.example() + ")") + " at "
                                + s.location() + "\n" + s.message())
                        .collect(Collectors.joining("\n\n")));
                xml.writeEndElement();
            }
            case "skipped" -> {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", message);
            }
            default -> {
                if (r.reason() != null) {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(message);
                    xml.writeEndElement();
                }
            }
        }
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) {
        try {
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", name);
            xml.writeAttribute("value", value == null ? "" : value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
