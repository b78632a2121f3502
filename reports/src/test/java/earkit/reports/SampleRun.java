package earkit.reports;

import earkit.reports.sample.SampleTarget;
import io.cucumber.core.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/**
 * Makes a report directory the way {@code ./kit run} does: by running Cucumber on the sample features, with
 * run.json and deviations.json in the run command's own format.
 */
final class SampleRun {
    private static final List<String> CAPABILITIES = List.of("clock-control", "kms-audit");
    private final Set<String> broken;
    private final Set<String> missingCapabilities;
    private boolean strict;
    private boolean deviations = true;

    private SampleRun(Set<String> broken, Set<String> missingCapabilities) {
        this.broken = broken;
        this.missingCapabilities = missingCapabilities;
    }

    static SampleRun breaking(String... requirements) {
        return new SampleRun(Set.of(requirements), Set.of("kms-audit"));
    }

    SampleRun lacking(String... capabilities) {
        return new SampleRun(broken, Set.of(capabilities)).strict(strict);
    }

    SampleRun strict(boolean value) {
        strict = value;
        return this;
    }

    SampleRun withoutDeviations() {
        deviations = false;
        return this;
    }

    Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            SampleTarget.configure(broken, missingCapabilities);
            System.setProperty("cucumber.publish.quiet", "true");
            Main.run(new String[] {"--no-summary", "--plugin", "message:" + dir.resolve("cucumber-messages.ndjson"),
                    "--glue", "earkit.reports.sample", "classpath:earkit/reports/sample"},
                    SampleRun.class.getClassLoader());
            copy("catalogue.json", dir);
            if (deviations) {
                copy("deviations.json", dir);
            }
            Files.writeString(dir.resolve("run.json"), """
                    {"target": "sample", "capabilities": %s,
                     "endpoints": {"dynamodb": "http://127.0.0.1:45123", "kms": "http://127.0.0.1:45123",
                                   "cloudtrail": "http://127.0.0.1:45123", "control": "http://127.0.0.1:45123/_kit"},
                     "kitVersion": "0.1.0", "start": "2026-11-28T04:00:00Z", "end": "2026-11-28T04:00:12.5Z",
                     "tags": "", "strict": %s}
                    """.formatted(Json.MAPPER.writeValueAsString(CAPABILITIES.stream()
                            .filter(c -> !missingCapabilities.contains(c)).toList()), strict));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path dir) throws IOException {
        try (InputStream in = SampleRun.class.getResourceAsStream("sample/" + resource)) {
            Files.copy(in, dir.resolve(resource), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
