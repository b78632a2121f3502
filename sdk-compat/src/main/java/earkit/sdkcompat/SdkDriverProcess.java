package earkit.sdkcompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A driver in another language, run as a child process that speaks the driver protocol: JSON lines on its stdin
 * and stdout, first a {@code configure} line, then one request per line, each answered by one line with its id.
 * The child's stderr goes to a file ({@code target/sdk-drivers/<name>.stderr.txt}, or under the directory of the
 * system property {@code earkit.sdk-drivers.log}), named in every failure.
 */
public final class SdkDriverProcess implements SdkDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final Path stderr;
    private JsonNode info;
    private long nextId = 1;

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
                    .put("keepAlive", settings.keepAlive()).put("retries", settings.retries());
            JsonNode answer = driver.exchange(configure);
            if (!answer.path("ok").asBoolean()) {
                driver.close();
                throw new IllegalStateException(name + " driver refused its configuration: " + answer);
            }
            driver.info = answer.path("output");
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " driver " + command, e);
        }
    }

    @Override
    public JsonNode call(String service, String operation, JsonNode input) {
        long id = nextId++;
        ObjectNode request = JSON.createObjectNode().put("id", id).put("service", service).put("operation", operation);
        request.set("input", input);
        JsonNode answer = exchange(request);
        if (answer.path("id").asLong() != id) {
            throw new IllegalStateException("driver answered id " + answer.path("id") + " to request " + id + ": " + answer);
        }
        if (answer.path("ok").asBoolean()) {
            return answer.path("output");
        }
        JsonNode e = answer.path("error");
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
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the driver ended without answering " + request + "; its stderr: " + stderrText());
            }
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("the driver did not answer " + request + "; its stderr: " + stderrText(), e);
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
