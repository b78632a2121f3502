package earkit.reference.service;

import earkit.reference.domain.table.GlobalTables;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.JsonService;
import earkit.reference.protocol.Operations;
import earkit.reference.service.dynamodb.DynamoDbOperations;

/** DynamoDB's JSON 1.0 API over the encrypted store. */
public final class DynamoDbService implements JsonService {
    private final Operations operations;

    public DynamoDbService(Tables tables, GlobalTables global) {
        this.operations = DynamoDbOperations.of(tables, global);
    }

    @Override
    public String targetPrefix() {
        return "DynamoDB_20120810";
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
