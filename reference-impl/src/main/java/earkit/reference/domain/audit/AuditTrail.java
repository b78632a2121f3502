package earkit.reference.domain.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CloudTrail event history of every account and Region, newest first on lookup. Events are kept
 * in {@link Storage} map {@code audit.events} under a position key that sorts by (account, Region,
 * event time, arrival), so a lookup walks one ordered range.
 */
public final class AuditTrail {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One page of a lookup; {@code next} is the position to continue after, null on the last page. */
    public record Page(List<AuditEvent> events, String next) {
    }

    private final Storage storage;
    private final KeyValueMap map;
    private final Map<String, ConcurrentSkipListMap<String, AuditEvent>> byScope = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    public AuditTrail(Storage storage) {
        this.storage = storage;
        this.map = storage.map("audit.events");
        for (Map.Entry<String, byte[]> e : map.entries()) {
            try {
                AuditEvent ev = JSON.readValue(e.getValue(), AuditEvent.class);
                scope(ev.accountId(), ev.region()).put(e.getKey(), ev);
                sequence.accumulateAndGet(ev.sequence(), Math::max);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read audit event " + e.getKey(), ex);
            }
        }
    }

    public void record(AuditEvent event) {
        AuditEvent ev = event.withSequence(sequence.incrementAndGet());
        String position = position(ev);
        scope(ev.accountId(), ev.region()).put(position, ev);
        try {
            map.put(position, JSON.writeValueAsBytes(ev));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        storage.commit();
    }

    public Page lookup(LookupQuery q) {
        NavigableMap<String, AuditEvent> events = scope(q.accountId(), q.region()).descendingMap();
        if (q.after() != null) {
            events = events.tailMap(q.after(), false);
        }
        List<AuditEvent> page = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, AuditEvent> e : events.entrySet()) {
            AuditEvent ev = e.getValue();
            if (q.end() != null && ev.eventTime().isAfter(q.end())) {
                continue;
            }
            if (q.start() != null && ev.eventTime().isBefore(q.start())) {
                break;
            }
            if (!matches(ev, q.attributeKey(), q.attributeValue())) {
                continue;
            }
            if (page.size() == q.maxResults()) {
                return new Page(page, last);
            }
            page.add(ev);
            last = e.getKey();
        }
        return new Page(page, null);
    }

    /** Every event of an account and Region, oldest first: what a trail delivers to its CloudWatch Logs log stream. */
    public List<AuditEvent> inOrder(String accountId, String region) {
        return List.copyOf(scope(accountId, region).values());
    }

    private static boolean matches(AuditEvent ev, String key, String value) {
        if (key == null) {
            return true;
        }
        return switch (key) {
            case "EventId" -> value.equals(ev.eventId());
            case "EventName" -> value.equals(ev.eventName());
            case "EventSource" -> value.equals(ev.eventSource());
            case "ReadOnly" -> value.equals(String.valueOf(ev.readOnly()));
            case "Username" -> value.equals(ev.username());
            case "AccessKeyId" -> value.equals(ev.accessKeyId());
            case "ResourceType" -> ev.resources().stream().anyMatch(r -> value.equals(r.type()));
            case "ResourceName" -> ev.resources().stream().anyMatch(r -> value.equals(r.name())
                    || r.name().endsWith("/" + value));
            default -> false;
        };
    }

    private ConcurrentSkipListMap<String, AuditEvent> scope(String accountId, String region) {
        return byScope.computeIfAbsent(accountId + "|" + region, k -> new ConcurrentSkipListMap<>());
    }

    private static String position(AuditEvent ev) {
        long nanos = ev.eventTime().getEpochSecond() * 1_000_000_000L + ev.eventTime().getNano();
        return String.format("%s|%s|%020d|%015d", ev.accountId(), ev.region(), nanos, ev.sequence());
    }
}
