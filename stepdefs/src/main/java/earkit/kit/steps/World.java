package earkit.kit.steps;

import earkit.kit.spi.Capability;
import earkit.kit.spi.SessionRequest;
import earkit.kit.spi.Target;
import earkit.kit.spi.TargetSession;
import io.cucumber.java.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * Everything one scenario knows: its target session (opened on first use, so that a step such as
 * "the clock reads ..." can still choose how it starts), its clients, and the names it gave to the
 * tables, keys and backups it made. Scenario names like "orders" become unique names, so scenarios
 * on a shared target never collide. NOT thread-safe: one instance per scenario (picocontainer).
 */
public final class World implements AutoCloseable {
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private Scenario scenario;
    private TargetSession session;
    private ScenarioClients clients;
    private KmsProxy proxy;
    private Instant clockStart;
    private ControlClient control;
    private final RequestHistory history = new RequestHistory();

    /** Scenario table name → real name; region of each table. */
    final Map<String, String> tables = new LinkedHashMap<>();
    final Map<String, String> tableRegions = new HashMap<>();
    /** The key kind each table was created with, so that a check about its key names the right requirement. */
    final Map<String, KeyKind> tableKinds = new HashMap<>();
    final Map<String, KeyMetadata> keys = new LinkedHashMap<>();
    final Map<String, String> aliases = new HashMap<>();
    final Map<String, String> backups = new HashMap<>();
    final Map<String, List<Map<String, AttributeValue>>> written = new HashMap<>();
    /** A change to account-wide state that a shared target accepted and the clean-up undoes ({@link SharedTargetCleanup}). */
    record Restoration(String what, Runnable action) {
    }

    final List<Restoration> restorations = new ArrayList<>();
    /** The outcome of the last "try to" step. */
    Outcome lastOutcome = Outcome.accepted();
    /** When DynamoDB found the key inaccessible (table or replica), as the target recorded it. */
    Instant detection;
    /** The target's clock when a scenario took the key away (null without a readable target clock). */
    Instant keyTakenAwayAt;
    /** When DynamoDB can have detected the loss: from the key's withdrawal to the moment the kit saw the table inaccessible. */
    Instant[] detectionWindow;

    void begin(Scenario s) {
        this.scenario = s;
    }

    Target target() {
        return KitRun.target();
    }

    boolean hasTag(String tag) {
        return scenario != null && scenario.getSourceTagNames().contains(tag);
    }

    /** The requirement IDs the scenario carries, for messages that concern the whole scenario. */
    String requirements() {
        if (scenario == null) {
            return "";
        }
        return scenario.getSourceTagNames().stream().filter(t -> t.startsWith("@EAR-")).map(t -> t.substring(1)).sorted()
                .collect(Collectors.joining(", "));
    }

    /**
     * The requirement a step's check judges in this scenario: the first of {@code candidates} (in order of
     * preference) that the scenario carries. A step shared by scenarios of several requirements names each
     * requirement it can serve; a scenario that carries none of them is a mistake of the kit, reported as such
     * whether or not the check would pass.
     */
    Requirement judged(Requirement... candidates) {
        return carried(candidates).orElseThrow(() -> new IllegalStateException("This step checks one of "
                + java.util.Arrays.toString(candidates) + ", but the scenario carries [" + requirements() + "]"));
    }

