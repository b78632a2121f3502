package earkit.kit.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.kit.cli.Kit;
import earkit.sdkcompat.SdkConfiguration;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code kit run --sdk}: the client-observable scenarios ({@code @sdk-matrix}) through the Node.js v3 (keep-alive on
 * and off), boto3, Java v1, Java v2 (Apache, URL-connection, Netty, CRT) and AWS CLI drivers, each a column of the report.
 * Against the reference every column passes (Node.js without keep-alive: the kept-alive-connection scenario is not
 * applicable; URL-connection: the scenarios that need distinct connections; never failed); a reference fault
 * fails the column of the SDK that meets it, and the run; against dynalite each SDK's verdicts are the recorded ones
 * ({@code fixtures/targets/dynalite/expected-verdicts-sdk.json}) and the same as the kit's own Java v2 run of those
 * scenarios. {@code -DskipNode} leaves out the Node.js columns.
 */
class SdkColumnsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean NODE = !Boolean.getBoolean("earkit.skipNode");

    private static List<String> sdks() {
        List<String> sdks = new ArrayList<>(List.of("boto3", "java-v1", "java-v2-apache", "java-v2-url-connection", "java-v2-netty"));
        if (SdkConfiguration.JAVA_V2_CRT.unavailable().isEmpty()) {
            // The CRT's native library loads on linux x86_64 and a few more; elsewhere its column cannot be filled.
            sdks.add("java-v2-crt");
        }
        if (NODE) {
            sdks.addAll(0, List.of("node-v3-keepalive", "node-v3-no-keepalive"));
        }
        sdks.add("aws-cli");
        return sdks;
    }

    /** The AWS CLI's major version on this machine (`aws --version`): v1 takes blobs only as UTF-8 text, v2 as base64. */
    private static int cliMajor() {
        try {
            Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            p.waitFor(60, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^aws-cli/(\\d+)\\.").matcher(version);
            if (!m.find()) {
                throw new IllegalStateException("`aws --version` answered " + version);
            }
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("the AWS CLI (`aws`) does not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int kit(StringWriter out, StringWriter err, String... args) {
        return Kit.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    /** Requirement statuses per column: "java-v2 (kit)" for the kit's own run, then each SDK's name. */
    private static Map<String, Map<String, String>> columns(Path report) throws IOException {
        JsonNode summary = JSON.readTree(report.resolve("summary.json").toFile());
        Map<String, Map<String, String>> columns = new TreeMap<>();
        Map<String, String> kit = new TreeMap<>();
        summary.path("requirements").forEach(r -> {
            if (!r.path("status").asText().equals("not-run")) {
                kit.put(r.path("id").asText(), r.path("status").asText());
            }
        });
        columns.put("java-v2 (kit)", kit);
        summary.path("sdks").forEach(c -> {
            Map<String, String> m = new TreeMap<>();
            c.path("requirements").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            columns.put(c.path("sdk").asText(), m);
        });
        return columns;
    }

    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void theReferencePassesThroughEverySdk() throws IOException {
        Path report = Path.of("target", "sdk-columns-reference");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = kit(out, err, "run", "--sdk", String.join(",", sdks()), "--tags", "@sdk-matrix", "--report-dir", report.toString());
        assertEquals(0, exit, "kit run --sdk against the reference:\n" + out + err);

        Map<String, Map<String, String>> columns = columns(report);
        assertEquals(sdks().size() + 1, columns.size(), "a column per SDK and the kit's own: " + columns.keySet());
        Map<String, String> kit = columns.get("java-v2 (kit)");
        assertEquals(List.of("EAR-AUD-001", "EAR-AUD-002", "EAR-CON-001", "EAR-ENC-004", "EAR-INA-001", "EAR-INA-002",
                "EAR-MAN-001", "EAR-REF-001"), List.copyOf(kit.keySet()), "the client-observable requirements");
        kit.values().forEach(s -> assertEquals("passed", s, "the kit's own run: " + kit));
        for (String sdk : sdks()) {
            assertEquals(throughConfiguration(sdk, kit), columns.get(sdk), sdk + "'s column");
        }
        JsonNode summary = JSON.readTree(report.resolve("summary.json").toFile());
        summary.path("sdks").forEach(c -> {
            assertTrue(!c.path("name").asText().isBlank() && !c.path("version").asText().isBlank()
                    && !c.path("http").asText().isBlank(), "name, version and configuration of each SDK: " + c);
            assertEquals("conformant", c.path("verdict").asText(), c.toString());
            // The reference declares kms-audit: 1,000 GetItem through one client of the SDK (100 commands of the AWS CLI),
            // Decrypt events counted.
            JsonNode cost = c.path("kmsCost");
            assertEquals(c.path("sdk").asText().equals("aws-cli") ? 100 : 1000, cost.path("operations").asInt(), c.toString());
            if (c.path("sdk").asText().equals("aws-cli")) {
                assertEquals(100, cost.path("decryptCalls").asInt(), "a command, so a connection and a Decrypt, per call: " + cost);
                assertTrue(cost.path("advice").asText().startsWith("a connection per request: ")
                        && cost.path("advice").asText().contains("batch-get-item"), cost.toString());
            } else if (c.path("sdk").asText().equals("node-v3-no-keepalive")) {
                assertEquals(1000, cost.path("decryptCalls").asInt(), "a connection, so a Decrypt, per request: " + cost);
                assertTrue(cost.path("advice").asText().startsWith("a connection per request: ")
                        && cost.path("advice").asText().contains("new http.Agent({ keepAlive: true })"), cost.toString());
            } else if (c.path("sdk").asText().equals("java-v2-netty")) {
                // The default pool opens a second connection when a request starts before the last one's is back.
                assertTrue(cost.path("decryptCalls").asInt() >= 1 && cost.path("decryptCalls").asInt() <= 2, cost.toString());
                assertTrue(cost.path("advice").isMissingNode(), cost.toString());
            } else if (c.path("sdk").asText().equals("java-v2-crt")) {
                // The sync CRT client drops a kept-alive connection now and then (tens over 1,000 requests): one Decrypt each.
                int calls = cost.path("decryptCalls").asInt();
                assertTrue(calls >= 1 && calls < 1000, cost.toString());
                if (calls > cost.path("expectedAtMost").asInt()) {
                    assertTrue(cost.path("advice").asText().startsWith("more connections than its traffic needs: ")
                            && cost.path("advice").asText().contains("AwsCrtAsyncHttpClient.builder().maxConcurrency(n)"), cost.toString());
                }
            } else {
                assertEquals(1, cost.path("decryptCalls").asInt(), "one connection, one Decrypt: " + cost);
                assertTrue(cost.path("advice").isMissingNode(), cost.toString());
            }
        });
        assertTrue(markdown(report).contains("## KMS cost per SDK configuration"), "the cost table");
        String markdown = markdown(report);
        assertTrue(markdown.contains("## Verdicts per SDK") && markdown.contains("| boto3 |"), markdown);
        // Why a requirement is not applicable through a column, in the reports as in summary.json.
        JsonNode cliReasons = JSON.readTree(report.resolve("summary.json").toFile()).path("sdks").findParents("sdk").stream()
                .filter(c -> c.path("sdk").asText().equals("aws-cli")).findFirst().orElseThrow().path("reasons");
        assertTrue(cliReasons.path("EAR-REF-001").asText().contains("aws-cli runs every call as a command of its own"), cliReasons.toString());
        if (cliMajor() == 1) {
            String why = cliReasons.path("EAR-ENC-004").asText();
            assertTrue(why.startsWith("not applicable through AWS CLI 1.") && why.contains("not valid UTF-8"), cliReasons.toString());
            assertTrue(markdown.contains("- aws-cli, EAR-ENC-004 (Not applicable): " + why), markdown);
            assertTrue(Files.readString(report.resolve("compliance.html")).contains("id=\"sdk-notes\""), "the HTML report's notes");
        }
        assertTrue(Files.readString(report.resolve("compliance.html")).contains("id=\"sdks\""), "the HTML report's SDK table");
        // The drivers did send the calls: each SDK run's history names the SDK's connections, not the kit's clients.
        for (String sdk : sdks()) {
            assertTrue(Files.isRegularFile(report.resolve("sdk").resolve(sdk).resolve("sdk.json")), sdk);
        }
        StringWriter vout = new StringWriter();
        assertEquals(0, kit(vout, new StringWriter(), "report", "--verify", report.toString()), vout.toString());
    }

    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    void aFaultMetThroughAnSdkFailsItsColumnAndTheRun() throws IOException {
        Path report = Path.of("target", "sdk-columns-fault");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty("kit.reference.faults", "NO_KEY_CACHE");
        int exit;
        try {
            exit = kit(out, err, "run", "--sdk", "boto3", "--tags", "@EAR-REF-001", "--report-dir", report.toString());
        } finally {
            System.clearProperty("kit.reference.faults");
        }
        assertEquals(1, exit, out + "\n" + err);
        assertEquals("failed", columns(report).get("boto3").get("EAR-REF-001"));
        JsonNode verdict = JSON.readTree(report.resolve("summary.json").toFile()).path("verdict");
        assertEquals("not-conformant", verdict.path("result").asText());
        assertTrue(verdict.path("reasons").toString().contains("EAR-REF-001 failed through boto3"), verdict.toString());
    }

    @Test
    void anUnknownSdkIsAKitErrorOfOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, kit(out, err, "run", "--sdk", "boto3,ruby-v3", "--report-dir", "target/sdk-columns-unknown"));
        assertEquals("kit: error: --sdk: unknown SDK 'ruby-v3'; known: java-v2-apache, java-v2-url-connection, java-v2-netty, "
                + "java-v2-crt, java-v1, node-v3-keepalive, node-v3-no-keepalive, boto3, aws-cli, all", err.toString().strip());
        assertTrue(!Files.exists(Path.of("target/sdk-columns-unknown")), "no report for a kit error");
    }

    @Test
    void aSelectionWithoutClientObservableScenariosIsAKitError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, kit(out, err, "run", "--sdk", "java-v1", "--tags", "@EAR-ROT-001", "--report-dir", "target/sdk-columns-none"));
        assertEquals("kit: error: --sdk: the tag expression '@EAR-ROT-001' selects no client-observable scenario (@sdk-matrix)",
                err.toString().strip());
    }

    @Test
    @Timeout(value = 1200, unit = TimeUnit.SECONDS)
    void dynaliteGetsTheRecordedVerdictsThroughEverySdk() throws IOException {
        Path report = Path.of("target", "sdk-columns-dynalite");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (DynaliteProcess dynalite = DynaliteProcess.start(); ReferenceServer kms = ReferenceServer.start(ServerOptions.defaults())) {
            // The inaccessible-table scenarios included: dynalite never makes a table inaccessible, so each waits out the
            // profile's 10-second async timeout once per SDK, and gets the Java run's verdicts (not reached, failed).
            exit = kit(out, err, "run", "--target", "dynalite", "--sdk", String.join(",", sdks()), "--tags", "@sdk-matrix",
                    "--report-dir", report.toString(),
                    "--endpoint", "dynamodb=" + dynalite.endpoint(), "--endpoint", "streams=" + dynalite.endpoint(),
                    "--endpoint", "kms=" + kms.endpoint(), "--endpoint", "cloudtrail=" + kms.endpoint());
        }
        assertEquals(1, exit, "dynalite is not conformant:\n" + out + err);
        Map<String, Map<String, String>> columns = columns(report);
        Map<String, Map<String, String>> recorded = recorded();
        for (String sdk : sdks()) {
            // The AWS CLI v1 and v2 differ on EAR-ENC-004 (blobs as text or as base64): each has its recorded column.
            String recordedAs = sdk.equals("aws-cli") && cliMajor() == 2 ? "aws-cli@2" : sdk;
            assertEquals(recorded.get(recordedAs), columns.get(sdk), sdk + "'s verdicts on dynalite (report: " + report.toAbsolutePath() + ")");
            assertEquals(throughConfiguration(sdk, columns.get("java-v2 (kit)")), columns.get(sdk),
                    sdk + " judges dynalite as the kit's own SDK does");
        }
        assertEquals(recorded.get("java-v2 (kit)"), columns.get("java-v2 (kit)"), "the kit's own run of the same scenarios");
    }

    /**
     * The kit's own column as {@code sdk}'s configuration can show it: what needs one kept-alive connection is not
     * applicable through a configuration that cannot keep one (no keep-alive; the sync CRT client), what needs
     * distinct connections through URL-connection (the JDK's JVM-wide keep-alive cache, docs/sdk-matrix.md).
     */
    private static Map<String, String> throughConfiguration(String sdk, Map<String, String> kit) {
        Map<String, String> expected = new TreeMap<>(kit);
        List<String> notApplicable = switch (sdk) {
            case "node-v3-no-keepalive", "java-v2-crt" -> List.of("EAR-REF-001");
            // Every command its own connection; and the CLI v1 cannot send the item of every attribute type's binary
            // values, which are not UTF-8 (every row of EAR-ENC-004); v2 takes them as base64.
            case "aws-cli" -> cliMajor() == 1 ? List.of("EAR-REF-001", "EAR-ENC-004") : List.of("EAR-REF-001");
            case "java-v2-url-connection" -> List.of("EAR-AUD-001", "EAR-AUD-002", "EAR-CON-001", "EAR-INA-001", "EAR-INA-002");
            default -> List.of();
        };
        notApplicable.stream().filter(expected::containsKey).forEach(id -> expected.put(id, "not-applicable"));
        return expected;
    }

    private static String markdown(Path report) throws IOException {
        return Files.readString(report.resolve("summary.md"));
    }

    private static Map<String, Map<String, String>> recorded() throws IOException {
        try (InputStream in = SdkColumnsTest.class.getClassLoader().getResourceAsStream("fixtures/targets/dynalite/expected-verdicts-sdk.json")) {
            Map<String, Map<String, String>> m = new TreeMap<>();
            if (in != null) {
                JSON.readTree(in).path("columns").fields().forEachRemaining(c -> {
                    Map<String, String> statuses = new TreeMap<>();
                    c.getValue().fields().forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asText()));
                    m.put(c.getKey(), statuses);
                });
            }
            return m;
        }
    }
}
