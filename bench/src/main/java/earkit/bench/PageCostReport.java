package earkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The pages part ({@link PageCost}) in the results file: its rows of the Targets table and its own section. */
final class PageCostReport {
    private static final String[][] ROWS = {
            {"queryFirst", "Query, a page of 100 (one partition), the partition's first read since the start"},
            {"query", "Query, a page of 100 (one partition), repeated"},
            {"scanMiddleFirst", "Scan, Limit 100, from the middle (ExclusiveStartKey), partitions not read since the start"},
            {"scanStart", "Scan, Limit 100, from the start, walked with ExclusiveStartKey"},
            {"scanMiddle", "Scan, Limit 100, from the middle, walked with ExclusiveStartKey"},
    };

    private PageCostReport() {
    }

    /** The Targets table's rows: per page, the large table's median wall time over the small one's, ≤ 1.25. */
    static void targets(StringBuilder md, JsonNode pg) {
        for (String store : new String[] {"memory", "dataDir"}) {
            JsonNode s = pg.path(store);
            for (String[] row : ROWS) {
                if (!s.path("small").has(row[0] + "Calls")) {
                    continue; // in memory there is no first read of a partition
                }
                double small = s.path("small").path(row[0] + "MedianMillis").asDouble(Double.NaN);
                double large = s.path("large").path(row[0] + "MedianMillis").asDouble(Double.NaN);
                double ratio = large / small;
                md.append(f("| %s, %s: %,d items cost the same per page as %,d (median, ≤ %.2f×) | %.2f ms vs %.2f ms: %.2f× | %s |\n",
                        row[1], store.equals("memory") ? "in memory" : "--data-dir after a restart",
                        pg.path("largeItems").asInt(), pg.path("smallItems").asInt(), PageCost.TARGET, large, small, ratio,
                        Double.isNaN(ratio) ? "–" : ratio <= PageCost.TARGET ? "yes" : "**no**"));
            }
            JsonNode b = s.path("backfill");
            if (b.isObject()) {
                md.append(f("| GSI backfill on %,d items (%s): completes and is measured | UpdateTable %.1f s, ACTIVE after %.1f s, "
                                + "queryable after %.1f s (server CPU %.1f s) | %s |\n", b.path("items").asInt(),
                        store.equals("memory") ? "in memory" : "--data-dir", b.path("updateTableSeconds").asDouble(),
                        b.path("activeSeconds").asDouble(), b.path("queryableSeconds").asDouble(),
                        b.path("serverCpuSeconds").asDouble(), "yes"));
            }
        }
    }

    /** The section with every figure: wall (median, mean) and server CPU per page, per table and store. */
    static void section(StringBuilder md, JsonNode pg) {
        md.append(f("## Query and Scan pages over %,d and %,d items\n\nTables under customer managed keys, %d items to a "
                        + "partition, items of about 130 bytes, the two tables' calls taking turns; the --data-dir rows over %d "
                        + "starts (first reads) and the last (the rest). Per call, in ms: client wall time median / mean, and the "
                        + "server's CPU time (from /proc, in 10 ms ticks: meaningful over many calls only).\n\n"
                        + "| | store | calls | %,d items: median / mean / CPU | %,d items: median / mean / CPU | ratio (median) |\n"
                        + "|---|---|---|---|---|---|\n", pg.path("smallItems").asInt(), pg.path("largeItems").asInt(),
                pg.path("itemsPerPartition").asInt(), PageCost.STARTS, pg.path("smallItems").asInt(), pg.path("largeItems").asInt()));
        for (String store : new String[] {"memory", "dataDir"}) {
            JsonNode s = pg.path(store);
            for (String[] row : ROWS) {
                JsonNode a = s.path("small");
                JsonNode b = s.path("large");
                if (!a.has(row[0] + "Calls")) {
                    continue;
                }
                md.append(f("| %s | %s | %d | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f |\n", row[1], store,
                        a.path(row[0] + "Calls").asInt(), a.path(row[0] + "MedianMillis").asDouble(), a.path(row[0] + "Millis").asDouble(),
                        a.path(row[0] + "CpuMillis").asDouble(), b.path(row[0] + "MedianMillis").asDouble(),
                        b.path(row[0] + "Millis").asDouble(), b.path(row[0] + "CpuMillis").asDouble(),
                        b.path(row[0] + "MedianMillis").asDouble() / a.path(row[0] + "MedianMillis").asDouble()));
            }
        }
        List<String> loads = new ArrayList<>();
        if (pg.path("memory").isObject()) {
            loads.add(f("%.0f s in memory", pg.path("memory").path("largeLoadSeconds").asDouble()));
        }
        if (pg.path("dataDir").isObject()) {
            loads.add(f("%.0f s with --data-dir; after the last restart the first GetItem answered %.2f s after process start",
                    pg.path("dataDir").path("largeLoadSeconds").asDouble(), pg.path("dataDir").path("restartFirstReadSeconds").asDouble()));
        }
        md.append(f("\nLoad (BatchWriteItem, 2 callers) of the %,d items: %s.\n\n", pg.path("largeItems").asInt(), String.join(", ", loads)));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
