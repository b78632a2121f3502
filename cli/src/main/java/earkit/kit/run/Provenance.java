package earkit.kit.run;

import earkit.kit.spi.ClientSettings;
import earkit.kit.spi.Target;
import earkit.reports.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import software.amazon.awssdk.core.util.VersionInfo;

/**
 * What an auditor needs to check a run later (run.json's provenance): the kit's version and the commit it was built
 * from, the SHA-256 of every feature file and of the catalogue, the target's profile file, the AWS SDK and HTTP client
 * versions and the JVM. The report directory's own files are hashed in its manifest.json.
 */
final class Provenance {
    private Provenance() {
    }

    static Map<String, Object> of(TestPlan allFeatures, byte[] catalogue, Target target, Optional<Path> profile) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kitCommit", resource("earkit/kit/run/build-commit.txt").map(b -> new String(b, StandardCharsets.UTF_8).strip())
                .orElse("unknown"));
        p.put("sdkVersion", "AWS SDK for Java " + VersionInfo.SDK_VERSION);
        p.put("httpClient", httpClient(target.clientSettings().httpClient()));
        p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        p.put("catalogueSha256", sha256(catalogue));
        p.put("featureSha256", features(allFeatures));
        profile.filter(Files::isRegularFile).ifPresent(file -> {
            try {
                p.put("profile", Map.of("path", file.toAbsolutePath().normalize().toString(),
                        "sha256", sha256(Files.readAllBytes(file))));
            } catch (IOException e) {
                throw new KitError("cannot read the profile " + file + ": " + e.getMessage(), e);
            }
        });
        return p;
    }

    /** The profile file the target was configured from: {@code kit.profile}, else fixtures/targets/NAME/profile.properties. */
    static Optional<Path> profileFile() {
        String explicit = System.getProperty("kit.profile");
        if (explicit != null) {
            return Optional.of(Path.of(explicit));
        }
        String name = System.getProperty("kit.target");
        return name == null ? Optional.empty() : Optional.of(Path.of("fixtures", "targets", name, "profile.properties"));
    }

    /** Feature file (classpath name) to SHA-256, for every feature of the suite, selected or not. */
    private static Map<String, String> features(TestPlan plan) {
        Map<String, String> hashes = new TreeMap<>();
        for (TestIdentifier root : plan.getRoots()) {
            Set<TestIdentifier> all = plan.getDescendants(root);
            for (TestIdentifier id : all) {
                id.getSource().filter(ClasspathResourceSource.class::isInstance)
                        .map(s -> ((ClasspathResourceSource) s).getClasspathResourceName())
                        .filter(name -> name.endsWith(".feature") && !hashes.containsKey(name))
                        .ifPresent(name -> hashes.put(name, resource(name).map(Provenance::sha256)
                                .orElseThrow(() -> new KitError("feature file " + name + " is not on the classpath"))));
            }
        }
        return hashes;
    }

    private static String httpClient(ClientSettings.HttpClient client) {
        String library = switch (client) {
            case APACHE -> implementationVersion("org.apache.http.impl.client.HttpClientBuilder", "Apache HttpClient");
            case NETTY -> implementationVersion("io.netty.channel.Channel", "Netty");
            case URL_CONNECTION -> "JDK HttpURLConnection " + System.getProperty("java.version");
        };
        return client.label() + " (" + library + ", SDK client " + VersionInfo.SDK_VERSION + ")";
    }

    private static String implementationVersion(String className, String library) {
        try {
            String v = Class.forName(className).getPackage().getImplementationVersion();
            return library + " " + (v == null ? "version unknown" : v);
        } catch (ClassNotFoundException e) {
            return library + " not on the classpath";
        }
    }

    private static Optional<byte[]> resource(String name) {
        try (InputStream in = Provenance.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new KitError("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        return Manifest.sha256(bytes);
    }
}
