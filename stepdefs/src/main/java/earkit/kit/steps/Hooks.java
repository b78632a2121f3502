package earkit.kit.steps;

import earkit.kit.spi.Capability;
import earkit.kit.spi.ClientSettings;
import earkit.kit.spi.Deviation;
import earkit.kit.spi.Target;
import earkit.sdkcompat.SdkConfiguration;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides before a scenario whether it applies to the target, and cleans up after it. A scenario
 * that needs a capability the target does not declare, or that the target's deviation file marks
 * not applicable, is aborted with the reason: reported as skipped, never as passed.
 */
public class Hooks {
    /** The one {@code @needs-} tag that names a property of the kit's HTTP client, not a capability of the target. */
    public static final String DISTINCT_CONNECTIONS = "@needs-distinct-connections";
    private final World world;
    private SharedState.Held held;

    public Hooks(World world) {
        this.world = world;
    }

    @Before(order = 0)
    public void applicability(Scenario scenario) {
        world.begin(scenario);
        Target target = world.target();
        for (String tag : scenario.getSourceTagNames()) {
            if (tag.equals(DISTINCT_CONNECTIONS)) {
                // A property of the kit's HTTP client, not of the target: the JDK's URL-connection client keeps one
                // connection cache for the whole JVM and drops "Connection: close", so it cannot open a new connection
                // per request, and requests of different clients may share a connection.
                Assumptions.assumeFalse(DriverDynamoDb.selected().filter(s -> s == SdkConfiguration.JAVA_V2_URL_CONNECTION).isPresent(),
                        () -> "not applicable: java-v2-url-connection cannot give each client, or each request, a connection "
                                + "of its own [" + world.requirements() + "]");
                Assumptions.assumeFalse(target.clientSettings().httpClient() == ClientSettings.HttpClient.URL_CONNECTION,
                        () -> "not applicable: the " + target.clientSettings().httpClient().label() + " HTTP client cannot "
                                + "give each client, or each request, a connection of its own [" + world.requirements() + "]");
            } else if (tag.startsWith("@needs-")) {
                String capability = tag.substring("@needs-".length());
                if (Capability.byWireName(capability).isEmpty()) {
                    // a misspelt tag would make the scenario "not applicable" on every target, silently
                    throw new IllegalStateException("The scenario needs '" + capability + "', which is no capability the kit knows ("
                            + Capability.known() + ")");
                }
                Assumptions.assumeTrue(target.capabilities().contains(capability), () -> "not applicable: target '"
                        + target.name() + "' does not declare the capability '" + capability + "' [" + world.requirements() + "]");
            }
        }
        Map<String, Deviation> deviations = KitRun.deviations();
        for (String tag : scenario.getSourceTagNames()) {
            Deviation d = deviations.get(tag.replaceFirst("^@", ""));
            if (d != null && d.notApplicable()) {
                Assumptions.abort("not applicable on '" + target.name() + "' (" + d.requirement() + "): " + d.reason());
            }
        }
    }

    /** Runs only for a scenario that applies: one that is skipped holds nothing while it skips. */
    @Before(order = 1)
    public void takeSharedState(Scenario scenario) {
        held = SharedState.take(world.target(), Set.copyOf(scenario.getSourceTagNames()));
    }

    @After
    public void cleanUp(Scenario scenario) {
        // before the clean-up, whose calls are not the scenario's evidence
        scenario.attach(world.history().toJson(), "application/json", RequestHistory.FILE_NAME);
        try {
            if (!scenario.isFailed()) {
                for (String tag : scenario.getSourceTagNames()) {
                    Deviation d = KitRun.deviations().get(tag.replaceFirst("^@", ""));
                    if (d != null && !d.notApplicable()) {
                        scenario.log("Known deviation " + d.requirement() + " passed: remove it from the deviation file ("
                                + d.reason() + ")");
                    }
                }
            }
            if (world.sessionOpen() && world.session().persistent()) {
                new SharedTargetCleanup(world).run();
            }
        } finally {
            try {
                world.close();
            } finally {
                if (held != null) {
                    held.release();
                }
            }
        }
    }
}
