package earkit.kit.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Settings of a target: the profile file {@code fixtures/targets/<name>/profile.properties} (from the
 * working directory, else the classpath), overlaid by {@code kit.<key>} system properties and command-line
 * options. Keys: {@code endpoint}, {@code endpoint.<service>}, {@code control}, {@code region},
 * {@code region.second}, {@code access-key}, {@code secret-key}, {@code capabilities}, {@code timeout.async}.
 */
public final class TargetConfig {
    private final String target;
    private final Map<String, String> values;

    public TargetConfig(String target, Map<String, String> values) {
        this.target = target;
        this.values = Map.copyOf(values);
    }

    /** The profile of {@code target} overlaid with every {@code kit.*} system property. */
    public static TargetConfig load(String target) {
        Map<String, String> v = new LinkedHashMap<>(profile(target));
        System.getProperties().forEach((k, val) -> {
            String key = k.toString();
            if (key.startsWith("kit.") && !key.equals("kit.target")) {
                v.put(key.substring(4), val.toString());
            }
        });
        return new TargetConfig(target, v);
    }

    static Map<String, String> profile(String target) {
        Properties p = new Properties();
        String rel = "fixtures/targets/" + target + "/profile.properties";
        Path file = Path.of(System.getProperty("kit.profile", rel));
        try {
            if (Files.isRegularFile(file)) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            } else {
                try (InputStream in = TargetConfig.class.getClassLoader().getResourceAsStream(rel)) {
                    if (in != null) {
                        p.load(in);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the profile of target '" + target + "': " + e.getMessage(), e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.forEach((k, val) -> m.put(k.toString(), val.toString().trim()));
        return m;
    }

    public String target() {
        return target;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(s -> !s.isBlank());
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException("Target '" + target + "' needs '" + key
                + "': set it in fixtures/targets/" + target + "/profile.properties or pass -Dkit." + key + "=..."));
    }

    public Set<String> capabilities() {
        return get("capabilities").map(s -> Arrays.stream(s.split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toCollection(TreeSet::new)))
                .orElseGet(TreeSet::new);
    }

    public Duration asyncTimeout(Duration fallback) {
        return get("timeout.async").map(Duration::parse).orElse(fallback);
    }
}
