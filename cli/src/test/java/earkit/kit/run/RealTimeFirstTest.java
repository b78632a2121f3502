package earkit.kit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The plan of a parallel run puts the features with {@code @real-time} scenarios first (idle threads steal features
 * from the front) and, inside each container, those scenarios last (the thread running it takes them from the back);
 * the same scenarios, none dropped or added.
 */
class RealTimeFirstTest {
    private static TestPlan plan(boolean ordered) {
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request().selectors(selectPackage("features"))
                .filters(EngineFilter.includeEngines("cucumber")).configurationParameters(Map.of("cucumber.glue", "earkit.kit.steps"));
        if (ordered) {
            b.filters(new RealTimeFirst());
        }
        return LauncherFactory.create().discover(b.build());
    }

    private static boolean realTime(TestIdentifier id) {
        return id.getTags().contains(TestTag.create(RealTimeFirst.TAG));
    }

    private static List<TestIdentifier> scenarios(TestPlan plan, TestIdentifier under) {
        List<TestIdentifier> out = new ArrayList<>();
        for (TestIdentifier child : plan.getChildren(under)) {
            if (child.isTest()) {
                out.add(child);
            } else {
                out.addAll(scenarios(plan, child));
            }
        }
        return out;
    }

    @Test
    void realTimeFeaturesComeFirstAndTheirRealTimeScenariosLast() {
        TestPlan written = plan(false);
        TestPlan ordered = plan(true);
        TestIdentifier engine = ordered.getRoots().iterator().next();
        List<TestIdentifier> features = List.copyOf(ordered.getChildren(engine));
        List<Long> perFeature = features.stream().map(f -> scenarios(ordered, f).stream().filter(RealTimeFirstTest::realTime).count()).toList();
        assertTrue(perFeature.get(0) > 0 && perFeature.get(1) > 0, "the two features with real-time scenarios first: " + perFeature);
        for (int i = 1; i < perFeature.size(); i++) {
            assertTrue(perFeature.get(i - 1) >= perFeature.get(i), "heaviest feature first: " + perFeature);
        }
        for (TestIdentifier feature : features.subList(0, 2)) {
            List<TestIdentifier> s = scenarios(ordered, feature);
            int firstRealTime = s.indexOf(s.stream().filter(RealTimeFirstTest::realTime).findFirst().orElseThrow());
            assertTrue(s.subList(firstRealTime, s.size()).stream().allMatch(RealTimeFirstTest::realTime),
                    feature.getDisplayName() + ": the real-time scenarios come last, the thread running the feature starts them first");
        }
        List<String> keyRefresh = scenarios(ordered, features.get(0)).stream().map(TestIdentifier::getDisplayName).toList();
        assertTrue(keyRefresh.get(keyRefresh.size() - 1).contains("no answer for"),
                "the longest example, written last, stays last: " + keyRefresh);

        TestIdentifier writtenEngine = written.getRoots().iterator().next();
        assertEquals(new HashSet<>(scenarios(written, writtenEngine).stream().map(TestIdentifier::getUniqueId).toList()),
                new HashSet<>(scenarios(ordered, engine).stream().map(TestIdentifier::getUniqueId).toList()));
        assertEquals(written.countTestIdentifiers(TestIdentifier::isTest), ordered.countTestIdentifiers(TestIdentifier::isTest));
    }
}
