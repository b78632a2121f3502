package earkit.reference.domain.audit;

import java.time.Instant;
import java.util.List;

/**
 * One CloudTrail event as {@code LookupEvents} returns it: the indexed fields plus the full event
 * document ({@code CloudTrailEvent}, a JSON string). {@code sequence} orders events of the same instant.
 */
public record AuditEvent(String eventId, String accountId, String region, Instant eventTime, long sequence,
                         String eventName, String eventSource, String username, String accessKeyId, boolean readOnly,
                         List<Resource> resources, String document) {

    public record Resource(String type, String name) {
    }

    AuditEvent withSequence(long s) {
        return new AuditEvent(eventId, accountId, region, eventTime, s, eventName, eventSource, username, accessKeyId,
                readOnly, resources, document);
    }
}
