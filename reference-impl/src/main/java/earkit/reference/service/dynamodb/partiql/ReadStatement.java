package earkit.reference.service.dynamodb.partiql;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A SELECT as the read it is: a Query when its WHERE names the partition key with =, else a Scan. {@code key}: the
 * whole primary key when the WHERE names every key attribute with = on the table itself (what a read of
 * BatchExecuteStatement and ExecuteTransaction requires), else null. Exactly one of {@code query}, {@code scan}
 * is set; neither carries a page position or a limit, which the caller adds.
 */
public record ReadStatement(String table, QueryRequest query, ScanRequest scan, Map<String, AttributeValue> key)
        implements PartiqlStatement {
}
