package earkit.kit.suite;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/**
 * The whole conformance suite as one JUnit Platform suite: every feature under {@code features/} on
 * the classpath, glued by {@code earkit.kit.steps}. Surefire runs it in {@code mvn verify}; another
 * project can run it against its own target by depending on this jar (README). The target comes from
 * {@code -Dkit.target} (see {@link earkit.kit.spi.Targets}).
 */
@Suite
@IncludeEngines("cucumber")
@SelectClasspathResource("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "earkit.kit.steps")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
public class ConformanceSuite {
}
