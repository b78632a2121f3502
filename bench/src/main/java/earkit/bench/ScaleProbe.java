package earkit.bench;

import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap the in-memory store needs per item: the reference in this JVM, a table under a customer managed
 * key, {@code N} items of 1 KB written through the SDK over loopback, heap used after a full GC before
 * and after. Usage: {@code ScaleProbe PORT N}; prints {@code heap <bytesBefore> <bytesAfter> <items>}.
 */
public final class ScaleProbe {
    private ScaleProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withPort(Integer.parseInt(args[0])))) {
            String table = BenchTables.create(server.port(), "scale", BenchTables.Sse.CMK);
            Workload.load(server.port(), table, 10, 1);
            long before = heapAfterGc();
            Workload.load(server.port(), table, n, 2);
            long after = heapAfterGc();
            System.out.println("heap " + before + " " + after + " " + n);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
