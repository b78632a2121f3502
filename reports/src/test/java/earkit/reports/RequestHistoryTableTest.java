package earkit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compliance.html shows each failed or errored scenario's calls, folded, with bodies cut and secrets masked. */
class RequestHistoryTableTest {
    private static final String PLAINTEXT = "c2VjcmV0LWRhdGEta2V5LWJ5dGVzLTMyLWxvbmctLS0tLQ==";
    private static final String HISTORY = """
            [{"service": "kms", "operation": "GenerateDataKey", "httpStatus": 200, "errorCode": null,
              "requestId": "req-1", "connection": "kms kept-alive #1", "virtualTime": "2026-01-01T00:00:00Z",
              "wallTime": "2026-12-05T10:00:00.100Z", "durationMillis": 3,
              "request": "{\\"KeyId\\":\\"alias/a\\",\\"KeySpec\\":\\"AES_256\\"}",
              "response": "{\\"Plaintext\\":\\"%s\\",\\"CiphertextBlob\\":\\"AQIDAHg=\\",\\"KeyId\\":\\"arn:aws:kms:us-east-1:111122223333:key/k\\"}"},
             {"service": "dynamodb", "operation": "GetItem", "httpStatus": 500, "errorCode": "InternalServerError",
              "requestId": "req-2", "connection": "dynamodb new-connection", "virtualTime": null,
              "wallTime": "2026-12-05T10:00:00.200Z", "durationMillis": 12,
              "request": "{\\"TableName\\":\\"orders\\",\\"Key\\":{\\"pk\\":{\\"S\\":\\"%s\\"}}}",
              "response": null}]
            """.formatted(PLAINTEXT, "x".repeat(5000));

    @TempDir
    Path dir;

    @Test
    void aTargetErrorShowsItsCallsFoldedWithSecretsMaskedAndLongBodiesCut() throws Exception {
        Path run = new SyntheticRun()
                .failedWithHistory("disabled key", SyntheticRun.TARGET_FAULT,
                        "[TARGET ERROR] dynamodb GetItem: HTTP 500 InternalServerError: boom", HISTORY, "@EAR-INA-001")
                .writeTo(dir);
        ComplianceReport.write(run);
        String html = Files.readString(run.resolve(ComplianceReport.HTML));

        int card = html.indexOf("id=\"req-EAR-INA-001\"");
        assertTrue(card > 0, "the target error has a card");
        String section = html.substring(card);
        assertTrue(section.contains("<details class=\"request-history\"><summary>Request history (2 requests)</summary>"),
                "folded by default (no open attribute)");
        assertTrue(section.contains("<th>service</th><th>operation</th><th>httpStatus</th><th>errorCode</th><th>requestId</th>"
                + "<th>connection</th><th>virtualTime</th><th>wallTime</th><th>durationMillis</th>"), "the contract's columns in order");
        assertTrue(section.contains("<td class=\"mono\">InternalServerError</td>"), "the error code of the crash");
        assertTrue(section.contains("<td colspan=\"9\"><details class=\"bodies\"><summary>request and response of #1</summary>"),
                "each call's bodies folded under it");
        assertTrue(section.contains("<td class=\"mono\">dynamodb new-connection</td>"));
        assertFalse(html.contains(PLAINTEXT), "a data key's plaintext never reaches the report");
        assertFalse(html.contains("AQIDAHg="), "a KMS answer's CiphertextBlob is masked");
        assertTrue(section.contains("&quot;Plaintext&quot;:&quot;" + RequestHistoryTable.MASK + "&quot;"), "masked, not dropped");
        assertTrue(section.contains("[cut: "), "a body over the limit is cut, saying so");
        assertFalse(section.contains("x".repeat(RequestHistoryTable.BODY_LIMIT + 1)));
    }

    @Test
    void aScenarioWithoutHistorySaysSo() throws Exception {
        Path run = new SyntheticRun().failed("key switch", SyntheticRun.VIOLATION, "[EAR-SSE-001] expected A, observed B",
                "@EAR-SSE-001").writeTo(dir);
        ComplianceReport.write(run);
        assertTrue(Files.readString(run.resolve(ComplianceReport.HTML))
                .contains("No request history was attached to this scenario."));
    }

    @Test
    void masksSecretsInAnyBodyAndAuthorizationHeaders() {
        assertEquals("{\"SecretAccessKey\":\"" + RequestHistoryTable.MASK + "\"}",
                RequestHistoryTable.mask("{\"SecretAccessKey\":\"wJalrXUtnFEMI\"}", false));
        assertEquals("Authorization: " + RequestHistoryTable.MASK, RequestHistoryTable.mask("Authorization: AWS4-HMAC-SHA256 Credential=x", false));
        assertEquals("{\"CiphertextBlob\":\"AQID\"}", RequestHistoryTable.mask("{\"CiphertextBlob\":\"AQID\"}", false),
                "a request's CiphertextBlob (what the caller sends to Decrypt) is not a secret");
    }
}
