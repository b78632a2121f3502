package earkit.reference.service.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import earkit.reference.protocol.ApiException;
import earkit.reference.service.ControlApi;
import java.util.Map;

/**
 * How much of a BatchGetItem or BatchWriteItem the reference takes at once. By default everything (a quiet
 * DynamoDB); with {@code unprocessedEvery} N (2 or more) every N-th key or write request of a batch, counted in
 * request order across its tables, comes back in UnprocessedKeys or UnprocessedItems, so that a client's retry
 * loop can be tested: the retry is smaller, so it always ends. Set through the control API:
 * {@code POST /_kit/batch {"unprocessedEvery": N}} (0 switches it off), read with {@code GET /_kit/batch}.
 */
public final class BatchPacing {
    private volatile int unprocessedEvery;

    /** Takes every request; {@link #register} makes one the control API sets. */
    public BatchPacing() {
    }

    public static BatchPacing register(ControlApi control) {
        BatchPacing p = new BatchPacing();
        control.route("GET", "/_kit/batch", body -> Map.of("unprocessedEvery", p.unprocessedEvery));
        control.route("POST", "/_kit/batch", body -> {
            JsonNode n = body == null ? null : body.get("unprocessedEvery");
            if (n == null || !n.canConvertToInt() || n.asInt() < 0 || n.asInt() == 1) {
                throw ApiException.validation("Member 'unprocessedEvery' must be 0 (take every request) or an integer of 2 or more");
            }
            p.unprocessedEvery = n.asInt();
            return Map.of("unprocessedEvery", p.unprocessedEvery);
        });
        return p;
    }

    /** Whether the {@code position}-th (from 1) key or write request of a batch is left unprocessed. */
    boolean leftUnprocessed(int position) {
        int every = unprocessedEvery;
        return every >= 2 && position % every == 0;
    }
}
