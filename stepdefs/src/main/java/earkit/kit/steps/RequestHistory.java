package earkit.kit.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every call a scenario makes to its target, in order, for the report: what was asked, what came back and when.
 * Attached to the scenario as {@code request-history.json} (a JSON array of {@link Call}); the reports show it
 * under a failed scenario. Bodies are kept as sent and received; secrets are masked and bodies cut only when the
 * history is written, so that recording costs no more than a copy of each body.
 */
final class RequestHistory {
    static final String FILE_NAME = "request-history.json";
    static final int BODY_LIMIT = 4096;
    /** Values never shown: plaintext data keys and wrapped keys in KMS messages, credentials anywhere. */
    private static final Set<String> KMS_SECRETS = Set.of("Plaintext", "CiphertextBlob", "CiphertextForRecipient");
    private static final Set<String> SECRETS = Set.of("SecretAccessKey", "SessionToken", "Authorization");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One call. {@code httpStatus} is null when no answer came; {@code virtualTime} is the target's virtual clock at
     * the call: the last time its control API reported, since only the control API moves that clock (a target
     * without clock control has none to report: null). An HTTP {@code Date} header is the server's real time, not it.
     */
    record Call(String service, String operation, Integer httpStatus, String errorCode, String requestId, String connection,
                String virtualTime, String wallTime, long durationMillis, String request, String response) {
    }

    private final List<Call> calls = new ArrayList<>();
    private Instant virtualNow;

    /** The control API reported its clock: every later call is stamped with it until the next report. */
    synchronized void clockReads(Instant now) {
        virtualNow = now;
    }

    synchronized Instant virtualNow() {
        return virtualNow;
    }

    synchronized void add(String service, String operation, Integer httpStatus, String errorCode, String requestId,
            String connection, Instant virtualTime, Instant wallTime, long durationMillis, byte[] request, byte[] response) {
        calls.add(new Call(service, operation, httpStatus, errorCode, requestId, connection,
                virtualTime == null ? null : virtualTime.toString(), wallTime.toString(), durationMillis,
                shown(service, request), shown(service, response)));
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(calls());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Request history not serialisable", e);
        }
    }

    /** A body as the report shows it: secrets masked, cut to {@link #BODY_LIMIT} characters with a marker. */
    static String shown(String service, byte[] body) {
        if (body == null) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.isContainerNode()) {
                mask(node, "kms".equals(service));
                text = JSON.writeValueAsString(node);
            }
        } catch (JsonProcessingException notJson) {
            // shown as received: a body that is not JSON is evidence too
        }
        if (text.length() > BODY_LIMIT) {
            return text.substring(0, BODY_LIMIT) + "… [cut: " + (text.length() - BODY_LIMIT) + " more characters]";
        }
        return text;
    }

    private static void mask(JsonNode node, boolean kms) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (SECRETS.contains(f.getKey()) || kms && KMS_SECRETS.contains(f.getKey())) {
                    f.setValue(o.textNode("***"));
                } else {
                    mask(f.getValue(), kms);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> mask(n, kms));
        }
    }

    /** Collects a streamed body (the Netty client's) while passing it on. */
    static final class BodyCopy {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        synchronized void append(ByteBuffer b) {
            ByteBuffer d = b.duplicate();
            byte[] a = new byte[d.remaining()];
            d.get(a);
            bytes.write(a, 0, a.length);
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
