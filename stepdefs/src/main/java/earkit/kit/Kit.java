package earkit.kit;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kit} command: serve the reference, run the suite, build reports. */
@Command(name = "kit", mixinStandardHelpOptions = true, version = "earkit 0.1.0",
        description = "Conformance kit for Amazon DynamoDB encryption at rest.",
        subcommands = {ServeCommand.class, ReportCommand.class})
public final class Kit {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Kit()).execute(args));
    }
}
