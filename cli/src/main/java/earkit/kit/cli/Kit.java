package earkit.kit.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kit} command: serve the reference, run the suite, build reports. A mistake of the user or a problem of
 * the kit ends in one line on stderr ({@code kit: error: ...}) and exit status 2, never a stack trace; {@code --debug}
 * (anywhere on the line) or {@code KIT_DEBUG=1} prints the trace as well.
 */
@Command(name = "kit", mixinStandardHelpOptions = true, version = "earkit 0.1.0",
        description = "Conformance kit for Amazon DynamoDB encryption at rest.",
        subcommands = {ServeCommand.class, RunCommand.class, ReportCommand.class})
public final class Kit {
    /** Exit status of a kit error, the same as picocli's for a usage error. */
    public static final int KIT_ERROR = 2;
    private static volatile boolean debug = "1".equals(System.getenv("KIT_DEBUG"));

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--debug")) {
            debug = true;
            args = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        }
        CommandLine kit = commandLine();
        int status = kit.execute(args);
        // picocli's writers flush only on println; what a command print()ed must not be lost at exit.
        kit.getOut().flush();
        kit.getErr().flush();
        System.exit(status);
    }

    /** The command line with the one-line error handlers; what {@link #main} runs. */
    public static CommandLine commandLine() {
        CommandLine kit = new CommandLine(new Kit());
        kit.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            error(failed.getErr(), e.getMessage() + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')", e);
            return KIT_ERROR;
        });
        kit.setExecutionExceptionHandler((e, failed, parsed) -> {
            error(failed.getErr(), e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            return KIT_ERROR;
        });
        return kit;
    }

    /** One line on stderr; the stack trace only when debugging. */
    static void error(PrintWriter err, String message, Throwable cause) {
        err.println("kit: error: " + (message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ")));
        if (debug && cause != null) {
            cause.printStackTrace(err);
        }
        err.flush();
    }
}
