package earkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The end-to-end benchmark. Every server runs in a process of its own (its CPU time read from /proc),
 * every call goes through the SDK v2 sync client over loopback. Writes {@code results-<stamp>.json} and
 * {@code .md}. Options ({@code --name value}): out, stamp, serverWarmup (seconds per operation before a
 * target's first measurement), warmup (seconds before each measurement), seconds, repetitions (of each
 * measurement; the one with the highest throughput is kept), kmsOps, newConnectionOps,
 * heapItems, restartItems, dynalite (path of its executable), jmh (JMH's JSON result), suite (JSON of
 * the suite's timing, written by bench/run), loadBefore, parts (any of throughput,kms,scale,cold,year; all by default),
 * kit (the kit script that {@code cold} starts as {@code kit serve}), coldCalls (10,000) and coldSeconds (30): the cold
 * figures' first calls and first window,
 * yearTables (tables under customer managed keys while the clock moves a year; 100),
 * targets (of the throughput part: any of ceiling,cmk,owned,plaintext,dynalite; all by default), ops (any of
 * PutItem,GetItem,Query; all by default), callers (concurrent callers per measurement: any of 1,4; both by
 * default), pageItems (the large table of the pages part; 1,000,000), pageStores (any of memory,dataDir; both by default).
 */
public final class LoadDriver {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> SERVER_JVM = serverJvm();
    private static final String SERVE = ServeReference.class.getName();

    private final Map<String, String> opts;
    private final double warmup;
    private final double seconds;
    private final double serverWarmup;
    private final int repetitions;
    private final ObjectNode root = JSON.createObjectNode();
    private final List<Workload.Result> results = new ArrayList<>();

    private LoadDriver(Map<String, String> opts) {
        this.opts = opts;
        this.warmup = Double.parseDouble(opts.getOrDefault("warmup", "2"));
        this.seconds = Double.parseDouble(opts.getOrDefault("seconds", "5"));
        this.serverWarmup = Double.parseDouble(opts.getOrDefault("serverWarmup", "8"));
        this.repetitions = Integer.parseInt(opts.getOrDefault("repetitions", "3"));
    }

    /** The servers' JVM options; {@code BENCH_SERVER_JVM_OPTS} adds to them (e.g. a JFR recording to see where the time goes). */
    private static List<String> serverJvm() {
        List<String> jvm = new ArrayList<>(List.of("-Xmx2g"));
        String extra = System.getenv().getOrDefault("BENCH_SERVER_JVM_OPTS", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        return List.copyOf(jvm);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new LoadDriver(opts).runAll();
    }

    private void runAll() throws Exception {
        root.set("machine", Machine.describe(opts.get("loadBefore")));
        root.put("serverWarmupSeconds", serverWarmup);
        root.put("warmupSeconds", warmup);
        root.put("measureSeconds", seconds);
        root.put("repetitions", repetitions);
        if (opts.containsKey("jmh") && Files.exists(Path.of(opts.get("jmh")))) {
            JsonNode jmh = JSON.readTree(Path.of(opts.get("jmh")).toFile());
            root.set("crypto", JmhResults.crypto(jmh));
            root.set("serverPath", JmhResults.serverPath(jmh));
        }
        String parts = opts.getOrDefault("parts", "throughput,kms,scale,cold,year,pages");
        if (parts.contains("throughput")) {
            throughput(List.of(opts.getOrDefault("targets", "ceiling,cmk,owned,plaintext,dynalite").split(",")));
        }
        ArrayNode rs = root.putArray("throughput");
        results.forEach(r -> rs.add(JSON.valueToTree(r)));
        root.set("kms", parts.contains("kms") ? kmsCost() : JSON.nullNode());
        // cold before scale: its first start writes the kit's class data sharing archive, which the restart then uses
        root.set("cold", parts.contains("cold") ? ColdStart.measure(kit(), SERVER_JVM,
                Integer.parseInt(opts.getOrDefault("coldCalls", "10000")), Double.parseDouble(opts.getOrDefault("coldSeconds", "30")),
                serverWarmup, seconds) : JSON.nullNode());
        root.set("scale", parts.contains("scale") ? scale() : JSON.nullNode());
        root.set("year", parts.contains("year")
                ? VirtualYear.measure(Integer.parseInt(opts.getOrDefault("yearTables", "100")), SERVER_JVM, SERVE) : JSON.nullNode());
        root.set("pages", parts.contains("pages")
                ? PageCost.measure(Integer.parseInt(opts.getOrDefault("pageItems", "1000000")),
                        Set.of(opts.getOrDefault("pageStores", "memory,dataDir").split(",")), SERVER_JVM, SERVE) : JSON.nullNode());
        root.set("suite", opts.containsKey("suite") ? JSON.readTree(Path.of(opts.get("suite")).toFile()) : JSON.nullNode());
        root.withObject("/machine").put("loadAverageAfter", Machine.loadAverage());
        Path out = Path.of(opts.getOrDefault("out", "results"));
        Files.createDirectories(out);
        String stamp = opts.getOrDefault("stamp", Instant.now().toString().substring(0, 10));
        Files.writeString(out.resolve("results-" + stamp + ".json"), JSON.writeValueAsString(root));
        Files.writeString(out.resolve("results-" + stamp + ".md"), Markdown.render(root));
        System.out.println("wrote " + out.resolve("results-" + stamp + ".md"));
    }

    private Path kit() {
        return Path.of(opts.getOrDefault("kit", "../kit"));
    }

    /** One target of the throughput part: a server, the table it is measured on, the operations it runs. */
    private record Target(String name, ChildProcess server, String table, List<Workload.Op> ops) {
    }

    /**
     * Every chosen target's server is started and warmed up first; then each cell (operation, callers) runs its
     * repetitions round by round, every target once per round. A shared machine's speed drifts by 10-20 % over
     * minutes; measured one after the other, ceiling and store saw different machines and their ratio moved by
     * as much. Interleaved, each ratio compares runs taken seconds apart. Idle servers use no CPU.
     */
    private void throughput(List<String> chosenTargets) throws InterruptedException {
        Set<String> chosenOps = Set.of(opts.getOrDefault("ops", "PutItem,GetItem,Query").split(","));
        int[] callerCounts = Arrays.stream(opts.getOrDefault("callers", "1,4").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<ChildProcess> servers = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        try {
            if (chosenTargets.contains("ceiling")) {
                ChildProcess noop = started(servers, ChildProcess.java("noop", SERVER_JVM, NoopServer.class.getName()));
                targets.add(new Target("ceiling", noop, "noop", List.of(Workload.Op.values())));
            }
            if (chosenTargets.contains("cmk") || chosenTargets.contains("owned")) {
                ChildProcess ref = started(servers, ChildProcess.java("reference", SERVER_JVM, SERVE));
                if (chosenTargets.contains("cmk")) {
                    targets.add(new Target("cmk", ref, loaded(ref.port, "cmk", BenchTables.Sse.CMK), List.of(Workload.Op.values())));
                }
                if (chosenTargets.contains("owned")) {
                    targets.add(new Target("owned", ref, loaded(ref.port, "owned", BenchTables.Sse.OWNED), List.of(Workload.Op.values())));
                }
            }
            if (chosenTargets.contains("plaintext")) {
                // The diagnostic path: the Fault PLAINTEXT_AT_REST server stores items unsealed (no AES-GCM).
                ChildProcess plain = started(servers, ChildProcess.java("plaintext", SERVER_JVM, SERVE, "--fault", "PLAINTEXT_AT_REST"));
                targets.add(new Target("plaintext", plain, loaded(plain.port, "plain", BenchTables.Sse.OWNED), List.of(Workload.Op.values())));
            }
            if (chosenTargets.contains("dynalite")) {
                Path exe = Path.of(opts.getOrDefault("dynalite", "node_modules/.bin/dynalite"));
                if (Files.isExecutable(exe)) {
                    ChildProcess d = started(servers, ChildProcess.dynalite(exe));
                    targets.add(new Target("dynalite", d, loaded(d.port, "plain", BenchTables.Sse.OWNED),
                            List.of(Workload.Op.PutItem, Workload.Op.GetItem)));
                } else {
                    root.put("dynalite", "not measured: " + exe + " is missing (npm ci in bench/)");
                }
            }
            // Both JVMs of each pair compile their hot paths first (the first seconds run 10-50 times slower); not recorded.
            for (Target t : targets) {
                for (Workload.Op op : t.ops()) {
                    if (chosenOps.contains(op.name())) {
                        Workload.run(t.name(), t.server().port, t.table(), op, 4, 0, serverWarmup, null);
                    }
                }
            }
            Map<String, Workload.Result> best = new HashMap<>();
            for (Workload.Op op : Workload.Op.values()) {
                if (!chosenOps.contains(op.name())) {
                    continue;
                }
                for (int callers : callerCounts) {
                    // The best of a few repetitions: on a shared machine other processes only ever take throughput away.
                    for (int i = 0; i < repetitions; i++) {
                        for (Target t : targets) {
                            if (t.ops().contains(op)) {
                                Workload.Result one = Workload.run(t.name(), t.server().port, t.table(), op, callers, warmup, seconds, t.server());
                                best.merge(t.name() + " " + op + " " + callers, one,
                                        (a, b) -> b.callsPerSecond() > a.callsPerSecond() ? b : a);
                            }
                        }
                    }
                }
            }
            for (Target t : targets) {
                for (Workload.Op op : t.ops()) {
                    for (int callers : callerCounts) {
                        Workload.Result r = best.get(t.name() + " " + op + " " + callers);
                        if (r != null) {
                            System.err.printf("%-10s %-8s x%d  %8.0f calls/s  p50 %.2f ms  p99 %.2f ms  cpu %s us/call (clients %.1f)  errors %d%n",
                                    t.name(), op, callers, r.callsPerSecond(), r.p50Millis(), r.p99Millis(), r.serverCpuMicrosPerCall(),
                                    r.clientCpuMicrosPerCall(), r.errors());
                            results.add(r);
                        }
                    }
                }
            }
        } finally {
            servers.forEach(ChildProcess::close);
        }
    }

    private static ChildProcess started(List<ChildProcess> servers, ChildProcess server) {
        servers.add(server);
        return server;
    }

    /** A table (for CMK under a new key) with the workload's items, checked readable; its name. */
    private static String loaded(int port, String name, BenchTables.Sse sse) throws InterruptedException {
        String table = BenchTables.create(port, name, sse);
        Workload.load(port, table, Workload.KEYS, 1);
        verifyRead(port, table);
        return table;
    }

    private static void verifyRead(int port, String table) {
        try (DynamoDbClient c = BenchClients.dynamoDb(port)) {
            if (!c.getItem(r -> r.tableName(table).key(Workload.key(7, "0"))).hasItem()) {
                throw new IllegalStateException("table " + table + " does not hold the loaded items");
            }
        }
    }

    /** Decrypt calls: N operations on one kept-alive connection within 5 virtual minutes, and M on new connections. */
    private ObjectNode kmsCost() throws Exception {
        int keptAliveOps = Integer.parseInt(opts.getOrDefault("kmsOps", "100000"));
        int newConnectionOps = Integer.parseInt(opts.getOrDefault("newConnectionOps", "1000"));
        ObjectNode k = JSON.createObjectNode();
        try (ChildProcess ref = ChildProcess.java("kms", SERVER_JVM, SERVE);
             CloudTrailClient trail = BenchClients.cloudTrail(ref.port)) {
            String table = BenchTables.create(ref.port, "kms", BenchTables.Sse.CMK);
            String clockBefore = control(ref.port, "GET", "/_kit/clock", null).path("now").asText();
            long before = decrypts(trail);
            long t0 = System.nanoTime();
            try (DynamoDbClient c = BenchClients.dynamoDb(ref.port)) {
                for (int i = 0; i < keptAliveOps; i++) {
                    if (i == keptAliveOps / 2) {
                        // Half-way, 4 of the 5 virtual minutes pass: the connection's table key stays cached.
                        control(ref.port, "POST", "/_kit/clock/advance", "{\"by\":\"PT4M\"}");
                    }
                    Workload.call(c, table, i % 2 == 0 ? Workload.Op.PutItem : Workload.Op.GetItem, i % Workload.KEYS);
                }
            }
            long keptAlive = decrypts(trail) - before;
            k.put("keptAliveOperations", keptAliveOps);
            k.put("keptAliveDecrypts", keptAlive);
            k.put("keptAliveSeconds", (System.nanoTime() - t0) / 1e9);
            k.put("virtualClockFrom", clockBefore);
            k.put("virtualClockTo", control(ref.port, "GET", "/_kit/clock", null).path("now").asText());
            long mid = decrypts(trail);
            try (DynamoDbClient c = BenchClients.dynamoDb(ref.port, true)) {
                for (int i = 0; i < newConnectionOps; i++) {
                    Workload.call(c, table, Workload.Op.GetItem, i % Workload.KEYS);
                }
            }
            k.put("newConnectionOperations", newConnectionOps);
            k.put("newConnectionDecrypts", decrypts(trail) - mid);
        }
        System.err.println("kms " + k);
        return k;
    }

    private static long decrypts(CloudTrailClient trail) {
        return trail.lookupEventsPaginator(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                .attributeValue("Decrypt"))).events().stream().count();
    }

    private ObjectNode scale() throws Exception {
        ObjectNode s = JSON.createObjectNode();
        int heapItems = Integer.parseInt(opts.getOrDefault("heapItems", "1000000"));
        int restartItems = Integer.parseInt(opts.getOrDefault("restartItems", "1000000"));
        try (ChildProcess probe = ChildProcess.javaUntil("scale", List.of("-Xmx8g"), "heap ",
                ScaleProbe.class.getName(), String.valueOf(heapItems))) {
            String[] f = probe.readyLine.split(" ");
            long before = Long.parseLong(f[1]);
            long after = Long.parseLong(f[2]);
            double perItem = (after - before) / (double) heapItems;
            s.put("heapItems", heapItems);
            s.put("heapBytesBefore", before);
            s.put("heapBytesAfter", after);
            s.put("heapBytesPerItem", perItem);
            s.put("itemsPerGiB", (long) ((1L << 30) / perItem));
            s.put("heapGiBFor1MItems", (before + perItem * 1_000_000) / (1L << 30));
        }
        System.err.println("heap " + s);
        Path dir = Files.createTempDirectory("earkit-bench-data");
        try {
            long loadStart = System.nanoTime();
            try (ChildProcess ref = ChildProcess.java("data-dir", SERVER_JVM, SERVE, "--data-dir", dir.toString())) {
                String table = BenchTables.create(ref.port, "restart", BenchTables.Sse.CMK);
                // what a user sees while the load runs: the directory's size looked at every half second
                long[] peak = {0};
                Thread watcher = new Thread(() -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            peak[0] = Math.max(peak[0], DataDirSize.of(dir));
                            Thread.sleep(500);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the load ended
                    }
                });
                watcher.start();
                long[] latencies;
                try {
                    latencies = Workload.load(ref.port, table, restartItems, 2);
                } finally {
                    watcher.interrupt();
                    watcher.join();
                }
                s.put("restartLoadSeconds", (System.nanoTime() - loadStart) / 1e9);
                s.put("dataDirBytesPeakWhileLoading", Math.max(peak[0], DataDirSize.of(dir)));
                s.put("dataDirBytesAfterLoad", DataDirSize.of(dir));
                // the store compacts in the background while it is written: the load's calls waited for it
                Arrays.sort(latencies);
                s.put("loadCalls", latencies.length);
                s.put("loadP999Millis", latencies[(int) Math.max(0, Math.ceil(latencies.length * 0.999) - 1)] / 1e6);
                s.put("loadMaxMillis", latencies[latencies.length - 1] / 1e6);
                long settleStart = System.nanoTime();
                s.put("dataDirBytesSettled", DataDirSize.settled(dir));
                s.put("settleSeconds", (System.nanoTime() - settleStart) / 1e9);
            }
            s.put("restartItems", restartItems);
            s.put("itemBytes", Workload.itemSize());
            s.put("restartDataDirBytes", DataDirSize.of(dir));
            long t0 = System.nanoTime();
            // restarted as a user restarts it: the kit script's own `kit serve`, with the JVM options the script gives it
            s.put("restartCommand", "kit serve --data-dir");
            try (ChildProcess ref = ColdStart.kitServe(kit(), "restart", "--data-dir", dir.toString())) {
                s.put("restartListeningSeconds", ref.readyNanos / 1e9);
                try (DynamoDbClient c = BenchClients.dynamoDb(ref.port)) {
                    if (!c.getItem(r -> r.tableName("restart").key(Workload.key(restartItems - 1, "0"))).hasItem()) {
                        throw new IllegalStateException("the last item is missing after the restart");
                    }
                    s.put("restartFirstReadSeconds", (System.nanoTime() - t0) / 1e9);
                    // the start's own work, which a busy machine does not stretch as it stretches the wall time
                    s.put("restartFirstReadCpuSeconds", ref.cpuNanos() / 1e9);
                    // A Query reads in key order, which the reference builds in memory (opening the entries of the
                    // partition it reads) the first time that partition is read after a start: measured, without a target.
                    long q0 = System.nanoTime();
                    if (c.query(r -> r.tableName("restart").keyConditionExpression("pk = :p").expressionAttributeValues(
                            Map.of(":p", AttributeValue.fromS(Workload.key(0))))).count() != 1) {
                        throw new IllegalStateException("the first item's partition does not hold it after the restart");
                    }
                    s.put("restartFirstQuerySeconds", (System.nanoTime() - q0) / 1e9);
                }
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.err.println("scale " + s);
        return s;
    }

    static JsonNode control(int port, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
