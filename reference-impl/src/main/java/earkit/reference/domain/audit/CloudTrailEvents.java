package earkit.reference.domain.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Builds CloudTrail event documents (record version 1.08) and their lookup index. */
public final class CloudTrailEvents {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "1.08";

    private CloudTrailEvents() {
    }

    /**
     * An {@code AwsApiCall}. {@code userIdentity} is the complete identity block; {@code username} and
     * {@code accessKeyId} are what LookupEvents indexes; {@code error} is null on success.
     */
    public record ApiCall(String accountId, String region, Instant time, String eventSource, String eventName,
                          ObjectNode userIdentity, String username, String accessKeyId, String sourceIp,
                          String userAgent, JsonNode requestParameters, JsonNode responseElements, String requestId,
                          boolean readOnly, List<AuditEvent.Resource> resources, String recipientAccountId,
                          String errorCode, String errorMessage) {
    }

    public static AuditEvent apiCall(ApiCall c) {
        String eventId = UUID.randomUUID().toString();
        ObjectNode e = JSON.createObjectNode();
        e.put("eventVersion", VERSION);
        e.set("userIdentity", c.userIdentity());
        e.put("eventTime", time(c.time()));
        e.put("eventSource", c.eventSource());
        e.put("eventName", c.eventName());
        e.put("awsRegion", c.region());
        e.put("sourceIPAddress", c.sourceIp());
        e.put("userAgent", c.userAgent());
        if (c.errorCode() != null) {
            e.put("errorCode", c.errorCode());
            e.put("errorMessage", c.errorMessage());
        }
        e.set("requestParameters", c.requestParameters());
        e.set("responseElements", c.responseElements());
        e.put("requestID", c.requestId());
        e.put("eventID", eventId);
        e.put("readOnly", c.readOnly());
        e.set("resources", resources(c.resources(), c.recipientAccountId()));
        e.put("eventType", "AwsApiCall");
        e.put("managementEvent", true);
        e.put("recipientAccountId", c.recipientAccountId());
        e.put("eventCategory", "Management");
        return new AuditEvent(eventId, c.accountId(), c.region(), c.time(), 0, c.eventName(), c.eventSource(),
                c.username(), c.accessKeyId(), c.readOnly(), c.resources(), e.toString());
    }

    /** An {@code AwsServiceEvent} the service emits by itself (e.g. KMS {@code RotateKey}, {@code DeleteKey}). */
    public static AuditEvent serviceEvent(String accountId, String region, Instant time, String eventSource,
                                          String eventName, ObjectNode serviceEventDetails,
                                          List<AuditEvent.Resource> resources) {
        String eventId = UUID.randomUUID().toString();
        ObjectNode e = JSON.createObjectNode();
        e.put("eventVersion", VERSION);
        e.putObject("userIdentity").put("accountId", accountId).put("invokedBy", "AWS Internal");
        e.put("eventTime", time(time));
        e.put("eventSource", eventSource);
        e.put("eventName", eventName);
        e.put("awsRegion", region);
        e.put("sourceIPAddress", "AWS Internal");
        e.put("userAgent", "AWS Internal");
        e.putNull("requestParameters");
        e.putNull("responseElements");
        e.put("eventID", eventId);
        e.put("readOnly", false);
        e.set("resources", resources(resources, accountId));
        e.put("eventType", "AwsServiceEvent");
        e.put("managementEvent", true);
        e.put("recipientAccountId", accountId);
        e.set("serviceEventDetails", serviceEventDetails);
        e.put("eventCategory", "Management");
        return new AuditEvent(eventId, accountId, region, time, 0, eventName, eventSource, null, null, false,
                resources, e.toString());
    }

    private static JsonNode resources(List<AuditEvent.Resource> resources, String accountId) {
        var arr = JSON.createArrayNode();
        for (AuditEvent.Resource r : resources) {
            String owner = r.name().startsWith("arn:") ? r.name().split(":")[4] : accountId;
            arr.addObject().put("accountId", owner).put("type", r.type()).put("ARN", r.name());
        }
        return arr;
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
