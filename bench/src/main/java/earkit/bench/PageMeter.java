package earkit.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Wall time and the server's CPU time over a series of calls. */
final class PageMeter {
    ChildProcess server; // the server now running: the --data-dir rows gather calls over several starts
    private final List<Long> nanos = new ArrayList<>();
    private long cpu;

    PageMeter(ChildProcess server) {
        this.server = server;
    }

    void time(Runnable call) {
        time(() -> {
            call.run();
            return null;
        });
    }

    <T> T time(java.util.function.Supplier<T> call) {
        return time(call, answer -> true);
    }

    /** The call timed, and recorded only if {@code counts} holds for its answer. */
    <T> T time(java.util.function.Supplier<T> call, java.util.function.Predicate<T> counts) {
        long c0 = server.cpuNanos();
        long t0 = System.nanoTime();
        T answer = call.get();
        long wall = System.nanoTime() - t0;
        long used = server.cpuNanos() - c0;
        if (counts.test(answer)) {
            nanos.add(wall);
            cpu += used;
        }
        return answer;
    }

    void into(ObjectNode o, String name) {
        o.put(name + "Calls", nanos.size());
        o.put(name + "Millis", nanos.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e6);
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        o.put(name + "MedianMillis", sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2] / 1e6);
        o.put(name + "CpuMillis", cpu / 1e6 / nanos.size());
    }
}
