package earkit.kit.spi;

import java.util.Map;
import java.util.Set;

/**
 * An implementation under test, as the kit sees it: a name, the capabilities it declares, and a way to
 * open one {@link TargetSession} per scenario. Capabilities are declared, never guessed: a scenario
 * tagged {@code @needs-X} runs only on a target whose {@link #capabilities()} contain {@code X}.
 */
public interface Target extends AutoCloseable {
    String name();

    Set<String> capabilities();

    /** Opens the environment of one scenario; the reference starts a fresh server, a remote target reuses its endpoints. */
    TargetSession open(SessionRequest request);

    /** How the kit's SDK clients reach this target (HTTP client, call timeouts). */
    default ClientSettings clientSettings() {
        return ClientSettings.defaults();
    }

    /**
     * Whether every session is an environment of its own (clock, account, KMS) that no other scenario sees, as the
     * bundled reference's server per scenario is. Then scenarios run in parallel without any lock; a target shared by
     * the whole run (the default) makes scenarios that move its clock or read its meter run alone.
     */
    default boolean isolatesScenarios() {
        return false;
    }

    /** What the run report records about this target (endpoints, regions), never credentials. */
    default Map<String, String> describe() {
        return Map.of();
    }

    @Override
    default void close() {
    }
}
