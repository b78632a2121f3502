package earkit.reference;

import java.util.EnumSet;
import java.util.Set;

/**
 * The deliberate faults one server runs with, handed to the parts where each fault lives. Every use is a
 * guarded branch ({@code if (faults.has(...))}) beside the documented behaviour, so the faultless path reads
 * as it would without them.
 */
public final class Faults {
    public static final Faults NONE = new Faults(Set.of());

    private final Set<Fault> on;

    private Faults(Set<Fault> on) {
        this.on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
    }

    public static Faults of(Set<Fault> on) {
        return on.isEmpty() ? NONE : new Faults(on);
    }

    public boolean has(Fault f) {
        return on.contains(f);
    }

    @Override
    public String toString() {
        return on.toString();
    }
}
