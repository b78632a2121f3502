package earkit.sdkcompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A driver in another language, run as a child process that speaks the driver protocol: JSON lines on its stdin
 * and stdout, first a {@code configure} line, then one request per line, each answered by one line with its id.
 * An answer {@code "ok": false} carries either the SDK's {@code error}, or {@code "unsupported": reason} for a
 * request its tool cannot express ({@link UnsupportedRequest}, never sent), or {@code "fault": reason} for a failure of
 * the driver itself ({@link DriverFailure}).
 * The child's stderr goes to a file ({@code target/sdk-drivers/<name>.stderr.txt}, or under the directory of the
 * system property {@code earkit.sdk-drivers.log}), named in every failure.
 */
public final class SdkDriverProcess implements SdkDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final Path stderr;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sdk-driver-reader");
        t.setDaemon(true);
        return t;
    });
    private JsonNode info;
    private long nextId = 1;
    /** How long an answer may take: the call timeout and a margin for the driver itself; null: no bound. */
    private Duration answerWithin;
    private boolean dead;

    private SdkDriverProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code command} and configures it with {@code settings}.
     *
     * @param name what the stderr file is called after, e.g. {@code node-v3-keepalive}
     */
    static SdkDriverProcess start(String name, List<String> command, Path workingDir, DriverSettings settings) {
        try {
            Path stderr = Files.createDirectories(Path.of(System.getProperty("earkit.sdk-drivers.log", "target/sdk-drivers"))).resolve(name + ".stderr.txt");
            Process p = new ProcessBuilder(command).directory(workingDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
            SdkDriverProcess driver = new SdkDriverProcess(p, stderr);
            ObjectNode configure = JSON.createObjectNode();
            configure.putObject("configure").put("endpoint", settings.endpoint().toString()).put("region", settings.region())
                    .put("accessKeyId", settings.accessKeyId()).put("secretAccessKey", settings.secretAccessKey())
                    .put("keepAlive", settings.keepAlive()).put("retries", settings.retries())
                    .put("maxConnections", settings.maxConnections());
            JsonNode answer = driver.exchange(configure);
            if (!answer.path("ok").asBoolean()) {
                driver.close();
                throw new IllegalStateException(name + " driver refused its configuration: " + answer);
            }
            driver.info = answer.path("output");
            driver.answerWithin = settings.callTimeout().map(t -> t.plusSeconds(5)).orElse(null);
            return driver;
        } catch (IOException e) {
            throw new DriverFailure("cannot start the " + name + " driver " + command + ": " + e.getMessage(), e);
        }
    }

    @Override
    public JsonNode call(String service, String operation, JsonNode input) {
        if (dead) {
            throw new SdkError("DriverError", 0, "the driver was stopped after an earlier call got no answer in time", "timeout");
        }
        long id = nextId++;
        ObjectNode request = JSON.createObjectNode().put("id", id).put("service", service).put("operation", operation);
        request.set("input", input);
        JsonNode answer = exchange(request);
        if (answer.path("id").asLong() != id || !answer.path("ok").isBoolean()) {
            throw new DriverFailure("the driver answered " + abbreviate(answer.toString()) + " to request " + id
                    + ", which is not the driver protocol; its stderr: " + stderrText());
        }
        if (answer.path("ok").asBoolean()) {
            return answer.path("output");
        }
        if (answer.hasNonNull("unsupported")) {
            String reason = answer.path("unsupported").asText();
            if (!answer.path("unsupported").isTextual() || reason.isBlank()) {
                throw new DriverFailure("the driver's unsupported answer gives no reason: " + abbreviate(answer.toString()));
            }
            throw new UnsupportedRequest(reason);
        }
        if (answer.hasNonNull("fault")) {
            throw new DriverFailure("the driver failed: " + answer.path("fault").asText() + "; its stderr: " + stderrText());
        }
        JsonNode e = answer.path("error");
        if (!e.path("sent").asBoolean(true)) {
            throw new DriverFailure("the driver failed before sending " + service + " " + operation + ": " + e.path("message").asText());
        }
        if (!e.path("httpStatus").isInt() || e.path("code").asText().isEmpty()) {
            throw new DriverFailure("the driver's error answer has no code or HTTP status: " + abbreviate(answer.toString()));
        }
        throw new SdkError(e.path("code").asText(), e.path("httpStatus").asInt(), e.path("message").asText(),
                e.path("sdkExceptionType").asText());
    }

    @Override
    public JsonNode info() {
        return info;
    }

    private JsonNode exchange(JsonNode request) {
        try {
            in.write(JSON.writeValueAsString(request));
            in.write('\n');
            in.flush();
            String line = readLine(request);
            if (line == null) {
                throw new DriverFailure("the driver ended without answering " + abbreviate(request.toString())
                        + exitStatus() + "; its stderr: " + stderrText());
            }
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new DriverFailure("the driver answered " + abbreviate(line) + ", which is not JSON; its stderr: " + stderrText(), e);
            }
        } catch (IOException e) {
            throw new DriverFailure("the driver did not answer " + abbreviate(request.toString()) + exitStatus() + ": " + e.getMessage()
                    + "; its stderr: " + stderrText(), e);
        }
    }

    private String exitStatus() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? " (its process exited with status " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    /** The next line; past {@link #answerWithin} the driver is stopped and the call has no answer (HTTP status 0). */
    private String readLine(JsonNode request) throws IOException {
        if (answerWithin == null) {
            return out.readLine();
        }
        Future<String> line = reader.submit(out::readLine);
        try {
            return line.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            dead = true;
            process.destroyForcibly();
            throw new SdkError("DriverError", 0, "no answer within " + answerWithin + " to " + request, "timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the driver", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private String stderrText() {
        try {
            return stderr + "\n" + Files.readString(stderr);
        } catch (IOException e) {
            return stderr.toString();
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
        try {
            in.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
