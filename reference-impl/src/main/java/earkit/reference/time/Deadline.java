package earkit.reference.time;

import java.time.Instant;

/** A time-driven rule waiting for the virtual clock; ordered by time, then by scheduling order. */
public record Deadline(Instant at, long sequence, String name, Runnable action, VirtualClock clock)
        implements Comparable<Deadline> {

    public void cancel() {
        clock.cancel(this);
    }

    @Override
    public int compareTo(Deadline o) {
        int c = at.compareTo(o.at);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Deadline d && d.sequence == sequence;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return name + "@" + at;
    }
}
