package earkit.kit.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The data paths of data-paths.feature, each by the name its Examples row gives, each one real SDK call (or the
 * short chain a path needs, such as GetShardIterator before GetRecords). A path run {@link Aim#WRITTEN} aims at
 * the items the scenario wrote, so that a write the target wrongly takes shows later as changed data; run
 * {@link Aim#PROBE} it leaves them alone. Each run returns what it saw: the number of items or records a read
 * returned (compared with {@link #expected}), or -1 for a write that has nothing to count.
 */
enum DataPath {
    GET_ITEM("GetItem", false) {
        @Override
        int run(Call c) {
            var r = c.ddb.getItem(b -> b.tableName(c.table).key(Items.key(c.first())).consistentRead(true));
            return r.hasItem() && r.item().equals(c.first()) ? 1 : 0;
        }
    },
    PUT_ITEM("PutItem", false) {
        @Override
        int run(Call c) {
            c.ddb.putItem(b -> b.tableName(c.table).item(c.aim == Aim.WRITTEN ? c.changedFirst() : c.probe()));
            return -1;
        }
    },
    UPDATE_ITEM("UpdateItem", false) {
        @Override
        int run(Call c) {
            Map<String, AttributeValue> target = c.aim == Aim.WRITTEN ? c.first() : c.probe();
            c.ddb.updateItem(b -> b.tableName(c.table).key(Items.key(target)).updateExpression("SET note = :n")
                    .expressionAttributeValues(Map.of(":n", Items.s(CHANGED))).returnValues(ReturnValue.NONE));
            return -1;
        }
    },
    DELETE_ITEM("DeleteItem", false) {
        @Override
        int run(Call c) {
            c.ddb.deleteItem(b -> b.tableName(c.table).key(Items.key(c.aim == Aim.WRITTEN ? c.first() : c.probe())));
            return -1;
        }
    },
    QUERY_TABLE("Query on the table", false) {
        @Override
        int run(Call c) {
            return c.ddb.query(b -> b.tableName(c.table).keyConditionExpression("pk = :p").consistentRead(true)
                    .expressionAttributeValues(Map.of(":p", c.first().get("pk")))).count();
        }
    },
    QUERY_LSI("Query on the local secondary index", true) {
        @Override
        int run(Call c) {
            return c.ddb.query(b -> b.tableName(c.table).indexName(TableOps.LSI).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", c.first().get("pk")))).count();
        }
    },
    QUERY_GSI("Query on the global secondary index", true) {
        @Override
        int run(Call c) {
            return c.ddb.query(b -> b.tableName(c.table).indexName(TableOps.GSI).keyConditionExpression("gk = :g")
                    .expressionAttributeValues(Map.of(":g", c.first().get("gk")))).count();
        }
    },
    SCAN_TABLE("Scan of the table", false) {
        @Override
        int run(Call c) {
            return c.ddb.scan(b -> b.tableName(c.table).consistentRead(true)).count();
        }
    },
    SCAN_LSI("Scan of the local secondary index", true) {
        @Override
        int run(Call c) {
            return c.ddb.scan(b -> b.tableName(c.table).indexName(TableOps.LSI)).count();
        }
    },
    SCAN_GSI("Scan of the global secondary index", true) {
        @Override
        int run(Call c) {
            return c.ddb.scan(b -> b.tableName(c.table).indexName(TableOps.GSI)).count();
        }
    },
    BATCH_GET_ITEM("BatchGetItem", false) {
        @Override
        int run(Call c) {
            List<Map<String, AttributeValue>> keys = c.written.stream().map(Items::key).toList();
            BatchGetItemResponse r = c.ddb.batchGetItem(b -> b.requestItems(Map.of(c.table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
            return r.hasResponses() ? r.responses().getOrDefault(c.table, List.of()).size() : 0;
        }
    },
    BATCH_WRITE_ITEM("BatchWriteItem", false) {
        @Override
        int run(Call c) {
            List<WriteRequest> writes = new ArrayList<>();
            if (c.aim == Aim.WRITTEN) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(c.changedFirst()).build()).build());
                writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Items.key(c.written.get(1))).build()).build());
            } else {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(c.probe()).build()).build());
            }
            BatchWriteItemResponse r = c.ddb.batchWriteItem(b -> b.requestItems(Map.of(c.table, writes)));
            // Writes left unprocessed are not done: counted as such, so that "works again" sees them.
            return r.hasUnprocessedItems() && !r.unprocessedItems().isEmpty() ? 0 : -1;
        }
    },
    /**
     * Records live 24 hours, so after days of key loss the stream may rightly be empty: with the key back, the path
     * first writes an item of its own and counts the records of that item.
     */
    GET_RECORDS("GetRecords on the table's stream", false) {
        @Override
        int run(Call c) {
            Map<String, AttributeValue> probe = c.probe();
            if (c.aim == Aim.PROBE) {
                c.ddb.putItem(b -> b.tableName(c.table).item(probe));
            }
            String arn = c.ddb.describeTable(b -> b.tableName(c.table)).table().latestStreamArn();
            int records = 0;
            for (var shard : c.streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
                String it = c.streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                for (var r : c.streams.getRecords(b -> b.shardIterator(it)).records()) {
                    records += r.dynamodb() != null && Items.key(probe).equals(r.dynamodb().keys()) ? 1 : 0;
                }
            }
            return records;
        }
    },
    CREATE_BACKUP("CreateBackup", false) {
        @Override
        int run(Call c) {
            c.ddb.createBackup(b -> b.tableName(c.table).backupName(c.table + "-path"));
            return -1;
        }
    };

    /** What a path's writes aim at. */
    enum Aim { WRITTEN, PROBE }

    static final String CHANGED = "changed by a call that should have been refused";

    /** One run of a path: the clients, the table's real name and the items the scenario wrote to it. */
    record Call(DynamoDbClient ddb, DynamoDbStreamsClient streams, String table, List<Map<String, AttributeValue>> written, Aim aim) {
        Map<String, AttributeValue> first() {
            return written.get(0);
        }

        Map<String, AttributeValue> changedFirst() {
            Map<String, AttributeValue> m = new java.util.LinkedHashMap<>(first());
            m.put("note", Items.s(CHANGED));
            return m;
        }

        /** An item of its own, under another index partition than the written ones, so no count of theirs moves. */
        Map<String, AttributeValue> probe() {
            Map<String, AttributeValue> m = new java.util.LinkedHashMap<>(Items.item(9000, "probe"));
            m.put("gk", Items.s("probe"));
            return m;
        }
    }

    private final String phrase;
    private final boolean index;

    DataPath(String phrase, boolean index) {
        this.phrase = phrase;
        this.index = index;
    }

    abstract int run(Call c);

    /** Whether the path reads a secondary index (its refusal is also EAR-IDX-001's). */
    boolean index() {
        return index;
    }

    /**
     * What a read sees on a table holding the {@code written} items, with none of the scenario's probes in any count
     * (-1 for a write). GetItem counts the first item when it comes back unchanged; a Query by partition key finds one
     * item; the global index's partition and the scans find them all; BatchGetItem asks for them all; the stream
     * holds the one record of the item the path wrote.
     */
    int expected(List<Map<String, AttributeValue>> written) {
        return switch (this) {
            case GET_ITEM, QUERY_TABLE, QUERY_LSI, GET_RECORDS -> 1;
            case QUERY_GSI, SCAN_TABLE, SCAN_LSI, SCAN_GSI, BATCH_GET_ITEM -> written.size();
            case PUT_ITEM, UPDATE_ITEM, DELETE_ITEM, BATCH_WRITE_ITEM, CREATE_BACKUP -> -1;
        };
    }

    @Override
    public String toString() {
        return phrase;
    }
}
