package earkit.kit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kit} command: serve the reference, run the suite, build reports. */
@Command(name = "kit", mixinStandardHelpOptions = true, version = "earkit 0.1.0",
        description = "Conformance kit for Amazon DynamoDB encryption at rest.",
        subcommands = {ServeCommand.class, RunCommand.class, ReportCommand.class})
public final class Kit {
    public static void main(String[] args) {
        CommandLine kit = new CommandLine(new Kit());
        int status = kit.execute(args);
        // picocli's writers flush only on println; what a command print()ed must not be lost at exit.
        kit.getOut().flush();
        kit.getErr().flush();
        System.exit(status);
    }
}
