package earkit.reference.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import earkit.reference.domain.notify.Notification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Posts each notification as JSON to the {@code --notify-url}. Asynchronous, so that a slow or absent
 * receiver never holds up the request that detected the problem; a failed delivery is logged, and the
 * notification stays readable at {@code GET /_kit/notifications}.
 */
public final class NotificationWebhook {
    private static final Logger LOG = Logger.getLogger(NotificationWebhook.class.getName());
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public NotificationWebhook(URI url) {
        this.url = url;
    }

    public void post(Notification n) {
        byte[] body;
        try {
            body = ControlApi.JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null || r.statusCode() >= 300) {
                LOG.log(Level.WARNING, "Notification " + n.id() + " not delivered to " + url + ": "
                        + (e != null ? e.getMessage() : "HTTP " + r.statusCode()));
            }
        });
    }
}
