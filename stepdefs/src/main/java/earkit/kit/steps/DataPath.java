package earkit.kit.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
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
    },
    /** Reads every written item of every table of the call, in one transaction. */
    TRANSACT_GET_ITEMS("TransactGetItems", false) {
        @Override
        int run(Call c) {
            List<TransactGetItem> gets = new ArrayList<>();
            List<Map<String, AttributeValue>> asked = new ArrayList<>();
            for (Side side : c.sides()) {
                for (Map<String, AttributeValue> item : side.written()) {
                    gets.add(TransactGetItem.builder().get(g -> g.tableName(side.table()).key(Items.key(item))).build());
                    asked.add(item);
                    c.actionTables.add(side.table());
                }
            }
            var responses = c.ddb.transactGetItems(b -> b.transactItems(gets)).responses();
            int same = 0;
            for (int i = 0; i < responses.size() && i < asked.size(); i++) {
                same += asked.get(i).equals(responses.get(i).item()) ? 1 : 0;
            }
            return same;
        }
    },
    /** On each table of the call: the first written item changed and the second deleted, or a probe put. */
    TRANSACT_WRITE_ITEMS("TransactWriteItems", false) {
        @Override
        int run(Call c) {
            List<TransactWriteItem> writes = new ArrayList<>();
            for (Side side : c.sides()) {
                if (c.aim == Aim.WRITTEN) {
                    writes.add(TransactWriteItem.builder().put(p -> p.tableName(side.table()).item(changed(side.written().get(0)))).build());
                    writes.add(TransactWriteItem.builder().delete(d -> d.tableName(side.table()).key(Items.key(side.written().get(1)))).build());
                } else {
                    writes.add(TransactWriteItem.builder().put(p -> p.tableName(side.table()).item(c.probe())).build());
                }
                while (c.actionTables.size() < writes.size()) {
                    c.actionTables.add(side.table());
                }
            }
            c.ddb.transactWriteItems(b -> b.transactItems(writes));
            return -1;
        }
    },
    /** A PartiQL SELECT of the first item's partition: a Query through ExecuteStatement. */
    EXECUTE_STATEMENT_SELECT("ExecuteStatement of a SELECT", false) {
        @Override
        int run(Call c) {
            return c.ddb.executeStatement(b -> b.statement("SELECT * FROM \"" + c.table + "\" WHERE pk = ?")
                    .parameters(c.first().get("pk")).consistentRead(true)).items().size();
        }
    },
    /**
     * A PartiQL UPDATE of the first written item, or, with the key back, of a probe put just before (an UPDATE of an
     * item that does not exist fails its condition).
     */
    EXECUTE_STATEMENT_UPDATE("ExecuteStatement of an UPDATE", false) {
        @Override
        int run(Call c) {
            Map<String, AttributeValue> target = c.aim == Aim.WRITTEN ? c.first() : c.probe();
            if (c.aim == Aim.PROBE) {
                c.ddb.putItem(b -> b.tableName(c.table).item(target));
            }
            c.ddb.executeStatement(b -> b.statement("UPDATE \"" + c.table + "\" SET note = ? WHERE pk = ? AND sk = ?")
                    .parameters(Items.s(CHANGED), target.get("pk"), target.get("sk")));
            return -1;
        }
    },
    /**
     * PartiQL writes in one batch: the first written item updated and the second deleted, or a probe inserted. Each
     * statement's error code (or "none") goes to {@link Call#statementErrors}, where a refusal shows.
     */
    BATCH_EXECUTE_STATEMENT("BatchExecuteStatement", false) {
        @Override
        int run(Call c) {
            List<BatchStatementRequest> statements = new ArrayList<>();
            for (Side side : c.sides()) {
                partiqlWrites(c, side).forEach(w -> statements.add(BatchStatementRequest.builder().statement(w.statement())
                        .parameters(w.parameters()).build()));
            }
            var responses = c.ddb.batchExecuteStatement(b -> b.statements(statements)).responses();
            for (int i = 0; i < statements.size(); i++) {
                BatchStatementResponse r = i < responses.size() ? responses.get(i) : null;
                c.statementErrors.add(r == null ? "no answer" : r.error() == null ? "none" : r.error().codeAsString());
            }
            return c.statementErrors.stream().allMatch("none"::equals) ? -1 : 0;
        }
    },
    /** PartiQL writes in one transaction: on each table of the call, as {@link #BATCH_EXECUTE_STATEMENT}. */
    EXECUTE_TRANSACTION("ExecuteTransaction", false) {
        @Override
        int run(Call c) {
            List<ParameterizedStatement> statements = new ArrayList<>();
            for (Side side : c.sides()) {
                statements.addAll(partiqlWrites(c, side));
                while (c.actionTables.size() < statements.size()) {
                    c.actionTables.add(side.table());
                }
            }
            c.ddb.executeTransaction(b -> b.transactStatements(statements));
            return -1;
        }
    };

    /** The PartiQL writes a path sends to one table: see {@link #BATCH_EXECUTE_STATEMENT}. */
    private static List<ParameterizedStatement> partiqlWrites(Call c, Side side) {
        String table = "\"" + side.table() + "\"";
        if (c.aim == Aim.PROBE) {
            Map<String, AttributeValue> probe = c.probe();
            String value = probe.keySet().stream().map(name -> "'" + name + "': ?").collect(java.util.stream.Collectors.joining(", "));
            return List.of(ParameterizedStatement.builder().statement("INSERT INTO " + table + " VALUE {" + value + "}")
                    .parameters(List.copyOf(probe.values())).build());
        }
        Map<String, AttributeValue> first = side.written().get(0);
        Map<String, AttributeValue> second = side.written().get(1);
        return List.of(
                ParameterizedStatement.builder().statement("UPDATE " + table + " SET note = ? WHERE pk = ? AND sk = ?")
                        .parameters(Items.s(CHANGED), first.get("pk"), first.get("sk")).build(),
                ParameterizedStatement.builder().statement("DELETE FROM " + table + " WHERE pk = ? AND sk = ?")
                        .parameters(second.get("pk"), second.get("sk")).build());
    }

    private static Map<String, AttributeValue> changed(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> m = new java.util.LinkedHashMap<>(item);
        m.put("note", Items.s(CHANGED));
        return m;
    }

    /** What a path's writes aim at. */
    enum Aim { WRITTEN, PROBE }

    static final String CHANGED = "changed by a call that should have been refused";

    /** A table of a call (its real name) and the items the scenario wrote to it. */
    record Side(String table, List<Map<String, AttributeValue>> written) {
    }

    /**
     * One run of a path: the clients, the table's real name and the items the scenario wrote to it; {@code healthy},
     * if not null, a second table that a transaction names first (a target checking only the first table's key lets
     * the transaction through); {@code run}, a number of the run within the scenario, which keeps each run's probe
     * apart; {@code statementErrors}, filled by a path whose refusals come per statement; {@code actionTables}, filled
     * by a transaction with the table of each of its actions in request order, which its cancellation reasons follow.
     */
    record Call(DynamoDbClient ddb, DynamoDbStreamsClient streams, String table, List<Map<String, AttributeValue>> written, Aim aim,
                Side healthy, int run, List<String> statementErrors, List<String> actionTables) {
        Call(DynamoDbClient ddb, DynamoDbStreamsClient streams, String table, List<Map<String, AttributeValue>> written, Aim aim,
             Side healthy, int run) {
            this(ddb, streams, table, written, aim, healthy, run, new ArrayList<>(), new ArrayList<>());
        }

        Map<String, AttributeValue> first() {
            return written.get(0);
        }

        Map<String, AttributeValue> changedFirst() {
            return changed(first());
        }

        /** The healthy table first, if any, then the path's own. */
        List<Side> sides() {
            Side own = new Side(table, written);
            return healthy == null ? List.of(own) : List.of(healthy, own);
        }

        /** An item of its own, under another index partition than the written ones, so no count of theirs moves. */
        Map<String, AttributeValue> probe() {
            Map<String, AttributeValue> m = new java.util.LinkedHashMap<>(Items.item(9000 + run, "probe"));
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
     * (-1 for a write). TransactGetItems counts the written items of every table of the call that come back unchanged;
     * ExecuteStatement's SELECT finds the first item's partition. GetItem counts the first item when it comes back unchanged; a Query by partition key finds one
     * item; the global index's partition and the scans find them all; BatchGetItem asks for them all; the stream
     * holds the one record of the item the path wrote.
     */
    int expected(Call c) {
        return switch (this) {
            case GET_ITEM, QUERY_TABLE, QUERY_LSI, GET_RECORDS, EXECUTE_STATEMENT_SELECT -> 1;
            case QUERY_GSI, SCAN_TABLE, SCAN_LSI, SCAN_GSI, BATCH_GET_ITEM -> c.written().size();
            case TRANSACT_GET_ITEMS -> c.sides().stream().mapToInt(s -> s.written().size()).sum();
            case PUT_ITEM, UPDATE_ITEM, DELETE_ITEM, BATCH_WRITE_ITEM, CREATE_BACKUP, TRANSACT_WRITE_ITEMS, EXECUTE_STATEMENT_UPDATE,
                 BATCH_EXECUTE_STATEMENT, EXECUTE_TRANSACTION -> -1;
        };
    }

    /** Whether a run with the key back leaves its probe, whole, in each table of the call. */
    boolean leavesProbe() {
        return switch (this) {
            case PUT_ITEM, BATCH_WRITE_ITEM, TRANSACT_WRITE_ITEMS, BATCH_EXECUTE_STATEMENT, EXECUTE_TRANSACTION -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return phrase;
    }
}
