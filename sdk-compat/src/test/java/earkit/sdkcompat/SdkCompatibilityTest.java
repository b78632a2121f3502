package earkit.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference works unchanged with every major AWS SDK: the same checks (DynamoDB, Streams, KMS, CloudTrail,
 * errors, the inaccessible table) through each SDK configuration, and the KMS Decrypt calls that reads cause
 * (S46-S49: one table-key refresh per connection). The measured counts go to target/sdk-compat/decrypt-calls.md,
 * the source of the table in docs/sdk-compatibility.md.
 */
class SdkCompatibilityTest {
    private static final int READS = 100;
    private static final Map<SdkConfiguration, String> DECRYPT_ROWS = new TreeMap<>();

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkConfiguration.class)
    void theReferenceWorksUnchanged(SdkConfiguration sdk) {
        Runnability.assume(sdk);
        try (ReferenceUnderTest reference = new ReferenceUnderTest(); SdkDriver driver = sdk.open(DriverSettings.reference(reference.endpoint(), true));
             SdkDriver fresh = sdk.open(DriverSettings.reference(reference.endpoint(), true))) {
            JsonNode info = driver.info();
            assertTrue(!info.path("name").asText().isEmpty() && !info.path("version").asText().isEmpty(), "driver info " + info);
            assertAll(sdk.label,
                    () -> new StoreChecks(driver).tablesItemsPagesAndBackups(),
                    () -> new StoreChecks(driver).streamRecords(reference.now()),
                    () -> new KmsChecks(driver).keyLifecycle(reference.now()),
                    () -> new ErrorChecks(driver, sdk).modeledErrors(),
                    // Last: it moves the virtual clock.
                    () -> new ErrorChecks(driver, sdk).inaccessibleTable(reference, fresh));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkConfiguration.class)
    void theAuditReadsThroughCloudTrail(SdkConfiguration sdk) {
        Runnability.assume(sdk);
        try (ReferenceUnderTest reference = new ReferenceUnderTest(); SdkDriver driver = sdk.open(DriverSettings.reference(reference.endpoint(), true))) {
            new KmsChecks(driver).auditEvents(reference);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkConfiguration.class)
    void theAuditReadsThroughCloudWatchLogs(SdkConfiguration sdk) {
        Runnability.assume(sdk);
        try (ReferenceUnderTest reference = new ReferenceUnderTest(); SdkDriver driver = sdk.open(DriverSettings.reference(reference.endpoint(), true))) {
            new LogsChecks(driver).trailDelivery(reference);
        }
    }

    /**
     * A client that keeps its connections makes DynamoDB refresh the table key once per connection it opened (one
     * for most; see {@link SdkConfiguration} for the pools that open more); a client that opens a connection per
     * request makes every read a refresh.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SdkConfiguration.class)
    void decryptCallsForOneHundredReads(SdkConfiguration sdk) {
        Runnability.assume(sdk);
        try (ReferenceUnderTest reference = new ReferenceUnderTest()) {
            try (SdkDriver writer = sdk.open(DriverSettings.reference(reference.endpoint(), true))) {
                SdkCalls w = new SdkCalls(writer);
                w.createTable("reuse", w.createKey("reuse"), false, "");
                w.ddb("PutItem", "{\"TableName\": \"reuse\", \"Item\": {\"pk\": {\"S\": \"r\"}, \"v\": {\"N\": \"42\"}}}");
            }
            try (SdkDriver reader = sdk.open(DriverSettings.reference(reference.endpoint(), true))) {
                long first = decryptsFor(reference, new SdkCalls(reader));
                long second = decryptsFor(reference, new SdkCalls(reader));
                JsonNode info = reader.info();
                DECRYPT_ROWS.put(sdk, String.format("| %s | %s %s | %s | %d | %d | %s |", sdk.label, info.path("name").asText(),
                        info.path("version").asText(), info.path("http").asText(), first, second,
                        first >= READS ? sdk.connectionAdvice() : "nothing"));
                if (sdk.connectionsAtMost > 0) {
                    assertTrue(first + second <= sdk.connectionsAtMost, sdk + " keeps its connections, so " + 2 * READS + " reads refresh "
                            + "the table key once per connection it opened, at most " + sdk.connectionsAtMost + "; Decrypt calls: " + first + ", " + second);
                } else {
                    assertEquals(List.of((long) READS, (long) READS), List.of(first, second), sdk
                            + " opens a connection per request, so each read refreshes the table key through KMS Decrypt");
                }
            }
        }
    }

    private static long decryptsFor(ReferenceUnderTest reference, SdkCalls reader) {
        long before = reference.decryptEvents();
        for (int i = 0; i < READS; i++) {
            assertEquals("42", reader.ddb("GetItem", "{\"TableName\": \"reuse\", \"Key\": {\"pk\": {\"S\": \"r\"}}}")
                    .path("Item").path("v").path("N").asText(), reader.sdk + ": read " + i);
        }
        return reference.decryptEvents() - before;
    }

    @AfterAll
    static void writeDecryptTable() throws IOException {
        StringBuilder md = new StringBuilder("| Configuration | SDK | HTTP configuration | Decrypt calls, first " + READS
                + " GetItem | next " + READS + " | What to change |\n|---|---|---|---:|---:|---|\n");
        DECRYPT_ROWS.values().forEach(row -> md.append(row).append('\n'));
        Path out = Files.createDirectories(Path.of("target", "sdk-compat")).resolve("decrypt-calls.md");
        Files.writeString(out, md);
    }
}
