package earkit.reference.service;

import earkit.reference.domain.audit.AuditEvent;
import earkit.reference.domain.audit.AuditTrail;
import earkit.reference.domain.audit.LookupQuery;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.JsonService;
import earkit.reference.protocol.Operations;
import earkit.reference.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Resource;

/** CloudTrail {@code LookupEvents} over JSON 1.1: the event history of the caller's account and Region. */
public final class CloudTrailService {
    private static final Set<String> ATTRIBUTE_KEYS = Set.of("EventId", "EventName", "ReadOnly", "Username",
            "ResourceType", "ResourceName", "EventSource", "AccessKeyId");
    private final AuditTrail audit;
    private final Operations ops = new Operations(WireErrors.REFUSALS);

    public CloudTrailService(AuditTrail audit) {
        this.audit = audit;
        ops.add("LookupEvents", LookupEventsRequest::builder, this::lookupEvents);
    }

    /**
     * This service as the front door serves it. The Java SDKs, botocore and the CLI send the older models' fully
     * qualified target prefix; the JavaScript SDK v3 sends the Smithy shape name, as awsJson1_1 prescribes.
     * CloudTrail answers both.
     */
    public JsonService service() {
        return JsonService.json11("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101", "cloudtrail", ops)
                .alsoAnswering("CloudTrail_20131101");
    }

    private LookupEventsResponse lookupEvents(RequestContext ctx, LookupEventsRequest r) {
        String key = null;
        String value = null;
        if (r.hasLookupAttributes() && !r.lookupAttributes().isEmpty()) {
            if (r.lookupAttributes().size() > 1) {
                throw new ApiException("InvalidLookupAttributesException", "You cannot use more than one lookup attribute.");
            }
            LookupAttribute a = r.lookupAttributes().get(0);
            key = a.attributeKeyAsString();
            value = a.attributeValue();
            if (key == null || !ATTRIBUTE_KEYS.contains(key)) {
                throw new ApiException("InvalidLookupAttributesException", "The attribute key '" + key
                        + "' is not valid. Valid keys: " + ATTRIBUTE_KEYS);
            }
            if (value == null || value.isEmpty() || value.length() > 2000) {
                throw new ApiException("InvalidLookupAttributesException",
                        "The attribute value must have between 1 and 2000 characters.");
            }
        }
        Instant start = r.startTime();
        Instant end = r.endTime();
        if (start != null && end != null && start.isAfter(end)) {
            throw new ApiException("InvalidTimeRangeException", "Start time must not be after end time.");
        }
        int max = r.maxResults() == null ? 50 : r.maxResults();
        if (max < 1 || max > 50) {
            throw new ApiException("InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
        }
        if (r.eventCategoryAsString() != null) {
            if (!r.eventCategoryAsString().equals("insight")) {
                throw new ApiException("InvalidEventCategoryException", "The only event category is insight.");
            }
            return LookupEventsResponse.builder().events(List.of()).build(); // no Insights events are produced
        }
        String fingerprint = fingerprint(ctx, key, value, start, end);
        String after = r.nextToken() == null ? null : position(r.nextToken(), fingerprint);
        AuditTrail.Page page = audit.lookup(new LookupQuery(ctx.accountId(), ctx.region(), key, value, start, end, max, after));
        return LookupEventsResponse.builder().events(page.events().stream().map(CloudTrailService::event).toList())
                .nextToken(page.next() == null ? null : token(fingerprint, page.next())).build();
    }

    private static Event event(AuditEvent e) {
        return Event.builder().eventId(e.eventId()).eventName(e.eventName()).readOnly(String.valueOf(e.readOnly()))
                .accessKeyId(e.accessKeyId()).eventTime(e.eventTime()).eventSource(e.eventSource()).username(e.username())
                .resources(e.resources().stream().map(x -> Resource.builder().resourceType(x.type()).resourceName(x.name())
                        .build()).toList())
                .cloudTrailEvent(e.document()).build();
    }

    private static String token(String fingerprint, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((fingerprint + "\n" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token continues from; {@code InvalidNextTokenException} if it is not ours or the query changed. */
    private static String position(String token, String fingerprint) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            if (nl > 0 && s.substring(0, nl).equals(fingerprint)) {
                return s.substring(nl + 1);
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the modeled error
        }
        throw new ApiException("InvalidNextTokenException",
                "Invalid NextToken: it must come from a previous call with the same parameters.");
    }

    private static String fingerprint(RequestContext ctx, String key, String value, Instant start, Instant end) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            String all = ctx.accountId() + "|" + ctx.region() + "|" + key + "|" + value + "|" + start + "|" + end;
            return HexFormat.of().formatHex(d.digest(all.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
