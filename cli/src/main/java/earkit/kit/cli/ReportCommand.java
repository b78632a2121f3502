package earkit.kit.cli;

import earkit.reports.Compliance;
import earkit.reports.ComplianceReport;
import earkit.reports.Manifest;
import earkit.reports.RunComparison;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kit report}: rebuild the compliance reports of a run, or compare two runs requirement by requirement. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Build the compliance reports of a run, show which requirements changed status between two runs, or verify a run's files.",
                "--run exits as kit run did (0 conformant, 1 not conformant, 3 inconclusive); --compare exits 1 if any "
                        + "requirement got worse; --verify exits 1 if any file of the run was changed."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--run", paramLabel = "DIR",
                description = "Report directory of ./kit run: writes compliance.html, summary.json, compliance-junit.xml and summary.md there")
        Path run;

        @Option(names = "--compare", arity = "2", paramLabel = "DIR",
                description = "Two report directories, before and after: lists the requirements whose status changed")
        List<Path> compare;

        @Option(names = "--verify", paramLabel = "DIR",
                description = "Recomputes the SHA-256 of every file of a report directory against its manifest.json: "
                        + "exit 0 if nothing changed since the run, 1 with one line per changed, missing or added file")
        Path verify;
    }

    @Override
    public Integer call() {
        try {
            return report();
        } catch (IllegalArgumentException e) {
            // A directory that is not a run's (no message stream, no manifest): said as the usage error it is.
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int report() {
        if (mode.run != null) {
            requireDirectory(mode.run);
            Compliance compliance = ComplianceReport.write(mode.run);
            PrintWriter out = spec.commandLine().getOut();
            out.print(ComplianceReport.terminalSummary(compliance));
            out.println("reports written to " + mode.run.toAbsolutePath().normalize() + ": "
                    + String.join(", ", ComplianceReport.HTML, ComplianceReport.SUMMARY, ComplianceReport.JUNIT,
                    ComplianceReport.MARKDOWN));
            return compliance.verdict().exitCode();
        }
        if (mode.verify != null) {
            return verify(mode.verify);
        }
        if (mode.compare.size() != 2) {
            throw new ParameterException(spec.commandLine(), "--compare takes exactly two report directories");
        }
        mode.compare.forEach(this::requireDirectory);
        RunComparison comparison = RunComparison.of(mode.compare.get(0), mode.compare.get(1));
        spec.commandLine().getOut().print(comparison.describe());
        return comparison.anyWorse() ? 1 : 0;
    }

    private int verify(Path dir) {
        requireDirectory(dir);
        List<String> differences = Manifest.verify(dir);
        PrintWriter out = spec.commandLine().getOut();
        if (differences.isEmpty()) {
            out.println("unchanged: every file of " + dir + " matches its manifest.json");
            return 0;
        }
        differences.forEach(out::println);
        out.println(differences.size() + (differences.size() == 1 ? " file differs" : " files differ")
                + " from manifest.json: the report directory was changed after the run");
        return 1;
    }

    private void requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "not a directory: " + dir);
        }
    }
}
