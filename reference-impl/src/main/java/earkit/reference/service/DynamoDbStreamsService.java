package earkit.reference.service;

import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.JsonService;
import earkit.reference.protocol.Operations;
import earkit.reference.service.dynamodb.StreamOperations;

/** DynamoDB Streams' JSON 1.0 API over the change records the store keeps, sealed, per table. */
public final class DynamoDbStreamsService implements JsonService {
    private final Operations operations;

    public DynamoDbStreamsService(Tables tables) {
        this.operations = StreamOperations.of(tables);
    }

    @Override
    public String targetPrefix() {
        return "DynamoDBStreams_20120810";
    }

    @Override
    public String contentType() {
        return "application/x-amz-json-1.0";
    }

    @Override
    public String errorTypePrefix() {
        return "com.amazonaws.dynamodb.v20120810#";
    }

    @Override
    public String signingName() {
        return "dynamodb";
    }

    @Override
    public Operations operations() {
        return operations;
    }
}