    /** The first of {@code candidates} that the scenario carries, if any: for steps that are set-up elsewhere. */
    Optional<Requirement> carried(Requirement... candidates) {
        for (Requirement r : candidates) {
            if (hasTag(r.tag())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** A failed check of {@code requirement}, with what was expected and what was observed. */
    RequirementViolation violation(Requirement requirement, String what, Object expected, Object observed) {
        return new RequirementViolation(requirement, what, expected, observed);
    }

    void check(Requirement requirement, boolean ok, String what, Object expected, Object observed) {
        if (!ok) {
            throw violation(requirement, what, expected, observed);
        }
    }

    /**
     * Checks a documented refusal: HTTP 400 with one of the error codes the requirement accepts. Another code
     * (ResourceNotFoundException for a table that should merely be inaccessible, say) or success is a violation.
     */
    void checkRefused(Requirement requirement, Outcome outcome, String what) {
        if (requirement.acceptedErrors().isEmpty()) {
            throw new IllegalStateException(requirement + " lists no accepted errors in the catalogue, yet a step checks a refusal of it");
        }
        check(requirement, outcome.refusedWith(400, requirement.acceptedErrors()), what,
                "a refusal with HTTP 400 and " + String.join(" or ", requirement.acceptedErrors()), outcome);
    }

    /** Something the scenario sets up did not work: no requirement is judged, so the scenario fails as a whole. */
    AssertionError setUpFailure(String what, Object expected, Object observed) {
        return new AssertionError("Set-up of the scenario: " + what + ": expected " + Shown.value(expected) + ", observed "
                + Shown.value(observed));
    }

    void log(String line) {
        if (scenario != null) {
            scenario.log(line);
        }
    }

    TargetSession session() {
        if (session == null) {
            if (hasTag("@needs-kms-proxy")) {
                proxy = new KmsProxy();
            }
            session = target().open(new SessionRequest(Optional.ofNullable(clockStart),
                    Optional.ofNullable(proxy).map(KmsProxy::url)));
            if (proxy != null) {
                proxy.forwardTo(session.kmsUpstream().orElseThrow(() -> new IllegalStateException(
                        "Target '" + target().name() + "' declares kms-proxy but names no KMS upstream")));
            }
            clients = new ScenarioClients(session, new TargetFaults(this::requirements), history);
            if (session.control().isPresent() && target().capabilities().contains(Capability.CLOCK_CONTROL.wireName())) {
                // The virtual time every call of the history is stamped with, from the first call on.
                control().now();
            }
        }
        return session;
    }

    RequestHistory history() {
        return history;
    }

    boolean sessionOpen() {
        return session != null;
    }

    /** Asks for the clock to start at {@code at}; only possible before the first request. */
    boolean startClockAt(Instant at) {
        if (session != null) {
            return false;
        }
        clockStart = at;
        return true;
    }

    ScenarioClients clients() {
        session();
        return clients;
    }

    KmsProxy proxy() {
        session();
        if (proxy == null) {
            throw new IllegalStateException("This scenario has no KMS proxy: tag it @needs-kms-proxy");
        }
        return proxy;
    }

    String region() {
        return session().region();
    }

    DynamoDbClient dynamo() {
        return clients().dynamo(region());
    }

    KmsClient kms() {
        return clients().kms(region());
    }

    /**
     * The one way the glue reads the target's clock: the control API's virtual clock where the target has one,
     * otherwise the kit's wall clock (a target without clock control runs in real time).
     */
    Instant now() {
        return session().control().isPresent() ? control().now() : Instant.now();
    }

    ControlClient control() {
        if (control == null) {
            control = new ControlClient(session().control().orElseThrow(() -> new IllegalStateException(
                    "Target '" + target().name() + "' has no control API; tag the scenario with the capability it needs")),
                    this::requirements, history);
        }
        return control;
    }

    ConditionFactory await(String alias) {
        Duration timeout = session().asyncTimeout();
        return Awaitility.await(alias).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .ignoreExceptionsMatching(e -> !(e instanceof TargetFault));
    }

    /** Waits until {@code value} yields {@code expected}; fails as a check of {@code requirement} with the last value seen. */
    <T> void awaitValue(Requirement requirement, String what, Callable<T> value, T expected) {
        awaitValue(what, value, expected, (timedOut, last) -> violation(requirement, timedOut, expected, last));
    }

    /** Waits for something the scenario sets up; a timeout fails the scenario as a whole. */
    <T> void awaitSetUp(String what, Callable<T> value, T expected) {
        awaitValue(what, value, expected, (timedOut, last) -> setUpFailure(timedOut, expected, last));
    }

    private <T> void awaitValue(String what, Callable<T> value, T expected,
            java.util.function.BiFunction<String, Object, AssertionError> onTimeout) {
        Object[] last = {null};
        try {
            await(what).until(() -> {
                try {
                    T v = value.call();
                    last[0] = v;
                    return expected.equals(v);
                } catch (TargetFault | org.opentest4j.TestAbortedException e) {
                    // a target error, or a request the column's tool cannot send (not applicable): never polled away
                    throw e;
                } catch (Exception e) {
                    // keep polling (a refusal may be part of the way there), but show it if the wait times out
                    last[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
                    return false;
                }
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw onTimeout.apply(what + " (within " + session().asyncTimeout() + ")", last[0]);
        }
    }

    String uniqueTable(String name) {
        return tables.computeIfAbsent(name, n -> "earkit-" + n + "-" + id);
    }

    String table(String name) {
        String t = tables.get(name);
        if (t == null) {
            throw new IllegalStateException("The scenario made no table \"" + name + "\" (known: " + tables.keySet() + ")");
        }
        return t;
    }

    String tableRegion(String name) {
        return tableRegions.getOrDefault(name, region());
    }

    String uniqueName(String base) {
        return base + "-" + id;
    }

    KeyMetadata key(String name) {
        KeyMetadata k = keys.get(name);
        if (k == null) {
            throw new IllegalStateException("The scenario made no key \"" + name + "\" (known: " + keys.keySet() + ")");
        }
        return k;
    }

    /** The customer managed key a "customer managed" kind stands for: the scenario's first key. */
    KeyMetadata defaultCustomerKey() {
        if (keys.isEmpty()) {
            throw new IllegalStateException("A customer managed key kind needs 'Given a customer managed key \"key A\"' first");
        }
        return keys.values().iterator().next();
    }

    List<Map<String, AttributeValue>> writtenTo(String table) {
        return written.computeIfAbsent(table, t -> new ArrayList<>());
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
        if (session != null) {
            session.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }
}
