package earkit.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fresh reference as a test suite meets it: started by {@code kit serve} (the script, with whatever JVM options it
 * gives), then called at once. Measured from the process's start: when it listens, when it first answers (ListTables),
 * when a table under a new customer managed key is ACTIVE; then, from the first call of the workload (1 caller,
 * PutItem of an item and GetItem of it, in turn), the calls per second over the first {@code calls} calls and over the
 * first {@code windowSeconds} seconds, and, once warm, over {@code measureSeconds}. The same mix against the no-op
 * endpoint, warm, is the ceiling; it runs first, so the driver's own client code is compiled before the fresh server is.
 */
final class ColdStart {
    private static final String READY = "earkit reference listening on ";

    private ColdStart() {
    }

    static ObjectNode measure(Path kit, List<String> ceilingJvm, int calls, double windowSeconds, double warmupSeconds,
                              double measureSeconds) throws InterruptedException {
        ObjectNode c = LoadDriver.JSON.createObjectNode();
        c.put("command", kit.getFileName() + " serve");
        c.put("kitJavaOpts", System.getenv().getOrDefault("KIT_JAVA_OPTS", ""));
        c.put("calls", calls);
        c.put("windowSeconds", windowSeconds);
        built(kit);
        try (ChildProcess noop = ChildProcess.java("cold-ceiling", ceilingJvm, NoopServer.class.getName());
             DynamoDbClient ceiling = BenchClients.dynamoDb(noop.port)) {
            // Compiles the driver's own client code (and the ceiling's) before any reference starts.
            warmUp(noop.port, "noop", warmupSeconds);
            coldServer(kit, calls, windowSeconds, warmupSeconds, c, (port, table, client, server) -> {
                // Warm: the same process once every operation has run with 4 callers, measured in turns with the
                // ceiling (seconds apart, as the throughput part does), the best of three of each.
                warmUp(port, table, warmupSeconds);
                double best = 0;
                double bestCeiling = 0;
                double cpu = Double.NaN;
                for (int i = 0; i < 3; i++) {
                    bestCeiling = Math.max(bestCeiling, warm(ceiling, "noop", measureSeconds));
                    long cpu0 = server.cpuNanos();
                    long from = System.nanoTime();
                    double one = warm(client, table, measureSeconds);
                    if (one > best) {
                        best = one;
                        cpu = (server.cpuNanos() - cpu0) / 1e3 / (one * (System.nanoTime() - from) / 1e9);
                    }
                }
                c.put("ceilingCallsPerSecond", bestCeiling);
                c.put("warmCallsPerSecond", best);
                c.put("warmCpuMicrosPerCall", cpu);
            });
        }
        double warm = c.path("warmCallsPerSecond").asDouble();
        double ceiling = c.path("ceilingCallsPerSecond").asDouble();
        c.put("firstCallsToWarm", c.path("firstCallsPerSecond").asDouble() / warm);
        c.put("firstWindowToWarm", c.path("firstWindowCallsPerSecond").asDouble() / warm);
        c.put("firstCallsToCeiling", c.path("firstCallsPerSecond").asDouble() / ceiling);
        c.put("firstWindowToCeiling", c.path("firstWindowCallsPerSecond").asDouble() / ceiling);
        c.put("warmToCeiling", warm / ceiling);
        System.err.println("cold " + c);
        return c;
    }

    /**
     * The kit script builds itself when any module's sources are newer than its build (bench's too): done here, before
     * anything is timed, so that no start measured below includes a build (or mixes Maven's output into its ready line).
     */
    private static void built(Path kit) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(kit.toString(), "--version").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(kit + " --version exited with " + p.exitValue());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What is measured of the fresh server once its cold figures are taken. */
    private interface Then {
        void measure(int port, String table, DynamoDbClient client, ChildProcess server) throws InterruptedException;
    }

