package earkit.kit.cli;

import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import earkit.reference.clients.ClientReport;
import earkit.reference.service.ControlApi;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kit serve}: the reference on 127.0.0.1 until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the reference implementation (DynamoDB, Streams, KMS, CloudTrail, control API) on one port.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", description = "TCP port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one)", defaultValue = "4566")
    int port;

    @Option(names = "--data-dir", description = "Keep data on disk here (H2 MVStore); default: in memory")
    Path dataDir;

    /**
     * A server started by hand shows today's date in every timestamp, as DynamoDB would; the suite never depends
     * on it, since its scenarios set or move the clock through the control API.
     */
    @Option(names = "--clock-start", description = "Start of the virtual clock: ISO-8601, or now (default: ${DEFAULT-VALUE}, "
            + "the real time at start, whole seconds). The clock moves only through the control API.",
            defaultValue = "now", converter = ClockStart.class)
    Instant clockStart;

    @Option(names = "--notify-url", description = "POST key-loss notifications as JSON to this URL")
    URI notifyUrl;

    @Option(names = "--kms-endpoint", description = "Send the store's KMS calls here instead of the built-in mock KMS")
    URI kmsEndpoint;

    @Option(names = "--control", description = "Control API: open, off or token:SECRET (default: ${DEFAULT-VALUE})", defaultValue = "open")
    String control;

    @Option(names = "--client-report", paramLabel = "FILE", description = "On exit, write the connection-reuse report "
            + "(per access key and SDK: connections, requests, table-key refreshes, KMS calls, projected cost) here: "
            + "JSON if FILE ends in .json, else the table printed on exit")
    Path clientReport;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        if (clientReport != null) {
            Path dir = clientReport.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new ParameterException(spec.commandLine(), "--client-report: no writable directory " + dir
                        + " for " + clientReport);
            }
        }
        ServerOptions options = ServerOptions.defaults().withPort(port).withDataDir(dataDir).withClockStart(clockStart)
                .withNotifyUrl(notifyUrl).withKmsEndpoint(kmsEndpoint).withControl(control);
        ReferenceServer server;
        try {
            server = ReferenceServer.start(options);
        } catch (IllegalArgumentException e) {
            // The server's own refusal of an option value (--control, say), already worded for the user.
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (Exception e) {
            if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
                throw new ParameterException(spec.commandLine(), "--port " + port + ": in use on 127.0.0.1 (stop what "
                        + "listens there, or pass another port; 0 picks a free one)");
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ClientReport report = server.clientReport();
            System.out.print("Connection reuse by client (GET /_kit/clients):\n" + report.table());
            writeClientReport(report);
            server.close();
            System.out.println("stopped");
            System.out.flush();
            stopped.countDown();
        }, "kit-serve-stop"));
        System.out.println("earkit reference listening on " + server.endpoint());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Mistakes the server would otherwise meet later, or report as an exception's class name. */
    private void checkOptions() {
        String problem = port < 0 || port > 65535 ? "--port must be 0 to 65535, not " + port : null;
        if (problem == null && dataDir != null) {
            problem = OptionChecks.directoryProblem("--data-dir", dataDir);
        }
        if (problem == null && notifyUrl != null) {
            problem = OptionChecks.httpUrlProblem("--notify-url " + notifyUrl, notifyUrl.toString());
        }
        if (problem == null && kmsEndpoint != null) {
            problem = OptionChecks.httpUrlProblem("--kms-endpoint " + kmsEndpoint, kmsEndpoint.toString());
        }
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }

    private void writeClientReport(ClientReport report) {
        if (clientReport == null) {
            return;
        }
        try {
            if (clientReport.getFileName().toString().endsWith(".json")) {
                Files.write(clientReport, ControlApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
            } else {
                Files.writeString(clientReport, report.table());
            }
            System.out.println("client report written to " + clientReport);
        } catch (IOException e) {
            System.err.println("could not write the client report to " + clientReport + ": " + e.getMessage());
        }
    }

    /** {@code now} or an ISO-8601 instant; anything else is a usage error with one line. */
    static final class ClockStart implements picocli.CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            if ("now".equals(value)) {
                return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            }
            try {
                return Instant.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is neither 'now' nor an ISO-8601 instant such as 2022-05-01T00:00:00Z");
            }
        }
    }
}
