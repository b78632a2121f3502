package earkit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * RouterBenchmark's two paths timed by the calling thread's CPU time instead of wall time: on a shared machine a
 * thread that is not scheduled spends no CPU, so the figure moves far less with the load than JMH's. Each round runs
 * {@code calls} PutItem and then {@code calls} GetItem; the best round of each is printed, with every round beside it.
 * Usage: {@code RouterCpu [rounds] [calls]} (defaults 7 and 50,000).
 */
public final class RouterCpu {
    private RouterCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        RouterBenchmark bench = new RouterBenchmark();
        bench.start();
        try {
            double bestPut = Double.MAX_VALUE;
            double bestGet = Double.MAX_VALUE;
            StringBuilder all = new StringBuilder();
            for (int r = 0; r < rounds; r++) {
                double put = perCall(cpu, calls, bench::putItem);
                double get = perCall(cpu, calls, bench::getItem);
                bestPut = Math.min(bestPut, put);
                bestGet = Math.min(bestGet, get);
                all.append(String.format(Locale.ROOT, " %.2f/%.2f", put, get));
            }
            System.out.printf(Locale.ROOT, "PutItem %.2f us, GetItem %.2f us of CPU per call (best of %d rounds of %d; each round put/get:%s); load %s%n",
                    bestPut, bestGet, rounds, calls, all, new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
        } finally {
            bench.stop();
        }
    }

    private static double perCall(ThreadMXBean cpu, int calls, Supplier<?> call) {
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            if (call.get() == null) {
                throw new IllegalStateException("no answer");
            }
        }
        return (cpu.getCurrentThreadCpuTime() - start) / 1000.0 / calls;
    }
}
