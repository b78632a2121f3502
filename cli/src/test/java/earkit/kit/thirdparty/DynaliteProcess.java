package earkit.kit.thirdparty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * dynalite (npm, installed by the build from {@code third-party/dynalite/package-lock.json}) in its own node
 * process on 127.0.0.1 and an ephemeral port. {@code start.js} exits when its stdin closes, so the server
 * goes with this JVM even if {@link #close()} is never reached.
 */
final class DynaliteProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private DynaliteProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static DynaliteProcess start() throws IOException {
        Path dir = directory();
        if (!Files.isDirectory(dir.resolve("node_modules/dynalite"))) {
            throw new IllegalStateException("dynalite is not installed in " + dir.toAbsolutePath()
                    + ": the build runs `npm ci` there (stepdefs, phase generate-test-resources)");
        }
        Process p = new ProcessBuilder("node", "start.js").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("LISTENING ")) {
                        return Integer.parseInt(line.substring("LISTENING ".length()).trim());
                    }
                }
                throw new IllegalStateException("dynalite exited before listening (exit " + p.waitFor() + ")");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("dynalite did not start: " + e, e);
            }
        });
        try {
            return new DynaliteProcess(p, port.get(30, TimeUnit.SECONDS));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("dynalite did not report its port within 30 s: " + e, e);
        }
    }

    /** {@code third-party/dynalite} from the project root or from a module directory (Surefire's). */
    static Path directory() {
        Path here = Path.of("third-party/dynalite");
        return Files.isDirectory(here) ? here : Path.of("../third-party/dynalite");
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
