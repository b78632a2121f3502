package earkit.kit.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.kit.run.SuiteRunner;
import earkit.kit.run.Verdicts;
import earkit.reports.Compliance;
import earkit.reports.RequirementStatus;
import earkit.reports.ScenarioOutcome;
import earkit.reports.ScenarioResult;
import earkit.kit.spi.ClientSettings;
import earkit.kit.spi.Target;
import earkit.kit.spi.TargetSession;
import earkit.kit.spi.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The profile for Amazon DynamoDB itself ({@code fixtures/targets/aws/}), checked without a single network
 * call: its configuration (regional endpoints, default credential chain, no control API, no clock) and the
 * scenarios it makes not applicable (every time-travel scenario among them). The applicability run selects
 * only scenarios needing a capability AWS does not declare, so each is skipped before it opens a session.
 */
class AwsProfileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theProfileUsesRegionalEndpointsAndTheDefaultCredentialChainAndHasNoControlApi() {
        try (KitProperties kit = new KitProperties().set("kit.target", "aws")) {
            Target aws = Targets.fromSystemProperties();
            assertEquals("aws", aws.name());
            assertEquals(Set.of("kms-audit", "global-tables"), aws.capabilities());
            assertFalse(aws.capabilities().contains("clock-control"), "AWS time cannot be moved");
            TargetSession s = aws.open(earkit.kit.spi.SessionRequest.plain());
            assertEquals("us-east-1", s.region());
            assertEquals(URI.create("https://dynamodb.us-east-1.amazonaws.com"), s.endpoint("dynamodb", "us-east-1"));
            assertEquals(URI.create("https://streams.dynamodb.eu-west-1.amazonaws.com"), s.endpoint("streams", "eu-west-1"));
            assertEquals(URI.create("https://kms.eu-west-1.amazonaws.com"), s.endpoint("kms", s.secondRegion()));
            assertEquals(URI.create("https://cloudtrail.us-east-1.amazonaws.com"), s.endpoint("cloudtrail", "us-east-1"));
            // Building the provider resolves nothing: no credentials are looked up until a request is signed.
            assertInstanceOf(DefaultCredentialsProvider.class, s.credentials());
            assertTrue(s.control().isEmpty(), "no control API");
            assertTrue(s.persistent(), "what a scenario makes is cleaned up");
            assertEquals(Duration.ofMinutes(20), s.asyncTimeout(), "CloudTrail delivers within about 15 minutes");
            ClientSettings c = s.clientSettings();
            assertEquals(ClientSettings.HttpClient.APACHE, c.httpClient());
            assertEquals(Duration.ofSeconds(60), c.apiCallTimeout());
            assertEquals(Duration.ofSeconds(20), c.apiCallAttemptTimeout().orElseThrow());
        }
    }

    @Test
    void everyTimeTravelScenarioIsNotApplicableAndTheListMatchesTheGolden() throws IOException {
        Set<String> all = capabilityTags();
        Set<String> missing;
        Compliance result;
        try (KitProperties kit = new KitProperties().set("kit.target", "aws")
                // Belt and braces: should a scenario run after all, no credential lookup may reach the network.
                .set("aws.disableEc2Metadata", "true").set("aws.accessKeyId", "no-network").set("aws.secretAccessKey", "x")
                .set("kit.timeout.api-call-attempt", "PT1S").set("kit.timeout.api-call", "PT1S")) {
            Set<String> declared = Targets.fromSystemProperties().capabilities();
            missing = all.stream().filter(c -> !declared.contains(c)).collect(Collectors.toCollection(TreeSet::new));
            assertTrue(missing.containsAll(Set.of("clock-control", "historic-clock")), "missing: " + missing);
            String tags = missing.stream().map(c -> "@needs-" + c).collect(Collectors.joining(" or "));
            result = SuiteRunner.run(new SuiteRunner.Settings(tags, Path.of("target", "aws-applicability"), false, null));
        }
        List<ScenarioResult> scenarios = Verdicts.scenarios(result);
        assertFalse(scenarios.isEmpty());
        for (ScenarioResult s : scenarios) {
            assertEquals(ScenarioOutcome.NOT_APPLICABLE, s.status(), "skipped without a request: " + s);
            assertTrue(s.skipReason().contains("does not declare the capability"), s.skipReason());
            assertFalse(s.skipReason().startsWith("Assumption failed"), "JUnit's prefix is not shown: " + s.skipReason());
        }
        assertEquals("inconclusive", result.verdict().result(), "nothing was judged: " + result.verdict().headline());
        Set<String> clockScenarios = scenarios.stream().filter(s -> s.tags().contains("@needs-clock-control"))
                .map(ScenarioResult::name).collect(Collectors.toSet());
        assertTrue(clockScenarios.size() >= 10, "time-travel scenarios found: " + clockScenarios);

        Set<String> notApplicable = Verdicts.with(result, RequirementStatus.NOT_APPLICABLE);
        assertEquals(expectedNotApplicable(), notApplicable,
                "requirements with not-applicable scenarios on AWS (fixtures/targets/aws/expected-not-applicable.json)");
    }

    /** Every {@code @needs-X} tag of the features that names a capability of the target. */
    private static Set<String> capabilityTags() throws IOException {
        Path dir = Files.isDirectory(Path.of("features")) ? Path.of("features") : Path.of("../features");
        Pattern p = Pattern.compile("@needs-([a-z-]+)");
        Set<String> caps = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".feature")).toList()) {
                Matcher m = p.matcher(Files.readString(f));
                while (m.find()) {
                    if (!earkit.kit.steps.Hooks.DISTINCT_CONNECTIONS.equals("@needs-" + m.group(1))) {
                        caps.add(m.group(1));
                    }
                }
            }
        }
        return caps;
    }

    private static Set<String> expectedNotApplicable() throws IOException {
        try (InputStream in = AwsProfileTest.class.getClassLoader().getResourceAsStream("fixtures/targets/aws/expected-not-applicable.json")) {
            Set<String> s = new TreeSet<>();
            if (in != null) {
                for (JsonNode n : JSON.readTree(in).path("requirements")) {
                    s.add(n.asText());
                }
            }
            return s;
        }
    }
}
