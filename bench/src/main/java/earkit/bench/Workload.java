package earkit.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One measured operation mix: {@code callers} threads, each with its own client (its own kept-alive
 * connection), calling as fast as answers come. Calls of the warm-up are not counted; of the measured
 * window every latency is kept, so p50 and p99 are exact.
 */
final class Workload {
    /** Items a table holds for GetItem and Query; each in a partition of its own. */
    static final int KEYS = 1000;
    static final String PAYLOAD = "x".repeat(1000);
    /** The driver's own CPU time: the clients' share of the machine (the servers run in processes of their own). */
    private static final OperatingSystemMXBean OWN_CPU = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    enum Op { PutItem, GetItem, Query }

    record Result(String target, String op, int callers, long calls, long errors, double seconds, double callsPerSecond,
                  double p50Millis, double p99Millis, Double serverCpuMicrosPerCall, double clientCpuMicrosPerCall) {
    }

    private Workload() {
    }

    static Map<String, AttributeValue> item(int i) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(key(i)));
        item.put("sk", AttributeValue.fromS("0"));
        item.put("payload", AttributeValue.fromS(PAYLOAD));
        return item;
    }

    /** An item's size as DynamoDB counts it (names and values, UTF-8): what "1 KB items" are. */
    static long itemSize() {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item(0).entrySet()) {
            size += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + e.getValue().s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return size;
    }

    static Map<String, AttributeValue> key(int i, String sort) {
        return Map.of("pk", AttributeValue.fromS(key(i)), "sk", AttributeValue.fromS(sort));
    }

    static String key(int i) {
        return String.format("k%07d", i);
    }

    /**
     * Writes items {@code 0..n-1} with BatchWriteItem (25 a call) from {@code threads} callers.
     *
     * @return every call's latency in nanoseconds
     */
    static long[] load(int port, String table, int n, int threads) throws InterruptedException {
        return load(port, table, n, threads, Workload::item);
    }

    /** Writes items {@code item(0)..item(n-1)} the same way (see {@link #load(int, String, int, int)}). */
    static long[] load(int port, String table, int n, int threads, java.util.function.IntFunction<Map<String, AttributeValue>> item)
            throws InterruptedException {
        AtomicLong next = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                long[] mine = new long[n / 25 + 16];
                int count = 0;
                try (DynamoDbClient c = BenchClients.dynamoDb(port)) {
                    long from;
                    while ((from = next.getAndAdd(25)) < n) {
                        List<WriteRequest> batch = new ArrayList<>();
                        for (long i = from; i < Math.min(n, from + 25); i++) {
                            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item.apply((int) i)).build()).build());
                        }
                        Map<String, List<WriteRequest>> left = Map.of(table, batch);
                        while (!left.isEmpty()) {
                            long start = System.nanoTime();
                            left = c.batchWriteItem(BatchWriteItemRequest.builder().requestItems(left).build()).unprocessedItems();
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, mine.length * 2);
                            }
                            mine[count++] = System.nanoTime() - start;
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
                synchronized (latencies) {
                    for (int i = 0; i < count; i++) {
                        latencies.add(mine[i]);
                    }
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("loading " + table + " failed", failures.get(0));
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    static Result run(String target, int port, String table, Op op, int callers, double warmupSeconds,
                      double measureSeconds, ChildProcess server) throws InterruptedException {
        long[][] latencies = new long[callers][];
        int[] counts = new int[callers];
        AtomicLong errors = new AtomicLong();
        CountDownLatch started = new CountDownLatch(callers);
        long t0 = System.nanoTime();
        long measureFrom = t0 + (long) (warmupSeconds * 1e9);
        long measureTo = measureFrom + (long) (measureSeconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            int me = t;
            Thread th = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                try (DynamoDbClient c = BenchClients.dynamoDb(port)) {
                    started.countDown();
                    int i = me * 7919;
                    while (true) {
                        long s = System.nanoTime();
                        if (s >= measureTo) {
                            break;
                        }
                        try {
                            call(c, table, op, i++ % KEYS);
                        } catch (RuntimeException e) {
                            if (s >= measureFrom) {
                                errors.incrementAndGet();
                            }
                            continue;
                        }
                        long e = System.nanoTime();
                        if (s >= measureFrom && e <= measureTo) {
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = e - s;
                        }
                    }
                }
                latencies[me] = lat;
                counts[me] = n;
            }, "caller-" + t);
            threads.add(th);
            th.start();
        }
        started.await();
        sleepUntil(measureFrom);
        long cpu0 = server == null ? 0 : server.cpuNanos();
        long own0 = OWN_CPU.getProcessCpuTime();
        sleepUntil(measureTo);
        long cpu1 = server == null ? 0 : server.cpuNanos();
        long own1 = OWN_CPU.getProcessCpuTime();
        for (Thread th : threads) {
            th.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < callers; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        Double cpuPerCall = server == null || total == 0 ? null : (cpu1 - cpu0) / 1000.0 / total;
        return new Result(target, op.name(), callers, total, errors.get(), measureSeconds, total / measureSeconds,
                percentile(all, 0.50), percentile(all, 0.99), cpuPerCall, total == 0 ? 0 : (own1 - own0) / 1000.0 / total);
    }

    static void call(DynamoDbClient c, String table, Op op, int i) {
        switch (op) {
            case PutItem -> c.putItem(r -> r.tableName(table).item(item(i)));
            case GetItem -> c.getItem(r -> r.tableName(table).key(key(i, "0")));
            case Query -> c.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(key(i)))));
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, idx)] / 1e6;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
