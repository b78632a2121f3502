package earkit.samples;

import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the boto3 sample suite ({@code docs/samples/python}) with {@code python3 -m unittest} against a reference
 * started for the run, as the build's {@code integration-test} step ({@code -DskipPython} leaves it out). Like
 * the Java samples, the suite only learns the endpoint and the credentials; {@code -Ddynamodb.endpoint} points it at
 * a {@code ./kit serve} instead, whose clock then follows the wall clock ({@link ClockFollower}). A missing {@code python3} or boto3 fails
 * the build with what to install: a suite that could not run has not passed.
 */
public final class PythonSamples {
    private PythonSamples() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path suite = Path.of(args.length > 0 ? args[0] : "docs/samples/python").toAbsolutePath().normalize();
        if (!Files.isDirectory(suite)) {
            throw new IllegalStateException("no boto3 sample suite at " + suite);
        }
        String missing = missingRuntime();
        if (missing != null) {
            throw new IllegalStateException(missing + "; install it (`pip install boto3`, or Debian's python3-boto3) "
                    + "or leave the boto3 samples out with -DskipPython");
        }
        String given = System.getProperty(ReferenceForSamples.ENDPOINT_PROPERTY);
        if (given != null) { // a ./kit serve started elsewhere
            run(suite, URI.create(given));
            return;
        }
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withClockStart(Instant.now()))) {
            run(suite, server.endpoint());
        }
    }

    private static void run(Path suite, URI endpoint) throws IOException, InterruptedException {
        int exit;
        try (ClockFollower clock = ClockFollower.start(endpoint)) {
            exit = python(suite, endpoint);
        }
        if (exit != 0) {
            throw new IllegalStateException("the boto3 sample suite " + suite + " failed against " + endpoint
                    + " (python3 exit " + exit + ")");
        }
    }

    private static int python(Path suite, URI endpoint) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("python3", "-m", "unittest", "discover", "-s", suite.toString(), "-v"))
                .directory(suite.toFile()).inheritIO();
        Map<String, String> env = pb.environment();
        env.put("DYNAMODB_ENDPOINT", endpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        // A developer's own AWS configuration must not redirect or re-sign the suite's calls.
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the boto3 sample suite " + suite + " did not finish within 10 minutes");
        }
        return p.exitValue();
    }

    /** What keeps the suite from running here, or null. */
    private static String missingRuntime() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "`python3 -c 'import boto3'` did not finish within 60 seconds";
            }
            return p.exitValue() == 0 ? null : "boto3 is not importable by `python3`";
        } catch (IOException e) {
            return "`python3` is not on the PATH (" + e.getMessage() + ")";
        }
    }
}
