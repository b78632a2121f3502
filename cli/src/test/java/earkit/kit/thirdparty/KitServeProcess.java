package earkit.kit.thirdparty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code kit serve --port 0} in a JVM of its own, as a user starts the reference for a remote run. */
final class KitServeProcess implements AutoCloseable {
    private static final String READY = "earkit reference listening on ";
    private final Process process;
    private final URI endpoint;
    private final CompletableFuture<String> rest;

    private KitServeProcess(Process process, URI endpoint, CompletableFuture<String> rest) {
        this.process = process;
        this.endpoint = endpoint;
        this.rest = rest;
    }

    static KitServeProcess start(String... extraArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "earkit.kit.cli.Kit", "serve", "--port", "0"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(READY)) {
                        return URI.create(line.substring(READY.length()).trim());
                    }
                }
                throw new IllegalStateException("kit serve exited before listening");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            URI endpoint = ready.get(60, TimeUnit.SECONDS);
            CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
                StringBuilder lines = new StringBuilder();
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.append(line).append('\n');
                    }
                } catch (IOException e) {
                    lines.append("(stdout unreadable: ").append(e).append(")\n");
                }
                return lines.toString();
            });
            return new KitServeProcess(p, endpoint, rest);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** Stops the server with SIGTERM, as Ctrl-C or a service manager would, and returns what it printed after it was ready. */
    String stop() throws Exception {
        process.toHandle().destroy(); // SIGTERM; Process.destroy would also close the streams before they are read
        String printed = rest.get(20, TimeUnit.SECONDS);
        close();
        return printed;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
