package earkit.reference.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one clock of the reference. Only the control API moves it; every time-driven rule is a
 * {@link Deadline} that fires, in deadline order, when the clock passes it. Reading the time never
 * blocks, so a deadline action may call back into the server (over HTTP) without deadlocking.
 */
public final class VirtualClock {
    private volatile Instant now;
    private final ConcurrentSkipListSet<Deadline> deadlines = new ConcurrentSkipListSet<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Object advancing = new Object();
    private final List<Consumer<Instant>> listeners = new ArrayList<>();

    public VirtualClock(Instant start) {
        this.now = start;
    }

    public Instant now() {
        return now;
    }

    /** Called after every move of the clock, e.g. to persist the time in file-backed mode. */
    public synchronized void onMove(Consumer<Instant> listener) {
        listeners.add(listener);
    }

    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock never moves backwards: " + by);
        }
        synchronized (advancing) {
            return moveTo(now.plus(by));
        }
    }

    public Instant set(Instant to) {
        synchronized (advancing) {
            if (to.isBefore(now)) {
                throw new IllegalArgumentException("the clock never moves backwards: it is " + now + ", asked for " + to);
            }
            return moveTo(to);
        }
    }

    /** Schedules {@code action} to run when the clock reaches {@code at} (at once if it is already past). */
    public Deadline schedule(Instant at, String name, Runnable action) {
        Deadline d = new Deadline(at, sequence.incrementAndGet(), name, action, this);
        deadlines.add(d);
        if (!at.isAfter(now)) {
            synchronized (advancing) {
                moveTo(now);
            }
        }
        return d;
    }

    public List<Deadline> pending() {
        return List.copyOf(deadlines);
    }

    void cancel(Deadline d) {
        deadlines.remove(d);
    }

    private Instant moveTo(Instant target) {
        while (true) {
            Deadline next = deadlines.isEmpty() ? null : deadlines.first();
            if (next == null || next.at().isAfter(target)) {
                break;
            }
            deadlines.remove(next);
            if (next.at().isAfter(now)) {
                now = next.at();
            }
            next.action().run();
        }
        now = target;
        List<Consumer<Instant>> copy;
        synchronized (this) {
            copy = List.copyOf(listeners);
        }
        copy.forEach(l -> l.accept(target));
        return target;
    }
}
