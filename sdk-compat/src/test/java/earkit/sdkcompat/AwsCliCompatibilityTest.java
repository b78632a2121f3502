package earkit.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference through the AWS CLI, as the README's walk-throughs use it: a customer managed key, a table under
 * it, an item written and read back, the SSEDescription, and the inaccessible table's refusal as the CLI reports
 * it ("An error occurred (AccessDeniedException)" on stderr; exit code 254 from CLI v2, 255 from CLI v1, whose
 * return codes do not tell a service's refusal from its own errors).
 */
class AwsCliCompatibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    record Run(int exit, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return JSON.readTree(stdout);
        }
    }

    @Test
    void theCliWorksWithTheReference() throws Exception {
        try (ReferenceUnderTest reference = new ReferenceUnderTest()) {
            String endpoint = reference.endpoint().toString();
            String key = ok(aws(endpoint, "kms", "create-key", "--description", "cli")).json().path("KeyMetadata").path("Arn").asText();
            assertTrue(key.startsWith("arn:aws:kms:us-east-1:000000000000:key/"), "create-key's KeyMetadata.Arn " + key);
            ok(aws(endpoint, "dynamodb", "create-table", "--table-name", "Orders",
                    "--attribute-definitions", "AttributeName=pk,AttributeType=S", "--key-schema", "AttributeName=pk,KeyType=HASH",
                    "--billing-mode", "PAY_PER_REQUEST", "--sse-specification", "Enabled=true,SSEType=KMS,KMSMasterKeyId=" + key));
            // cli_binary_format raw-in-base64-out (the config below): a blob goes in as its text's bytes, comes out as base64.
            String item = "{\"pk\": {\"S\": \"order-1\"}, \"total\": {\"N\": \"12.5\"}, \"blob\": {\"B\": \"raw bytes\"}, "
                    + "\"tags\": {\"SS\": [\"a\", \"b\"]}}";
            ok(aws(endpoint, "dynamodb", "put-item", "--table-name", "Orders", "--item", item));
            JsonNode read = ok(aws(endpoint, "dynamodb", "get-item", "--table-name", "Orders", "--key", "{\"pk\": {\"S\": \"order-1\"}}")).json();
            String expected = item.replace("raw bytes", java.util.Base64.getEncoder().encodeToString("raw bytes".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(SdkCalls.setsSorted(JSON.readTree(expected)), SdkCalls.setsSorted(read.path("Item")), "get-item gives the item back");
            JsonNode table = ok(aws(endpoint, "dynamodb", "describe-table", "--table-name", "Orders")).json().path("Table");
            assertEquals(JSON.readTree("{\"Status\": \"ENABLED\", \"SSEType\": \"KMS\", \"KMSMasterKeyArn\": \"" + key + "\"}"),
                    table.path("SSEDescription"), "describe-table's SSEDescription");

            Run version = ok(aws(endpoint, "--version"));
            boolean v1 = (version.stdout() + version.stderr()).startsWith("aws-cli/1.");
            ok(aws(endpoint, "kms", "disable-key", "--key-id", key));
            reference.advanceClock("PT5M1S");
            Run refused = aws(endpoint, "dynamodb", "get-item", "--table-name", "Orders", "--key", "{\"pk\": {\"S\": \"order-1\"}}");
            assertEquals(v1 ? 255 : 254, refused.exit(), "the CLI's exit code for a refusal by the service; stderr: " + refused.stderr());
            assertTrue(refused.stderr().contains("An error occurred (AccessDeniedException) when calling the GetItem operation: "
                    + "KMS key access denied error"), "the CLI's error line: " + refused.stderr());
            assertEquals("INACCESSIBLE_ENCRYPTION_CREDENTIALS", ok(aws(endpoint, "dynamodb", "describe-table", "--table-name", "Orders"))
                    .json().path("Table").path("TableStatus").asText(), "describe-table's TableStatus after the key was disabled");
        }
    }

    /**
     * The kit's AWS CLI driver where the CLI cannot be imported by its Python (a bundled v2 install): a new `aws`
     * process per call, the HTTP status read from urllib3's debug line and the code from the CLI's error line; the
     * same answers as in process, about ten times slower (docs/sdk-compatibility.md).
     */
    @Test
    void theDriverSpawnsTheCliWhenItCannotRunItInProcess() {
        SdkConfiguration.AWS_CLI.unavailable().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        try (ReferenceUnderTest reference = new ReferenceUnderTest();
             SdkDriver driver = SdkDriverProcess.start("aws-cli-subprocess", List.of("env", "EARKIT_AWS_CLI_MODE=subprocess", "python3",
                     "cli_driver.py"), SdkConfiguration.home().resolve("python"), DriverSettings.reference(reference.endpoint(), true))) {
            assertTrue(driver.info().path("runtime").asText().endsWith("a new `aws` process per command"), driver.info().toString());
            SdkCalls calls = new SdkCalls(driver);
            calls.createTable("spawned", calls.createKey("spawned"), false, "");
            calls.ddb("PutItem", "{\"TableName\": \"spawned\", \"Item\": {\"pk\": {\"S\": \"a\"}, \"b\": {\"B\": \"aGk=\"}}}");
            assertEquals("aGk=", calls.ddb("GetItem", "{\"TableName\": \"spawned\", \"Key\": {\"pk\": {\"S\": \"a\"}}}")
                    .path("Item").path("b").path("B").asText(), "the blob back as base64");
            SdkError e = calls.refused("ResourceNotFoundException", "ResourceNotFoundException", "dynamodb", "DescribeTable",
                    "{\"TableName\": \"no-such-table\"}");
            assertTrue(e.serviceMessage().contains("no-such-table"), e.getMessage());
        }
    }

    private static Run ok(Run run) {
        assertEquals(0, run.exit(), "the CLI's exit code; stderr: " + run.stderr());
        return run;
    }

    /** One CLI command against the reference, with the reference's root credentials and no configuration of the user's. */
    private Run aws(String endpoint, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        Files.writeString(home.resolve("config"), "[default]\ncli_binary_format = raw-in-base64-out\n");
        Path out = home.resolve("stdout.txt");
        Path err = home.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
