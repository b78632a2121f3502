package earkit.kit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import earkit.kit.steps.KitRun;
import earkit.reports.SdkMatrix;
import earkit.sdkcompat.DriverSettings;
import earkit.sdkcompat.SdkConfiguration;
import earkit.sdkcompat.SdkDriver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code kit run --sdk}: after the kit's own run (AWS SDK for Java v2, in process), the client-observable scenarios
 * (tag {@value #TAG}) run once more through each chosen SDK's driver, each into {@code <report-dir>/sdk/<name>/},
 * a report directory of its own; the reports module then shows each SDK as a column ({@link SdkMatrix}).
 */
public final class SdkRuns {
    /** The scenarios whose DynamoDB calls an application's SDK can change the outcome of. */
    public static final String TAG = "@sdk-matrix";
    private static final String PROPERTY = "kit.sdk";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SdkRuns() {
    }

    /**
     * The configurations {@code --sdk} names ({@code all}: every one), each runnable on this machine; an unknown name or
     * a missing runtime is a kit error with one line that says what to do.
     */
    public static List<SdkConfiguration> parse(List<String> names) {
        Set<SdkConfiguration> chosen = new LinkedHashSet<>();
        for (String name : names) {
            if (name.isBlank()) {
                continue;
            }
            if (name.trim().equals("all")) {
                chosen.addAll(Arrays.asList(SdkConfiguration.values()));
                continue;
            }
            chosen.add(SdkConfiguration.byLabel(name).orElseThrow(() -> new KitError("--sdk: unknown SDK '" + name.trim()
                    + "'; known: " + SdkConfiguration.known() + ", all")));
        }
        if (chosen.isEmpty()) {
            throw new KitError("--sdk: no SDK named; known: " + SdkConfiguration.known() + ", all");
        }
        for (SdkConfiguration sdk : chosen) {
            sdk.unavailable().ifPresent(reason -> {
                throw new KitError("--sdk " + reason);
            });
        }
        return List.copyOf(chosen);
    }

    /** The SDK runs' selection: the client-observable scenarios within {@code --tags}. */
    static String tags(String selection) {
        return selection == null || selection.isBlank() ? TAG : TAG + " and (" + selection + ")";
    }

    /**
     * Refuses, before anything runs, a {@code --tags} expression that leaves no client-observable scenario: the SDK
     * columns asked for could not be filled.
     */
    public static void requireScenarios(String selection) {
        if (!SuiteRunner.selectsAny(tags(selection))) {
            throw new KitError("--sdk: the tag expression '" + selection + "' selects no client-observable scenario (" + TAG + ")");
        }
    }

    /** Runs the client-observable scenarios of {@code base}'s selection through each SDK, into the SDK directories. */
    public static void run(List<SdkConfiguration> sdks, SuiteRunner.Settings base) throws IOException {
        String tags = tags(base.tags());
        KmsCostProbe cost = KmsCostProbe.applies(KitRun.target()) ? new KmsCostProbe(KitRun.target()) : null;
        for (SdkConfiguration sdk : sdks) {
            Path dir = base.reportDir().resolve(SdkMatrix.DIR).resolve(sdk.label);
            if (base.progress() != null) {
                base.progress().println();
                base.progress().println("Through " + sdk.label + ": the client-observable scenarios (" + TAG + ")");
            }
            String before = System.getProperty(PROPERTY);
            String logBefore = System.getProperty("earkit.sdk-drivers.log");
            System.setProperty(PROPERTY, sdk.label);
            System.setProperty("earkit.sdk-drivers.log", dir.resolve("driver-logs").toString());
            try {
                // The SDK columns run their drivers' processes one scenario at a time unless --threads said otherwise:
                // the default threads of the kit's own run (ParallelRun.threads) were measured for its in-process clients.
                SuiteRunner.run(new SuiteRunner.Settings(tags, dir, base.strict(), base.progress(), Math.max(1, base.threads()),
                        base.minJudged(), base.displayName()));
                ObjectNode described = describe(sdk);
                if (cost != null) {
                    cost.measure(sdk, base.progress()).ifPresent(c -> described.set("kmsCost", c));
                }
                JSON.writeValue(dir.resolve(SdkMatrix.SDK_FILE).toFile(), described);
            } finally {
                restore(PROPERTY, before);
                restore("earkit.sdk-drivers.log", logBefore);
            }
        }
    }

    /** The SDK's name, version, runtime and HTTP configuration, as its driver reports them (no request is sent). */
    static ObjectNode describe(SdkConfiguration sdk) {
        ObjectNode out = JSON.createObjectNode().put("sdk", sdk.label);
        try (SdkDriver driver = sdk.open(new DriverSettings(URI.create("http://127.0.0.1:1"), "us-east-1", "none", "none",
                sdk.connectionsAtMost != 0, false))) {
            JsonNode info = driver.info();
            for (String field : List.of("name", "version", "runtime", "http")) {
                out.put(field, info.path(field).asText());
            }
        }
        return out;
    }

    /** A report directory's SDK runs of an earlier run: gone before a new run, so no stale column shows. */
    static void clear(Path reportDir) throws IOException {
        Path dir = reportDir.resolve(SdkMatrix.DIR);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(all::add);
        }
        for (Path p : all) {
            Files.delete(p);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
