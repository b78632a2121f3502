package earkit.reference.reliability;

import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The reference in a process of its own (this test classpath), so that a test can kill it with SIGKILL.
 * {@link #main} is that process: it serves {@code --data-dir} and prints its port.
 */
final class ServerProcess implements AutoCloseable {
    private static final String READY = "earkit-ready port=";
    private final Process process;
    private final URI endpoint;

    private ServerProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static ServerProcess start(Path dataDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire runs tests from a manifest-only jar; its property holds the real classpath.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", classpath,
                ServerProcess.class.getName(), dataDir.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(READY)) {
                        return Integer.parseInt(line.substring(READY.length()).trim());
                    }
                }
                throw new IllegalStateException("the server process ended before it was ready");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return new ServerProcess(p, URI.create("http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS)));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("the server process did not start: " + e, e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** SIGKILL: no shutdown hook, no final commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server process survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withDataDir(new File(args[0]).toPath()));
        System.out.println(READY + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