    private static void coldServer(Path kit, int calls, double windowSeconds, double warmupSeconds, ObjectNode c, Then then)
            throws InterruptedException {
        // The first start after a build writes the kit's class data sharing archive as it exits (see the kit script);
        // a suite's server is started again and again, so the start measured is the one after it.
        Path archive = kit.resolveSibling("cli/target/kit-serve.jsa");
        c.put("archiveBeforeFirstStart", Files.exists(archive));
        int first = ChildProcess.freePort();
        long firstStart = System.nanoTime();
        try (ChildProcess ref = ChildProcess.command("cold-first", first, serve(kit, first), READY);
             DynamoDbClient client = BenchClients.dynamoDb(first)) {
            client.listTables();
            c.put("firstStartFirstAnswerSeconds", since(firstStart));
            mix(client, BenchTables.create(first, "cold", BenchTables.Sse.CMK), 0, 2 * Workload.KEYS, Long.MAX_VALUE);
        }
        int port = ChildProcess.freePort();
        long start = System.nanoTime();
        try (ChildProcess ref = ChildProcess.command("cold", port, serve(kit, port), READY);
             DynamoDbClient client = BenchClients.dynamoDb(port)) {
            c.put("listeningSeconds", since(start));
            client.listTables();
            c.put("firstAnswerSeconds", since(start));
            // On a busy machine the wall time above is mostly waiting for a core; the CPU time is the start's own work.
            c.put("firstAnswerCpuSeconds", ref.cpuNanos() / 1e9);
            c.put("archiveUsed", Files.exists(archive) && !"0".equals(System.getenv("KIT_CDS")));
            jvm(ref.pid(), c);
            String table = BenchTables.create(port, "cold", BenchTables.Sse.CMK);
            c.put("tableActiveSeconds", since(start));
            long cpu0 = ref.cpuNanos();
            long from = System.nanoTime();
            long[] ends = new long[calls];
            int done = mix(client, table, 0, calls, Long.MAX_VALUE, ends);
            // The server's CPU per call (its compiler threads included) depends less on the machine's load than calls/s.
            c.put("firstCallsCpuMicrosPerCall", (ref.cpuNanos() - cpu0) / 1e3 / done);
            c.put("firstCallsSeconds", (ends[done - 1] - from) / 1e9);
            c.put("firstCallsPerSecond", calls / ((ends[done - 1] - from) / 1e9));
            long windowEnd = from + seconds(windowSeconds);
            int inWindow = 0;
            while (inWindow < done && ends[inWindow] <= windowEnd) {
                inWindow++;
            }
            if (inWindow == done) {
                inWindow += mix(client, table, done, Long.MAX_VALUE, windowEnd);
            }
            c.put("firstWindowCalls", inWindow);
            c.put("firstWindowCallsPerSecond", inWindow / windowSeconds);
            then.measure(port, table, client, ref);
        }
    }

    /**
     * What was measured: the Java runtime and the JVM options of the server process as it runs (the kit script execs
     * java, so the process is the JVM; its options are what the script gave plus KIT_JAVA_OPTS), read from /proc.
     */
    private static void jvm(long pid, ObjectNode c) {
        try {
            Path java = Path.of("/proc/" + pid + "/exe").toRealPath();
            c.put("serverJava", java.toString());
            Path release = java.getParent().resolveSibling("release");
            if (Files.exists(release)) {
                Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_RUNTIME_VERSION=") || l.startsWith("JAVA_VERSION="))
                        .reduce((a, b) -> b.startsWith("JAVA_RUNTIME_VERSION=") ? b : a)
                        .ifPresent(l -> c.put("serverJavaVersion", l.substring(l.indexOf('=') + 1).replace("\"", "")));
            }
            String[] cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0");
            com.fasterxml.jackson.databind.node.ArrayNode options = c.putArray("serverJvmOptions");
            for (int i = 1; i < cmdline.length && !cmdline[i].equals("-cp") && !cmdline[i].equals("-classpath"); i++) {
                options.add(cmdline[i]);
            }
        } catch (java.io.IOException e) {
            c.put("serverJava", "unknown: " + e.getMessage());
        }
    }

    /** Every operation of the mix with 4 callers, as the throughput part warms its servers; not recorded. */
    private static void warmUp(int port, String table, double seconds) throws InterruptedException {
        for (Workload.Op op : new Workload.Op[] {Workload.Op.PutItem, Workload.Op.GetItem}) {
            Workload.run("warm-up", port, table, op, 4, 0, seconds, null);
        }
    }

    private static List<String> serve(Path kit, int port) {
        return List.of(kit.toString(), "serve", "--port", String.valueOf(port));
    }

    /** {@code kit serve --port P args...} on a free port, as a user starts it; ready when it says it listens. */
    static ChildProcess kitServe(Path kit, String name, String... args) {
        int port = ChildProcess.freePort();
        List<String> cmd = new java.util.ArrayList<>(serve(kit, port));
        cmd.addAll(List.of(args));
        return ChildProcess.command(name, port, cmd, READY);
    }

    private static double warm(DynamoDbClient client, String table, double measureSeconds) {
        long from = System.nanoTime();
        int n = mix(client, table, 0, Long.MAX_VALUE, from + seconds(measureSeconds));
        return n / ((System.nanoTime() - from) / 1e9);
    }

    private static int mix(DynamoDbClient client, String table, long first, long limit, long until) {
        return mix(client, table, first, limit, until, null);
    }

    /**
     * Calls {@code first, first+1, ...} until {@code limit} calls are done or {@code until} (System.nanoTime) has
     * passed: even calls PutItem of an item, odd ones GetItem of the item just written, so every read finds an item.
     * A call that fails ends the measurement: a cold server that refuses or drops calls has no throughput to report.
     * Returns the number of calls that ended by {@code until}; {@code ends}, when given, gets each call's end.
     */
    private static int mix(DynamoDbClient client, String table, long first, long limit, long until, long[] ends) {
        int n = 0;
        for (long i = first; n < limit; i++) {
            if (System.nanoTime() >= until) {
                break;
            }
            Workload.call(client, table, i % 2 == 0 ? Workload.Op.PutItem : Workload.Op.GetItem, (int) ((i / 2) % Workload.KEYS));
            long end = System.nanoTime();
            if (end > until) {
                break;
            }
            if (ends != null) {
                ends[n] = end;
            }
            n++;
        }
        return n;
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
