package earkit.reference.service.dynamodb;

import earkit.reference.Fault;
import earkit.reference.service.WireErrors;
import earkit.reference.domain.table.GlobalTables;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.Operations;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;

/** The DynamoDB operations the reference serves, each bound to its SDK request shape. */
public final class DynamoDbOperations {
    private DynamoDbOperations() {
    }

    public static Operations of(Tables tables, GlobalTables global) {
        return of(tables, global, new BatchPacing());
    }

    public static Operations of(Tables tables, GlobalTables global, BatchPacing pacing) {
        TableRequests t = new TableRequests(tables);
        ReplicaRequests g = new ReplicaRequests(t, global);
        // The item calls are the path a table's key loss is found and ended on: a fault of theirs is the shared one,
        // INACCESSIBLE_TABLE_SERVED_FROM_MEMORY.
        ItemWrites w = new ItemWrites(tables, null);
        ItemReads r = new ItemReads(tables, null);
        // PartiQL's statements are carried out by the item calls' own code; for the self-test, a path with a fault of its own.
        PartiqlRequests statements = new PartiqlRequests(tables, new ItemReads(tables, Fault.PARTIQL_SKIPS_KEY_CHECK),
                new ItemWrites(tables, Fault.PARTIQL_SKIPS_KEY_CHECK));
        ItemBatches x = new ItemBatches(tables, pacing);
        BackupRequests b = new BackupRequests(tables);
        TagRequests tags = new TagRequests(tables);
        TimeToLiveRequests ttl = new TimeToLiveRequests(tables);
        return new Operations(WireErrors.REFUSALS)
                .add("CreateTable", CreateTableRequest::builder, t::create)
                .add("DescribeTable", DescribeTableRequest::builder, g::describe)
                .add("UpdateTable", UpdateTableRequest::builder, g::update)
                .add("DeleteTable", DeleteTableRequest::builder, g::delete)
                .add("ListTables", ListTablesRequest::builder, t::list)
                .add("PutItem", PutItemRequest::builder, w::put)
                .add("GetItem", GetItemRequest::builder, r::get)
                .add("UpdateItem", UpdateItemRequest::builder, w::update)
                .add("DeleteItem", DeleteItemRequest::builder, w::delete)
                .add("Query", QueryRequest::builder, r::query)
                .add("Scan", ScanRequest::builder, r::scan)
                .add("BatchGetItem", BatchGetItemRequest::builder, x::batchGet)
                .add("BatchWriteItem", BatchWriteItemRequest::builder, x::batchWrite)
                .add("CreateBackup", CreateBackupRequest::builder, b::create)
                .add("DescribeBackup", DescribeBackupRequest::builder, b::describe)
                .add("ListBackups", ListBackupsRequest::builder, b::list)
                .add("DeleteBackup", DeleteBackupRequest::builder, b::delete)
                .add("RestoreTableFromBackup", RestoreTableFromBackupRequest::builder, b::restore)
                .add("TagResource", TagResourceRequest::builder, tags::tag)
                .add("UntagResource", UntagResourceRequest::builder, tags::untag)
                .add("ListTagsOfResource", ListTagsOfResourceRequest::builder, tags::list)
                .add("DescribeTimeToLive", DescribeTimeToLiveRequest::builder, ttl::describe)
                .add("UpdateTimeToLive", UpdateTimeToLiveRequest::builder, ttl::update)
                .add("TransactWriteItems", TransactWriteItemsRequest::builder, new TransactRequests(tables)::write)
                .add("TransactGetItems", TransactGetItemsRequest::builder, new TransactRequests(tables)::get)
                .add("ExecuteStatement", ExecuteStatementRequest::builder, statements::execute)
                .add("BatchExecuteStatement", BatchExecuteStatementRequest::builder, new PartiqlBatches(statements)::batch)
                .add("ExecuteTransaction", ExecuteTransactionRequest::builder, new PartiqlTransactions(tables, statements)::execute);
    }
}
