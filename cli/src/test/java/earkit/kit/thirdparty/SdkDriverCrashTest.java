package earkit.kit.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.kit.cli.Kit;
import earkit.sdkcompat.SdkConfiguration;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A crash of the kit's own SDK driver in the middle of {@code kit run --sdk} is a kit error, never a verdict on the
 * target: the boto3 driver is wrapped so that it dies (or answers garbage) at the first GetItem, after the scenarios'
 * tables and items were made through it. The run exits 2, {@code summary.json} says {@code kit-error}, the requirement
 * is a kit error through boto3 (not failed, not a target error), and the kit's own Java v2 column still passed.
 */
class SdkDriverCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path drivers;

    @ParameterizedTest(name = "the driver {0} at the first GetItem")
    @ValueSource(strings = {"dies", "answers garbage"})
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    void aDriverThatFailsMidRunIsAKitErrorNotAFailure(String how) throws IOException {
        Assumptions.assumeTrue(SdkConfiguration.BOTO3.unavailable().isEmpty(), () -> SdkConfiguration.BOTO3.unavailable().get());
        Path real = SdkConfiguration.home().resolve("python").toAbsolutePath();
        Files.createDirectories(drivers.resolve("python"));
        Files.writeString(drivers.resolve("python/driver.py"), """
                import json, os, sys
                sys.path.insert(0, %s)
                import driver
                for line in sys.stdin:
                    if not line.strip():
                        continue
                    request = json.loads(line)
                    if request.get("operation") == "GetItem":
                        if %s:
                            os._exit(9)
                        sys.stdout.write("Traceback (most recent call last): not the driver protocol\\n")
                    else:
                        sys.stdout.write(json.dumps(driver.handle(request)) + "\\n")
                    sys.stdout.flush()
                """.formatted(JSON.writeValueAsString(real.toString()), how.equals("dies") ? "True" : "False"));
        Path report = drivers.resolve("report");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty("earkit.sdk-compat.dir", drivers.toString());
        int exit;
        try {
            exit = Kit.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                    .execute("run", "--sdk", "boto3", "--tags", "@EAR-ENC-004", "--report-dir", report.toString());
        } finally {
            System.clearProperty("earkit.sdk-compat.dir");
        }
        assertEquals(2, exit, "a kit error:\n" + out + err);
        assertTrue(err.toString().startsWith("kit: error: ") && err.toString().contains("boto3"), err.toString());

        JsonNode summary = JSON.readTree(report.resolve("summary.json").toFile());
        assertEquals("kit-error", summary.path("verdict").path("result").asText(), summary.path("verdict").toString());
        JsonNode boto3 = summary.path("sdks").get(0);
        assertEquals("boto3", boto3.path("sdk").asText());
        assertEquals("kit-error", boto3.path("verdict").asText());
        assertEquals("kit-error", boto3.path("requirements").path("EAR-ENC-004").asText(), "not failed, not a target error: " + boto3);
        summary.path("requirements").forEach(r -> {
            if (r.path("id").asText().equals("EAR-ENC-004")) {
                assertEquals("passed", r.path("status").asText(), "the kit's own Java v2 run: " + r);
            }
        });
        JsonNode sdkRun = JSON.readTree(report.resolve("sdk/boto3/summary.json").toFile());
        sdkRun.path("requirements").forEach(r -> {
            if (r.path("id").asText().equals("EAR-ENC-004")) {
                assertTrue(r.path("reason").asText().contains("kit error")
                        && r.path("reason").asText().contains(how.equals("dies") ? "ended without answering" : "not JSON"), r.toString());
            }
        });
        assertTrue(Files.readString(report.resolve("summary.md")).contains("KIT ERROR"), "the Markdown summary says so");
    }
}
