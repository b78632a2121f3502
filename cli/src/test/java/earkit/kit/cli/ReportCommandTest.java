package earkit.kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kit report} on two recorded runs (report directories that the reports module's sample runs made with
 * cucumber-jvm): "faulty" breaks EAR-ROT-001 and EAR-INA-001, which "healthy" passes.
 */
class ReportCommandTest {
    private static final List<String> RUN_FILES =
            List.of("catalogue.json", "cucumber-messages.ndjson", "deviations.json", "run.json");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kit(String... args) {
        return Kit.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private Path recorded(String name) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        for (String file : RUN_FILES) {
            try (InputStream in = getClass().getResourceAsStream("report-runs/" + name + "/" + file)) {
                Files.copy(in, run.resolve(file));
            }
        }
        return run;
    }

    @Test
    void runRebuildsTheFourReportsAndExitsOnTheVerdict() throws IOException {
        Path healthy = recorded("healthy");
        assertEquals(0, kit("report", "--run", healthy.toString()), err.toString());
        for (String report : List.of("compliance.html", "summary.json", "compliance-junit.xml", "summary.md")) {
            assertTrue(Files.size(healthy.resolve(report)) > 0, report);
        }
        assertTrue(out.toString().contains("RESULT: CONFORMANT: Every applicable MUST requirement passed"), out.toString());

        assertEquals(1, kit("report", "--run", recorded("faulty").toString()));
        assertTrue(out.toString().contains("RESULT: NOT CONFORMANT: 2 MUST requirements failed."), out.toString());
    }

    @Test
    void compareListsExactlyTheChangedRequirementsAndFailsWhenAnyGotWorse() throws IOException {
        Path healthy = recorded("healthy");
        Path faulty = recorded("faulty");
        assertEquals(1, kit("report", "--compare", healthy.toString(), faulty.toString()));
        List<String> changed = out.toString().lines().filter(line -> line.startsWith("  ")).toList();
        assertEquals(2, changed.size(), out.toString());
        assertTrue(changed.get(0).matches("  WORSE +EAR-ROT-001 +MUST +passed +-> failed .*"), changed.get(0));
        assertTrue(changed.get(1).matches("  WORSE +EAR-INA-001 +MUST +passed +-> failed .*"), changed.get(1));

        assertEquals(0, kit("report", "--compare", faulty.toString(), healthy.toString()), out.toString());
    }

    @Test
    void verifySaysWhichFilesChangedAfterTheRun() throws IOException {
        Path run = recorded("healthy");
        assertEquals(0, kit("report", "--run", run.toString()), err.toString());
        assertTrue(Files.isRegularFile(run.resolve("manifest.json")), "the reports are followed by the manifest");
        out.getBuffer().setLength(0);
        assertEquals(0, kit("report", "--verify", run.toString()), out.toString());
        assertTrue(out.toString().startsWith("unchanged: every file of"), out.toString());

        // A verdict edited by hand, a message file removed, a file slipped in.
        Files.writeString(run.resolve("summary.json"), Files.readString(run.resolve("summary.json"))
                .replace("\"conformant\"", "\"not-conformant\""));
        Files.delete(run.resolve("cucumber-messages.ndjson"));
        Files.writeString(run.resolve("extra.txt"), "x");
        out.getBuffer().setLength(0);
        assertEquals(1, kit("report", "--verify", run.toString()));
        assertEquals(List.of("missing: cucumber-messages.ndjson", "changed: summary.json", "added:   extra.txt",
                "3 files differ from manifest.json: the report directory was changed after the run"),
                out.toString().lines().toList());
    }

    @Test
    void verifyWithoutAManifestIsAUsageError() throws IOException {
        assertEquals(2, kit("report", "--verify", recorded("faulty").toString()));
        assertTrue(err.toString().contains("holds no manifest.json"), err.toString());
    }

    @Test
    void aDirectoryThatIsNotARunsIsOneUsageLine() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(2, kit("report", "--run", empty.toString()));
        String text = err.toString();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("kit: error: " + empty + " holds no cucumber-messages.ndjson"), text);
        assertFalse(text.contains("Exception"), text);
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        assertEquals(2, kit("report", "--run", dir.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("not a directory"), err.toString());
    }
}
