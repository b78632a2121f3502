package earkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The results file a person reads: the machine, the targets with their verdicts, then every measurement. */
final class Markdown {
    /**
     * Writes {@code results-X.md} again from {@code results-X.json}: a results file stays readable by the renderer's
     * later rules (bench/README.md, "Rerun").
     */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length != 1 || !args[0].endsWith(".json")) {
            System.err.println("usage: Markdown bench/results/results-<stamp>.json");
            System.exit(2);
        }
        java.nio.file.Path json = java.nio.file.Path.of(args[0]);
        String md = render(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()));
        java.nio.file.Files.writeString(json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", ".md")), md);
    }

    private Markdown() {
    }

    static String render(JsonNode root) {
        StringBuilder md = new StringBuilder();
        JsonNode m = root.path("machine");
        md.append("# earkit benchmark results\n\n");
        md.append("| | |\n|---|---|\n");
        for (String k : new String[] {"date", "cpuModel", "cores", "memory", "os", "jdk", "loadAverageBefore", "loadAverageAfter"}) {
            md.append("| ").append(k).append(" | ").append(m.path(k).asText()).append(" |\n");
        }
        md.append(f("\nEach target first runs every operation for %.0f s with 4 callers (not recorded, so both JVMs have compiled "
                + "their hot paths); each throughput run then has %.0f s of warm-up and %.0f s measured, repeated %d times, the "
                + "repetition with the highest throughput kept (with its own latencies and CPU). 1 KB items; SDK v2 sync "
                + "client (Apache HTTP, one connection per caller, no retries) over loopback; every server in a process of its own.\n\n",
                root.path("serverWarmupSeconds").asDouble(), root.path("warmupSeconds").asDouble(), root.path("measureSeconds").asDouble(),
                root.path("repetitions").asInt(1)));
        targets(root, md);
        throughput(root, md);
        if (root.path("pages").isObject()) {
            PageCostReport.section(md, root.path("pages"));
        }
        serverPath(root, md);
        crypto(root, md);
        return md.toString();
    }

    private static void targets(JsonNode root, StringBuilder md) {
        md.append("## Targets\n\n| Target | Measured | Met |\n|---|---|---|\n");
        if (!root.path("throughput").isEmpty()) {
            throughputTargets(root, md);
        }
        JsonNode k = root.path("kms");
        if (k.isObject()) {
            kms(md, k);
        }
        JsonNode s = root.path("scale");
        if (s.isObject()) {
            scale(md, s);
        }
        JsonNode c = root.path("cold");
        if (c.isObject()) {
            cold(md, c);
        }
        JsonNode y = root.path("year");
        if (y.isObject()) {
            year(md, y);
        }
        if (root.path("pages").isObject()) {
            PageCostReport.targets(md, root.path("pages"));
        }
        suite(md, root.path("suite"));
        suiteOnTwoThreads(md, root.path("suite"));
        md.append('\n');
    }

    private static void throughputTargets(JsonNode root, StringBuilder md) {
        for (String op : new String[] {"PutItem", "GetItem"}) {
            for (int callers : new int[] {1, 4}) {
                double r = ratio(root, "cmk", op, callers);
                String target = f("%s under a customer managed key, %d caller(s), ≥ 0.9 of the no-op ceiling", op, callers);
                if (Double.isNaN(r)) {
                    row(md, target, "not measured (cmk or the ceiling not run)", null);
                    continue;
                }
                row(md, target, f("%.2f", r), r >= 0.9);
            }
        }
        for (String op : new String[] {"PutItem", "GetItem"}) {
            for (int callers : new int[] {1, 4}) {
                Double ref = cpu(root, "cmk", op, callers);
                Double dyn = cpu(root, "dynalite", op, callers);
                String target = f("%s server CPU per call, %d caller(s), ≤ 1/3 of dynalite's", op, callers);
                if (ref == null || dyn == null) {
                    row(md, target, "not measured (" + (ref == null ? "reference" : "dynalite") + " not run)", null);
                } else {
                    row(md, target, f("%.0f µs vs %.0f µs = %.2f", ref, dyn, ref / dyn), ref / dyn <= 1 / 3.0);
                }
            }
        }
        for (String op : new String[] {"PutItem", "GetItem", "Query"}) {
            for (int callers : new int[] {1, 4}) {
                double cmk = cps(root, "cmk", op, callers);
                double plain = cps(root, "plaintext", op, callers);
                String target = f("%s, %d caller(s): customer managed key ≤ 15 %% below the unencrypted path", op, callers);
                if (Double.isNaN(cmk) || Double.isNaN(plain)) {
                    // a run narrowed by BENCH_TARGETS or BENCH_OPS: no figure is no verdict
                    row(md, target, "not measured (" + (Double.isNaN(cmk) ? "cmk" : "plaintext") + " " + op + " not run)", null);
                    continue;
                }
                double loss = 1 - cmk / plain;
                row(md, target, f("%.0f vs %.0f calls/s: %+.1f %%", cmk, plain, -100 * loss), loss <= 0.15);
            }
        }
    }

    private static void kms(StringBuilder md, JsonNode k) {
        row(md, f("Decrypt calls for %d operations on one kept-alive connection within 5 virtual minutes = 1",
                k.path("keptAliveOperations").asLong()), String.valueOf(k.path("keptAliveDecrypts").asLong()),
                k.path("keptAliveDecrypts").asLong() == 1);
        row(md, f("Decrypt calls for %d operations, each on a new connection = %d", k.path("newConnectionOperations").asLong(),
                k.path("newConnectionOperations").asLong()), String.valueOf(k.path("newConnectionDecrypts").asLong()),
                k.path("newConnectionDecrypts").asLong() == k.path("newConnectionOperations").asLong());
    }

    private static void scale(StringBuilder md, JsonNode s) {
        row(md, "1,000,000 items of 1 KB in ≤ 3 GiB of heap",
                f("%.2f GiB (%.0f bytes per item, %,d items per GiB; measured with %,d items)", s.path("heapGiBFor1MItems").asDouble(),
                        s.path("heapBytesPerItem").asDouble(), s.path("itemsPerGiB").asLong(), s.path("heapItems").asLong()),
                s.path("heapGiBFor1MItems").asDouble() <= 3);
        long items = s.path("restartItems").asLong();
        double data = items * s.path("itemBytes").asDouble();
        // 1.5 GB for 1,000,000 items, scaled to a smaller --items
        double bound = 1.5e9 * items / 1_000_000;
        double settled = s.path("dataDirBytesSettled").asDouble();
        row(md, f("--data-dir holding %,d items of 1 KB, once writes settle, ≤ %.0f MB (1.5 GB for 1,000,000)", items, bound / 1e6),
                f("%.0f MB, %.2f times the items' %.0f MB (%s%.0f MB right after the load, %.0f MB once the server had not written"
                                + " its files for 10 s, %.0f s after the load, %.0f MB once stopped)",
                        settled / 1e6, settled / data, data / 1e6, s.has("dataDirBytesPeakWhileLoading")
                                ? f("at most %.0f MB = %.2f times while loading, ", s.path("dataDirBytesPeakWhileLoading").asDouble() / 1e6,
                                        s.path("dataDirBytesPeakWhileLoading").asDouble() / data) : "",
                        s.path("dataDirBytesAfterLoad").asDouble() / 1e6, settled / 1e6,
                        s.path("settleSeconds").asDouble(), s.path("restartDataDirBytes").asDouble() / 1e6), settled <= bound);
        row(md, "Writes while the store compacts: p99.9 latency ≤ 50 ms",
                f("p99.9 %.1f ms, longest %.1f ms, over %,d BatchWriteItem calls of 25 items (2 callers, %.0f s)",
                        s.path("loadP999Millis").asDouble(), s.path("loadMaxMillis").asDouble(), s.path("loadCalls").asLong(),
                        s.path("restartLoadSeconds").asDouble()), s.path("loadP999Millis").asDouble() <= 50);
        row(md, f("Restart with --data-dir holding %,d items, process start to the first answered GetItem, ≤ 3 s", items),
                f("%.1f s (listening after %.1f s; %s of the server's CPU by the answer; %s)", s.path("restartFirstReadSeconds").asDouble(),
                        s.path("restartListeningSeconds").asDouble(), s.has("restartFirstReadCpuSeconds")
                                ? f("%.1f s", s.path("restartFirstReadCpuSeconds").asDouble()) : "unknown",
                        s.path("restartCommand").asText("ServeReference")), s.path("restartFirstReadSeconds").asDouble() <= 3);
        if (s.has("restartFirstQuerySeconds")) {
            row(md, "Then the first Query of that table, which sorts the partition it reads in memory (no target)",
                    f("%.1f s", s.path("restartFirstQuerySeconds").asDouble()), null);
        }
    }

    /** Moving the clock costs the events due, not the time crossed (no per-table hourly work). */
    private static void year(StringBuilder md, JsonNode y) {
        double seconds = y.path("advanceSeconds").asDouble();
        long calls = y.path("dynamoDbKmsCalls").asLong();
        long rotations = y.path("rotations").asLong();
        long expected = y.path("expectedRotations").asLong();
        row(md, f("Advance one virtual year with %d tables under customer managed keys, no traffic: ≤ 1 s, and KMS calls only "
                        + "for the events of the year (no DynamoDB call; each key's rotations)", y.path("tables").asInt()),
                f("%.3f s; %d KMS calls by DynamoDB; %d rotations (expected %d); %d other KMS events", seconds, calls, rotations,
                        expected, y.path("otherKmsEvents").asLong()),
                seconds <= 1 && calls == 0 && rotations == expected && y.path("otherKmsEvents").asLong() == 0);
    }

    private static void suite(StringBuilder md, JsonNode suite) {
        String target = "Whole suite against the reference, JVM start included, < 12 s";
        if (suite.hasNonNull("seconds")) {
            String first = suite.hasNonNull("firstSeconds")
                    ? f("; the first run after a build, which also writes the class-data archive: %.1f s, load average %s",
                            suite.path("firstSeconds").asDouble(), suite.path("firstLoadAverage").asText("?"))
                    : "";
            int exit = suite.path("exitCode").asInt(0);
            row(md, target, f("%.1f s (%s; load average %s%s)%s", suite.path("seconds").asDouble(), suite.path("command").asText(),
                            suite.path("loadAverage").asText("?"), first, failed(exit)),
                    suite.path("seconds").asDouble() < 12 && exit == 0);
        } else {
            row(md, target, "not measured: " + suite.path("reason").asText("no suite timing given"), null);
        }
    }

    /** A fresh {@code kit serve}: how soon it answers, and how fast its first calls go against the same process warm. */
    private static void cold(StringBuilder md, JsonNode c) {
        row(md, "Fresh `kit serve`: process start to first answer (reported, no bar)",
                f("first answer (ListTables) after %.2f s, %.2f s of CPU; listening after %.2f s; a table under a new customer "
                        + "managed key ACTIVE after %.2f s; class data sharing archive %s; the first start after a build "
                        + "(which writes it) answered after %.2f s%s", c.path("firstAnswerSeconds").asDouble(),
                        c.path("firstAnswerCpuSeconds").asDouble(), c.path("listeningSeconds").asDouble(),
                        c.path("tableActiveSeconds").asDouble(), c.path("archiveUsed").asBoolean() ? "used" : "**not used**",
                        c.path("firstStartFirstAnswerSeconds").asDouble(),
                        c.path("kitJavaOpts").asText().isEmpty() ? "" : " (KIT_JAVA_OPTS " + c.path("kitJavaOpts").asText() + ")"),
                null);
        if (c.has("serverJvmOptions")) {
            StringBuilder options = new StringBuilder();
            c.path("serverJvmOptions").forEach(o -> options.append(options.length() == 0 ? "" : " ").append(o.asText()));
            row(md, "Fresh `kit serve`: the JVM measured (reported, no bar)", f("Java %s (`%s`), options `%s`",
                    c.path("serverJavaVersion").asText("?"), c.path("serverJava").asText(),
                    options.length() == 0 ? "none" : options.toString().replace("|", "\\|")), null);
        }
        double warm = c.path("warmCallsPerSecond").asDouble();
        row(md, f("Fresh `kit serve`, its first %,d calls (PutItem and GetItem, 1 caller) ≥ 0.6 of the same process warm",
                        c.path("calls").asLong()),
                f("%.0f calls/s = %.2f of warm %.0f calls/s (%.2f of the ceiling; warm %.2f of the ceiling); server CPU %.0f µs "
                                + "per call, warm %.0f µs", c.path("firstCallsPerSecond").asDouble(), c.path("firstCallsToWarm").asDouble(),
                        warm, c.path("firstCallsToCeiling").asDouble(), c.path("warmToCeiling").asDouble(),
                        c.path("firstCallsCpuMicrosPerCall").asDouble(), c.path("warmCpuMicrosPerCall").asDouble()),
                c.path("firstCallsToWarm").asDouble() >= 0.6);
        row(md, f("Fresh `kit serve`, its first %.0f s of calls (reported, no bar)", c.path("windowSeconds").asDouble()),
                f("%.0f calls/s = %.2f of warm (%.2f of the ceiling)", c.path("firstWindowCallsPerSecond").asDouble(),
                        c.path("firstWindowToWarm").asDouble(), c.path("firstWindowToCeiling").asDouble()), null);
    }

    private static void throughput(JsonNode root, StringBuilder md) {
        md.append("## Throughput and latency\n\n`ceiling` is the no-op endpoint; `cmk` a table under a customer managed key; "
                + "`owned` under the AWS owned key; `plaintext` the unencrypted diagnostic path (Fault.PLAINTEXT_AT_REST); "
                + "`dynalite` dynalite in memory.\n\n");
        md.append("| Target | Operation | Callers | Calls/s | Ratio to ceiling | p50 ms | p99 ms | Server CPU µs/call | BenchClients' CPU µs/call | Errors |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode r : root.path("throughput")) {
            String target = r.path("target").asText();
            String op = r.path("op").asText();
            int callers = r.path("callers").asInt();
            md.append(f("| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %s | %.0f | %d |\n", target, op, callers,
                    r.path("callsPerSecond").asDouble(), ratio(root, target, op, callers), r.path("p50Millis").asDouble(),
                    r.path("p99Millis").asDouble(), r.path("serverCpuMicrosPerCall").isNull() ? "" : f("%.0f", r.path("serverCpuMicrosPerCall").asDouble()),
                    r.path("clientCpuMicrosPerCall").asDouble(), r.path("errors").asLong()));
        }
        if (root.path("dynalite").isTextual()) {
            md.append("\ndynalite: ").append(root.path("dynalite").asText()).append('\n');
        }
        md.append('\n');
    }

    private static void serverPath(JsonNode root, StringBuilder md) {
        JsonNode rows = root.path("serverPath").path("rows");
        if (rows.isMissingNode() || rows.isEmpty()) {
            return;
        }
        md.append("## The reference's own path (JMH, one thread, no socket)\n\nFrom a received, signed request to the answer's "
                + "bytes under a customer managed key (RouterBenchmark): SigV4, JSON, HMAC naming, AES-GCM and the store. The "
                + "server CPU per call above is this plus the operating system's and Netty's share.\n\n");
        md.append("| Operation | µs per call | ± |\n|---|---|---|\n");
        for (JsonNode r : rows) {
            md.append(f("| %s | %.1f | %s |\n", r.path("operation").asText(), r.path("micros").asDouble(), error(r, "%.1f")));
        }
        md.append('\n');
    }

    private static void crypto(JsonNode root, StringBuilder md) {
        JsonNode rows = root.path("crypto").path("rows");
        if (rows.isMissingNode()) {
            md.append("## AES-256-GCM\n\nnot measured (no JMH result given)\n");
            return;
        }
        md.append("## AES-256-GCM (JMH, one thread, fresh nonce per seal, 64 bytes of associated data)\n\n");
        md.append("| Provider | Operation | Bytes | ops/s | ± | MB/s |\n|---|---|---|---|---|---|\n");
        for (JsonNode r : rows) {
            md.append(f("| %s | %s | %d | %.0f | %s | %.0f |\n", r.path("provider").asText(), r.path("operation").asText(),
                    r.path("bytes").asInt(), r.path("opsPerSecond").asDouble(), error(r, "%.0f"),
                    r.path("megabytesPerSecond").asDouble()));
        }
    }

    /** JMH's error margin; none (a dash) when a single iteration ran, as in a smoke run. */
    private static String error(JsonNode r, String format) {
        double e = r.path("error").asDouble(Double.NaN);
        return Double.isNaN(e) ? "–" : f(format, e);
    }

    /**
     * {@code --threads 2} against {@code --threads 1}: the scenarios share the machine's two cores, so two threads must
     * not take longer. Results from before {@code --threads 1} was measured on its own compare with {@code ./kit run},
     * which then ran one thread.
     */
    private static void suiteOnTwoThreads(StringBuilder md, JsonNode suite) {
        boolean apart = suite.hasNonNull("threads1Seconds");
        double one = suite.path(apart ? "threads1Seconds" : "seconds").asDouble(Double.NaN);
        if (suite.hasNonNull("threads2Seconds") && !Double.isNaN(one)) {
            double two = suite.path("threads2Seconds").asDouble();
            int exit = Math.max(suite.path("threads2ExitCode").asInt(0), suite.path(apart ? "threads1ExitCode" : "exitCode").asInt(0));
            row(md, "Whole suite with `--threads 2`, no slower than `--threads 1`",
                    f("%.1f s against %.1f s (%s; load average %s, %s)%s", two, one,
                            apart ? "./kit run --threads 1" : suite.path("command").asText(),
                            suite.path("threads2LoadAverage").asText("?"),
                            suite.path(apart ? "threads1LoadAverage" : "loadAverage").asText("?"), failed(exit)),
                    two <= one && exit == 0);
        }
    }

    /** A timed run that did not end with status 0 (a failed scenario, a crash) proves nothing about speed. */
    private static String failed(int exitCode) {
        return exitCode == 0 ? "" : f(", but the run ended with status %d", exitCode);
    }

    private static void row(StringBuilder md, String target, String measured, Boolean met) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ")
                .append(met == null ? "–" : met ? "yes" : "**no**").append(" |\n");
    }

    private static JsonNode find(JsonNode root, String target, String op, int callers) {
        for (JsonNode r : root.path("throughput")) {
            if (r.path("target").asText().equals(target) && r.path("op").asText().equals(op) && r.path("callers").asInt() == callers) {
                return r;
            }
        }
        return null;
    }

    private static double cps(JsonNode root, String target, String op, int callers) {
        JsonNode r = find(root, target, op, callers);
        return r == null ? Double.NaN : r.path("callsPerSecond").asDouble();
    }

    private static double ratio(JsonNode root, String target, String op, int callers) {
        return cps(root, target, op, callers) / cps(root, "ceiling", op, callers);
    }

    private static Double cpu(JsonNode root, String target, String op, int callers) {
        JsonNode r = find(root, target, op, callers);
        return r == null || r.path("serverCpuMicrosPerCall").isNull() ? null : r.path("serverCpuMicrosPerCall").asDouble();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
