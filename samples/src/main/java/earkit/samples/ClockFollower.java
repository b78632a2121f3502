package earkit.samples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lets time pass for the reference as it passes for DynamoDB. The reference's clock is virtual and moves only
 * through its control API, while an application expects time to pass by itself (an item whose Time to Live
 * attribute lies in the past is deleted by the service, without anyone asking). The samples' harness therefore
 * sets the reference's clock to the wall clock a few times a second ({@code POST /_kit/clock/set}); the samples
 * themselves never touch the control API.
 */
final class ClockFollower implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(200);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI set;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "samples-clock-follower");
        t.setDaemon(true);
        return t;
    });

    private ClockFollower(URI endpoint) {
        this.set = endpoint.resolve("/_kit/clock/set");
    }

    /**
     * Starts following once the first move succeeded, so an endpoint without the control API (or with it switched
     * off) is a set-up problem reported at once, not a Time to Live test that waits in vain.
     */
    static ClockFollower start(URI endpoint) {
        ClockFollower f = new ClockFollower(endpoint);
        String refused = f.tick();
        if (refused != null) {
            f.close();
            throw new IllegalStateException("cannot move the clock of " + endpoint + " through its control API ("
                    + refused + "); the samples' Time to Live tests need a reference whose control API is open");
        }
        f.ticks.scheduleWithFixedDelay(f::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        return f;
    }

    /** One move to the wall clock's time; the reason it failed, or null. */
    private String tick() {
        HttpRequest r = HttpRequest.newBuilder(set).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"" + Instant.now() + "\"}")).build();
        try {
            HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
            // A clock already ahead of the wall clock (a data directory saved later) refuses to go back: it stays.
            return a.statusCode() == 200 || a.statusCode() == 400 && a.body().contains("never moves backwards") ? null
                    : "HTTP " + a.statusCode() + ": " + a.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
