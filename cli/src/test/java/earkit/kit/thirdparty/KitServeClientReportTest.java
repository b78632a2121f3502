package earkit.kit.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.kit.cli.Kit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** {@code kit serve} prints the connection-reuse report on SIGTERM and writes it to {@code --client-report FILE}. */
class KitServeClientReportTest {

    @Test
    void sigtermPrintsTheTableAndWritesTheJsonReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clients.json");
        KitServeProcess serve = KitServeProcess.start("--client-report", file.toString());
        String output;
        try (KmsClient kms = KmsClient.builder().endpointOverride(serve.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.builder().maxConnections(1).build()).build()) {
            for (int i = 0; i < 25; i++) {
                kms.listKeys();
            }
        } finally {
            output = serve.stop();
        }
        List<String> lines = output.lines().toList();
        int header = lines.indexOf("Connection reuse by client (GET /_kit/clients):");
        assertTrue(header >= 0, output);
        List<String> columns = List.of(lines.get(header + 2).trim().split("\\s+"));
        assertEquals("test", columns.get(0), output);
        assertTrue(columns.get(1).startsWith("aws-sdk-java/2."), output);
        assertEquals(List.of("1", "25", "25.00", "0", "0"), columns.subList(3, 8), "connections, requests, per connection, "
                + "refreshes, KMS calls: " + output);
        assertTrue(lines.contains("client report written to " + file), output);

        JsonNode report = new ObjectMapper().readTree(Files.readString(file));
        assertEquals(1, report.path("clients").size(), report.toString());
        JsonNode row = report.path("clients").path(0);
        assertEquals("test", row.path("accessKey").asText());
        assertEquals(1, row.path("connections").asLong());
        assertEquals(25, row.path("requests").asLong());
        assertEquals("https://aws.amazon.com/cloudtrail/pricing/", report.path("prices").path("cloudTrailSource").asText());
    }

    @Test
    void aReportFileInNoDirectoryIsOneLineAndAUsageError() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Kit()).setErr(new PrintWriter(err)).execute("serve", "--port", "0",
                "--client-report", "/no/such/dir/clients.json");
        assertEquals(2, exit);
        assertTrue(err.toString().lines().findFirst().orElse("").startsWith("--client-report: no writable directory /no/such/dir"),
                err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
    }
}
