package earkit.kit.run;

import earkit.kit.spi.ClientSettings;
import earkit.kit.spi.Deviation;
import earkit.kit.spi.Target;
import earkit.kit.steps.Hooks;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Which scenarios of a plan will run against a target rather than be skipped, by the rule the suite's hooks apply:
 * every {@code @needs-X} capability declared, the kit's HTTP client able to give distinct connections where the
 * scenario needs them, and no not-applicable deviation of the target on its requirements. Decides whether the run
 * needs a pre-flight at all (a run whose scenarios all skip makes no request) and which scenarios take locks.
 */
record Applicability(Target target, Map<String, Deviation> deviations) {
    private static final String NEEDS = "needs-";
    private static final String DISTINCT_CONNECTIONS = Hooks.DISTINCT_CONNECTIONS.substring(1);

    boolean applies(Set<String> tags) {
        for (String tag : tags) {
            if (tag.equals(DISTINCT_CONNECTIONS)) {
                if (target.clientSettings().httpClient() == ClientSettings.HttpClient.URL_CONNECTION) {
                    return false;
                }
            } else if (tag.startsWith(NEEDS) && !target.capabilities().contains(tag.substring(NEEDS.length()))) {
                return false;
            }
            Deviation d = deviations.get(tag);
            if (d != null && d.notApplicable()) {
                return false;
            }
        }
        return true;
    }

    boolean anyApplies(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                if (id.isTest() && applies(tags(id))) {
                    return true;
                }
            }
        }
        return false;
    }

    static Set<String> tags(TestIdentifier id) {
        return id.getTags().stream().map(TestTag::getName).collect(Collectors.toSet());
    }
}
