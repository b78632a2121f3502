package earkit.reference.service;

import earkit.reference.domain.notify.Notifications;

/** {@code GET /_kit/notifications}: the notifications sent so far, oldest first, as a JSON list. */
public final class NotificationRoutes {
    private NotificationRoutes() {
    }

    public static void register(ControlApi control, Notifications notifications) {
        control.route("GET", "/_kit/notifications", body -> notifications.all());
    }
}
