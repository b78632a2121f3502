package earkit.reference.domain.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.domain.audit.AuditEvent;
import earkit.reference.domain.audit.AuditTrail;
import earkit.reference.domain.audit.CloudTrailEvents;
import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CloudWatch Logs log groups of each account and Region: those created through {@code CreateLogGroup}, and the
 * one a CloudTrail trail configured for CloudWatch Logs delivers to (S42). The trail's log group,
 * {@code aws-cloudtrail-logs-<account>}, comes into being with the first CloudTrail event of its account and Region
 * (as if the account had one such trail in each Region); its one log stream, {@code <account>_CloudTrail_<region>},
 * holds every CloudTrail event of that account and Region, each as one log event whose message is the CloudTrail
 * record JSON. The stream is read from the audit trail itself, so the two channels can never disagree.
 */
public final class LogGroups {
    /** A log group; {@code created} is when it was created, or the trail's first delivery to it. */
    public record Group(String name, Instant created) {
    }

    /** A log stream with its first and last event times. */
    public record Stream(String name, Instant created, Instant firstEvent, Instant lastEvent) {
    }

    private final KeyValueMap created; // account|region|name -> creation instant
    private final Storage storage;
    private final AuditTrail audit;
    private final Supplier<Instant> clock;
    private final boolean dropDynamoDbEvents;

    /** {@code clock}: the virtual now, for creation times. */
    public LogGroups(Storage storage, AuditTrail audit, Supplier<Instant> clock, Faults faults) {
        this.dropDynamoDbEvents = faults.has(Fault.LOGS_DROP_DYNAMODB_EVENTS);
        this.storage = storage;
        this.created = storage.map("logs.groups");
        this.audit = audit;
        this.clock = clock;
    }

    public static String trailGroupName(String accountId) {
        return "aws-cloudtrail-logs-" + accountId;
    }

    public static String trailStreamName(String accountId, String region) {
        return accountId + "_CloudTrail_" + region;
    }

    /** Creates a log group; false if one of that name exists already. */
    public synchronized boolean create(String accountId, String region, String name) {
        if (find(accountId, region, name).isPresent()) {
            return false;
        }
        created.put(key(accountId, region, name), clock.get().toString().getBytes(StandardCharsets.UTF_8));
        storage.commit();
        return true;
    }

    /** Every log group of an account and Region, by name. */
    public List<Group> list(String accountId, String region) {
        List<Group> groups = new ArrayList<>();
        String prefix = key(accountId, region, "");
        for (Map.Entry<String, byte[]> e : created.entries()) {
            if (e.getKey().startsWith(prefix)) {
                groups.add(new Group(e.getKey().substring(prefix.length()),
                        Instant.parse(new String(e.getValue(), StandardCharsets.UTF_8))));
            }
        }
        String trail = trailGroupName(accountId);
        if (groups.stream().noneMatch(g -> g.name().equals(trail))) {
            List<AuditEvent> events = delivered(accountId, region);
            if (!events.isEmpty()) {
                groups.add(new Group(trail, events.get(0).eventTime()));
            }
        }
        groups.sort(Comparator.comparing(Group::name));
        return groups;
    }

    public Optional<Group> find(String accountId, String region, String name) {
        return list(accountId, region).stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The log streams of an existing group: the trail's stream once it has events, none in a group of one's own. */
    public List<Stream> streams(String accountId, String region, Group group) {
        if (!group.name().equals(trailGroupName(accountId))) {
            return List.of();
        }
        List<AuditEvent> events = delivered(accountId, region);
        if (events.isEmpty()) {
            return List.of();
        }
        Instant first = events.get(0).eventTime();
        return List.of(new Stream(trailStreamName(accountId, region), first, first, events.get(events.size() - 1).eventTime()));
    }

    /** The events of a stream, oldest first: CloudTrail records. */
    public List<AuditEvent> events(String accountId, String region, Stream stream) {
        return stream.name().equals(trailStreamName(accountId, region)) ? delivered(accountId, region) : List.of();
    }

    /** The trail's events of an account and Region; with the LOGS_DROP_DYNAMODB_EVENTS fault, not those DynamoDB caused. */
    private List<AuditEvent> delivered(String accountId, String region) {
        List<AuditEvent> events = audit.inOrder(accountId, region);
        return dropDynamoDbEvents ? events.stream().filter(e -> !causedByDynamoDb(e)).toList() : events;
    }

    private static boolean causedByDynamoDb(AuditEvent e) {
        try {
            return "dynamodb.amazonaws.com".equals(CloudTrailEvents.JSON.readTree(e.document()).path("sourceIPAddress").asText());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("A CloudTrail record that is not JSON: " + e.document(), ex);
        }
    }

    private static String key(String accountId, String region, String name) {
        return accountId + "|" + region + "|" + name;
    }
}
