package earkit.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The cost of one page of Query and Scan over a small and a large table (issue 21: the same per page), and a GSI
 * backfill on the large one. Two tables under customer managed keys in one server, {@value #SMALL} items and
 * {@code items} items (1,000,000 by default), {@value #PER_PARTITION} to a partition, each item with a 100-character
 * payload (small items, so that the load of a million takes minutes, not tens of minutes; the page's cost per item is
 * the same for both tables). Measured in memory and with {@code --data-dir}, there after restarts, when no
 * partition's order is in memory yet. The two tables' calls take turns, so that both see the same machine. Client wall
 * time per call (SDK v2 sync over loopback; the median judged, a busy machine's stalls land in the mean) and the
 * server's CPU time per call.
 */
final class PageCost {
    static final int SMALL = 1000;
    static final int PER_PARTITION = 100;
    /** Partitions queried for the first time after the start, one Query each. */
    private static final int COLD_PARTITIONS = 4;
    private static final int WARM_QUERIES = 1000;
    private static final int SCAN_PAGES = 5;
    private static final int SCAN_WALKS = 50;
    /**
     * Starts of the --data-dir server, each followed by first reads of partitions (the last one by the rest too). Each
     * start gives the first-read rows 5 Scan pages and 4 Queries a table: 8 give them 40 and 32 calls, enough for a
     * median (3 gave 15 and 12, and the Scan row's ratio swung from 0.54 to 1.58 between runs).
     */
    static final int STARTS = 8;
    /** Items per value of {@code g}, the new index's partition key. */
    private static final int GROUPS = 1000;
    static final double TARGET = 1.25;
    private static final String PAYLOAD = "x".repeat(100);

    private PageCost() {
    }

    static Map<String, AttributeValue> item(int i) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(partition(i / PER_PARTITION)));
        item.put("sk", AttributeValue.fromS(String.format("s%03d", i % PER_PARTITION)));
        item.put("g", AttributeValue.fromS(String.format("g%04d", i % GROUPS)));
        item.put("payload", AttributeValue.fromS(PAYLOAD));
        return item;
    }

    private static String partition(int p) {
        return String.format("p%07d", p);
    }

    /** @param stores which stores to measure: any of {@code memory}, {@code dataDir} */
    static ObjectNode measure(int items, Set<String> stores, List<String> jvm, String serve) throws Exception {
        ObjectNode out = LoadDriver.JSON.createObjectNode();
        out.put("smallItems", SMALL);
        out.put("largeItems", items);
        out.put("itemsPerPartition", PER_PARTITION);
        if (stores.contains("memory")) {
            out.set("memory", inMemory(items, jvm, serve));
        }
        if (stores.contains("dataDir")) {
            out.set("dataDir", onDisk(items, jvm, serve));
        }
        System.err.println("pages " + out);
        return out;
    }

    private static ObjectNode inMemory(int items, List<String> jvm, String serve) throws Exception {
        ObjectNode o = LoadDriver.JSON.createObjectNode();
        try (ChildProcess ref = ChildProcess.java("pages-memory", jvm, serve)) {
            load(ref, "warm", SMALL, o);
            load(ref, "small", SMALL, o);
            load(ref, "large", items, o);
            warmUp(ref, new Subject(ref, "warm", SMALL));
            // In memory every partition's order is kept from its first write on: there is no first read to measure.
            Subject small = new Subject(ref, "small", SMALL);
            Subject large = new Subject(ref, "large", items);
            repeated(ref, small, large);
            o.set("small", small.json());
            o.set("large", large.json());
            o.set("backfill", backfill(ref, "large", items));
        }
        return o;
    }

    private static ObjectNode onDisk(int items, List<String> jvm, String serve) throws Exception {
        ObjectNode o = LoadDriver.JSON.createObjectNode();
        Path dir = Files.createTempDirectory("earkit-bench-pages");
        try {
            Subject warm;
            Subject small;
            Subject large;
            try (ChildProcess ref = ChildProcess.java("pages-data-dir", jvm, serve, "--data-dir", dir.toString())) {
                load(ref, "warm", SMALL, o);
                load(ref, "small", SMALL, o);
                load(ref, "large", items, o);
                // Found before the restarts, so that no partition has been read by the first reads after them.
                warm = new Subject(ref, "warm", SMALL);
                small = new Subject(ref, "small", SMALL);
                large = new Subject(ref, "large", items);
            }
            // Each start: no partition's order is in memory, the first page of each partition reads it from the store.
            for (int start = 0; start < STARTS; start++) {
                long t0 = System.nanoTime();
                try (ChildProcess ref = ChildProcess.java("pages-restart", jvm, serve, "--data-dir", dir.toString())) {
                    try (DynamoDbClient c = BenchClients.dynamoDb(ref.port)) {
                        if (!c.getItem(r -> r.tableName("large").key(key(items - 1))).hasItem()) {
                            throw new IllegalStateException("the last item is missing after the restart");
                        }
                    }
                    o.put("restartFirstReadSeconds", (System.nanoTime() - t0) / 1e9);
                    warmUp(ref, warm);
                    firstReads(ref, small, large);
                    if (start == STARTS - 1) {
                        repeated(ref, small, large);
                        o.set("backfill", backfill(ref, "large", items));
                    }
                }
            }
            o.set("small", small.json());
            o.set("large", large.json());
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return o;
    }

    /**
     * The same reads, not recorded, on a third table of {@value #SMALL} items: a fresh JVM runs its first thousands of
     * calls many times slower, which would fall on whichever table came first.
     */
    private static void warmUp(ChildProcess ref, Subject warm) {
        firstReads(ref, warm, warm.again());
        for (int i = 0; i < 2; i++) {
            repeated(ref, warm, warm.again());
        }
    }

    /** One table measured: its name and size, the ExclusiveStartKey half-way through it, a meter per kind of read. */
    private static final class Subject {
        final String table;
        final int items;
        final Map<String, AttributeValue> middle;
        final Map<String, PageMeter> meters = new java.util.LinkedHashMap<>();

        Subject(ChildProcess ref, String table, int items) {
            this(table, items, middle(ref, table, items));
        }

        private Subject(String table, int items, Map<String, AttributeValue> middle) {
            this.table = table;
            this.items = items;
            this.middle = middle;
        }

        /** The same table with meters of its own (the warm-up's second subject). */
        Subject again() {
            return new Subject(table, items, middle);
        }

        /**
         * The key half-way through the table in Scan order. Scan runs in token order, not key order: from the item
         * half-way by key, a walk of the small table could reach its end within a page and record short pages.
         */
        private static Map<String, AttributeValue> middle(ChildProcess ref, String table, int items) {
            try (DynamoDbClient c = BenchClients.dynamoDb(ref.port)) {
                Map<String, AttributeValue> from = null;
                int seen = 0;
                while (seen < items / 2) {
                    Map<String, AttributeValue> after = from;
                    int limit = Math.min(1000, items / 2 - seen);
                    ScanResponse r = c.scan(s -> s.tableName(table).limit(limit).exclusiveStartKey(after));
                    seen += r.count();
                    from = r.lastEvaluatedKey();
                }
                return from;
            }
        }

        /** The row's meter, on the server now running (the --data-dir rows gather calls over several starts). */
        PageMeter meter(ChildProcess ref, String row) {
            PageMeter m = meters.computeIfAbsent(row, r -> new PageMeter(ref));
            m.server = ref;
            return m;
        }

        ObjectNode json() {
            ObjectNode o = LoadDriver.JSON.createObjectNode();
            meters.forEach((row, m) -> m.into(o, row));
            return o;
        }
    }

    /**
     * The reads that find partitions not read since the start, the two tables' calls taking turns (a shared
     * machine's speed drifts; taking turns, both see the same): a Scan from the middle, then Queries of partitions
     * it did not read.
     */
    private static void firstReads(ChildProcess ref, Subject a, Subject b) {
        try (DynamoDbClient c = BenchClients.dynamoDb(ref.port)) {
            List<Subject> both = List.of(a, b);
            // A connection's first call to a table fetches the table key from KMS: not a page's cost, so done first.
            both.forEach(s -> c.getItem(r -> r.tableName(s.table).key(key(0))));
            Map<Subject, Set<String>> read = new HashMap<>();
            Map<Subject, Map<String, AttributeValue>> from = new HashMap<>();
            both.forEach(s -> from.put(s, s.middle));
            for (int page = 0; page < SCAN_PAGES; page++) {
                for (Subject s : turns(a, b, page)) {
                    if (from.containsKey(s)) {
                        Map<String, AttributeValue> next = scanPage(c, s.table, from.get(s), s.meter(ref, "scanMiddleFirst"),
                                read.computeIfAbsent(s, k -> new HashSet<>()));
                        if (next == null) {
                            from.remove(s);
                        } else {
                            from.put(s, next);
                        }
                    }
                }
            }
            Map<Subject, List<String>> cold = new HashMap<>();
            for (Subject s : both) {
                int partitions = s.items / PER_PARTITION;
                List<String> mine = new ArrayList<>();
                for (int p = 0; p < partitions && mine.size() < COLD_PARTITIONS; p += Math.max(1, partitions / 10)) {
                    if (!read.get(s).contains(partition(p))) {
                        mine.add(partition(p));
                    }
                }
                cold.put(s, mine);
            }
            for (int k = 0; k < COLD_PARTITIONS; k++) {
                for (Subject s : turns(a, b, k)) {
                    if (k < cold.get(s).size()) {
                        String pk = cold.get(s).get(k);
                        s.meter(ref, "queryFirst").time(() -> expectPage(query(c, s.table, pk).count(), PER_PARTITION, false));
                    }
                }
            }
        }
    }

    /** Whose call comes first changes every round: the second of two calls in a row may find caches the first warmed. */
    private static List<Subject> turns(Subject a, Subject b, int round) {
        return round % 2 == 0 ? List.of(a, b) : List.of(b, a);
    }

    /** Queries of partitions already read, and Scans walked from the start and from the middle, taking turns. */
    private static void repeated(ChildProcess ref, Subject a, Subject b) {
        try (DynamoDbClient c = BenchClients.dynamoDb(ref.port)) {
            for (int k = 0; k < WARM_QUERIES; k++) {
                for (Subject s : turns(a, b, k)) {
                    String pk = partition((int) ((long) (k % COLD_PARTITIONS) * (s.items / PER_PARTITION) / COLD_PARTITIONS));
                    s.meter(ref, "query").time(() -> expectPage(query(c, s.table, pk).count(), PER_PARTITION, false));
                }
            }
            for (int w = 0; w < SCAN_WALKS; w++) {
                for (Subject s : turns(a, b, w)) {
                    walk(c, s.table, null, s.meter(ref, "scanStart"));
                    walk(c, s.table, s.middle, s.meter(ref, "scanMiddle"));
                }
            }
        }
    }

    private static Map<String, AttributeValue> key(int i) {
        Map<String, AttributeValue> item = item(i);
        return Map.of("pk", item.get("pk"), "sk", item.get("sk"));
    }

    private static void load(ChildProcess ref, String table, int n, ObjectNode o) throws InterruptedException {
        BenchTables.create(ref.port, table, BenchTables.Sse.CMK);
        long t0 = System.nanoTime();
        Workload.load(ref.port, table, n, 2, PageCost::item);
        o.put(table + "LoadSeconds", (System.nanoTime() - t0) / 1e9);
    }

    private static QueryResponse query(DynamoDbClient c, String table, String pk) {
        return c.query(r -> r.tableName(table).keyConditionExpression("pk = :p").limit(PER_PARTITION)
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk))));
    }

    /** Up to {@value #SCAN_PAGES} pages of Limit 100, each from the last key of the one before (fewer at the table's end). */
    private static void walk(DynamoDbClient c, String table, Map<String, AttributeValue> from, PageMeter meter) {
        Map<String, AttributeValue> start = from;
        for (int page = 0; page < SCAN_PAGES && (page == 0 || start != null); page++) {
            start = scanPage(c, table, start, meter, new HashSet<>());
        }
    }

    /**
     * One Scan page of Limit 100 after {@code from}; the partition keys it read go to {@code read}; its LastEvaluatedKey
     * or null. Only a full page is recorded: a short or empty one at the table's end is cheaper than any page of 100.
     * (Before the walks started from the middle in Scan order, the small table's walk from its middle by key could
     * reach the end within a page, and such pages made its pages look cheaper: 1.46-1.54x in two runs.)
     */
    private static Map<String, AttributeValue> scanPage(DynamoDbClient c, String table, Map<String, AttributeValue> from,
                                                        PageMeter meter, Set<String> read) {
        ScanResponse r = meter.time(() -> c.scan(s -> s.tableName(table).limit(PER_PARTITION).exclusiveStartKey(from)),
                page -> page.count() == PER_PARTITION);
        boolean last = !r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty();
        expectPage(r.count(), PER_PARTITION, last);
        r.items().forEach(i -> read.add(i.get("pk").s()));
        return last ? null : r.lastEvaluatedKey();
    }

    private static void expectPage(int count, int n, boolean last) {
        if (last ? count > n : count != n) {
            throw new IllegalStateException("a page held " + count + " items, not " + n);
        }
    }

    /**
     * UpdateTable adding a GSI on {@code g} to the large table: the time the call takes, until DescribeTable shows the
     * index ACTIVE, and until a Query through it answers one value's items. The reference backfills within UpdateTable
     * (on no clock, virtual or real): ACTIVE at once after it.
     */
    private static ObjectNode backfill(ChildProcess ref, String table, int items) throws InterruptedException {
        ObjectNode o = LoadDriver.JSON.createObjectNode();
        long cpu0 = ref.cpuNanos();
        long t0 = System.nanoTime();
        try (DynamoDbClient c = BenchClients.dynamoDb(ref.port)) {
            c.updateTable(r -> r.tableName(table)
                    .attributeDefinitions(a -> a.attributeName("g").attributeType(ScalarAttributeType.S))
                    .globalSecondaryIndexUpdates(u -> u.create(g -> g.indexName("byG")
                            .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
            o.put("updateTableSeconds", (System.nanoTime() - t0) / 1e9);
            for (int i = 0; ; i++) {
                if (c.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().get(0).indexStatus()
                        == IndexStatus.ACTIVE) {
                    break;
                }
                if (i == 6000) {
                    throw new IllegalStateException("the index did not become ACTIVE in 10 minutes");
                }
                Thread.sleep(100);
            }
            o.put("activeSeconds", (System.nanoTime() - t0) / 1e9);
            int expected = items / GROUPS;
            int found = 0;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse r = c.query(q -> q.tableName(table).indexName("byG").keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("g0007"))).exclusiveStartKey(from));
                found += r.count();
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
            if (found != expected) {
                throw new IllegalStateException("the index answered " + found + " items of g0007, not " + expected);
            }
            o.put("queryableSeconds", (System.nanoTime() - t0) / 1e9);
            o.put("serverCpuSeconds", (ref.cpuNanos() - cpu0) / 1e9);
            o.put("items", items);
        }
        return o;
    }
}
