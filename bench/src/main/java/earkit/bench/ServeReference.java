package earkit.bench;

import earkit.reference.Fault;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The reference as a process of its own, so that its CPU time can be read from the operating system.
 * What {@code kit serve} does, plus {@code --fault F} (the benchmark's unencrypted diagnostic path is
 * {@code --fault PLAINTEXT_AT_REST}). Usage: {@code ServeReference PORT [--data-dir D] [--fault F]...};
 * prints {@code listening PORT} when ready.
 */
public final class ServeReference {
    private ServeReference() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerOptions options = ServerOptions.defaults().withPort(Integer.parseInt(args[0]));
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> options = options.withDataDir(Path.of(args[i + 1]));
                case "--fault" -> faults.add(Fault.valueOf(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ReferenceServer server = ReferenceServer.start(options.withFaults(faults));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "serve-reference-stop"));
        System.out.println("listening " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
