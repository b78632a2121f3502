package earkit.reference.service;

import earkit.reference.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** {@code /_kit/clock}: read, advance and set the one virtual clock (never backwards). */
public final class ClockRoutes {
    private ClockRoutes() {
    }

    public static void register(ControlApi control, VirtualClock clock) {
        control.route("GET", "/_kit/clock", b -> Map.of("now", clock.now().toString()));
        control.route("POST", "/_kit/clock/advance", b -> {
            Duration by = Duration.parse(ControlApi.text(b, "by"));
            return Map.of("now", clock.advance(by).toString());
        });
        control.route("POST", "/_kit/clock/set", b -> {
            Instant to = Instant.parse(ControlApi.text(b, "to"));
            return Map.of("now", clock.set(to).toString());
        });
        control.route("GET", "/_kit/clock/deadlines", b -> Map.of("deadlines",
                clock.pending().stream().map(d -> Map.of("at", d.at().toString(), "name", d.name())).toList()));
    }
}
