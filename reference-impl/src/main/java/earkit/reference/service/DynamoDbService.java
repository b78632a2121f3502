package earkit.reference.service;

import earkit.reference.domain.table.GlobalTables;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.JsonService;
import earkit.reference.service.dynamodb.BatchPacing;
import earkit.reference.service.dynamodb.DynamoDbOperations;
import earkit.reference.service.dynamodb.StreamOperations;

/** DynamoDB's and DynamoDB Streams' JSON 1.0 APIs over the encrypted store; both speak the same dialect. */
public final class DynamoDbService {
    private static final String ERROR_TYPE_PREFIX = "com.amazonaws.dynamodb.v20120810#";
    private static final String SIGNING_NAME = "dynamodb";

    private DynamoDbService() {
    }

    public static JsonService of(Tables tables, GlobalTables global) {
        return of(tables, global, new BatchPacing());
    }

    /** {@code pacing}: how much of a batch is taken at once (the control API's {@code /_kit/batch}). */
    public static JsonService of(Tables tables, GlobalTables global, BatchPacing pacing) {
        return JsonService.json10("DynamoDB_20120810", ERROR_TYPE_PREFIX, SIGNING_NAME, DynamoDbOperations.of(tables, global, pacing));
    }

    /** The change records the store keeps, sealed, per table. */
    public static JsonService streams(Tables tables) {
        return JsonService.json10("DynamoDBStreams_20120810", ERROR_TYPE_PREFIX, SIGNING_NAME, StreamOperations.of(tables));
    }
}
