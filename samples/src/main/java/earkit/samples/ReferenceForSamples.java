package earkit.samples;

import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.net.URI;
import java.time.Instant;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the reference once for the samples' test run, as {@code ./kit serve} would, and hands its endpoint to
 * the samples in the system property {@code dynamodb.endpoint}, the one thing they read from outside. The
 * samples themselves hold no reference-specific code, so they show an application's suite running unchanged.
 * Time passes for the reference as for DynamoDB ({@link ClockFollower}), also for a {@code ./kit serve} the
 * property points at.
 */
public final class ReferenceForSamples implements LauncherSessionListener {
    public static final String ENDPOINT_PROPERTY = "dynamodb.endpoint";
    private ReferenceServer server;
    private ClockFollower clock;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(ENDPOINT_PROPERTY) == null) {
            server = ReferenceServer.start(ServerOptions.defaults().withClockStart(Instant.now()));
            System.setProperty(ENDPOINT_PROPERTY, server.endpoint().toString());
        }
        clock = ClockFollower.start(URI.create(System.getProperty(ENDPOINT_PROPERTY)));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (clock != null) {
            clock.close();
        }
        if (server != null) {
            server.close();
            System.clearProperty(ENDPOINT_PROPERTY);
        }
    }
}
