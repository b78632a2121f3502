package earkit.kit.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A dry run of every feature: each step must match exactly one step definition. Without it an
 * undefined step hides behind an earlier failure for as long as the target is incomplete.
 */
class StepDefinitionsTest {
    @Test
    void everyStepHasExactlyOneDefinition() {
        List<String> problems = new ArrayList<>();
        var request = LauncherDiscoveryRequestBuilder.request().selectors(selectPackage("features"))
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", "earkit.kit.steps")
                .configurationParameter("cucumber.execution.dry-run", "true")
                .configurationParameter("cucumber.publish.quiet", "true").build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    problems.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse("?"));
                }
            }
        });
        assertEquals(List.of(), problems);
    }
}
