package earkit.reference.domain.table;

/**
 * Who asks for a table operation, over which client connection: the table key cache is per connection, and
 * KMS calls are made on the caller's behalf ({@code arn} null: DynamoDB itself, e.g. replication). Not the
 * KMS caller ({@link earkit.reference.domain.kms.Caller}), which is who a KMS request is authorized for.
 */
public record TableCaller(String connectionId, String arn, String account) {
}
