package earkit.kit.cli;

import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options = ServerOptions.defaults().withPort(port).withDataDir(dataDir).withClockStart(clockStart)
                .withNotifyUrl(notifyUrl).withKmsEndpoint(kmsEndpoint).withControl(control);
        ReferenceServer server = ReferenceServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
