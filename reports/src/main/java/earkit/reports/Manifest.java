package earkit.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * manifest.json: the SHA-256 of every file of a report directory as the run left it, so that {@code kit report
 * --verify} can say later whether anything was changed, added or removed. A check of integrity, not a signature:
 * whoever can edit the files can rewrite the manifest too; keep a copy of its hash where the report goes.
 */
public final class Manifest {
    public static final String FILE = "manifest.json";

    private Manifest() {
    }

    /** Hashes every regular file of {@code dir} (subdirectories included) but the manifest itself. */
    public static void write(Path dir) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("algorithm", "SHA-256");
        manifest.put("files", hashes(dir));
        try {
            Json.MAPPER.writeValue(dir.resolve(FILE).toFile(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    /** One line per file that differs from the manifest (changed, missing or added); empty when nothing did. */
    public static List<String> verify(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " holds no " + FILE + ": it was not written by this version of ./kit run");
        }
        Map<String, String> recorded = new TreeMap<>();
        try {
            JsonNode files = Json.MAPPER.readTree(file.toFile()).path("files");
            files.fields().forEachRemaining(e -> recorded.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> now = hashes(dir);
        List<String> differences = new ArrayList<>();
        recorded.forEach((name, hash) -> {
            String current = now.get(name);
            if (current == null) {
                differences.add("missing: " + name);
            } else if (!current.equals(hash)) {
                differences.add("changed: " + name);
            }
        });
        now.keySet().stream().filter(name -> !recorded.containsKey(name)).forEach(name -> differences.add("added:   " + name));
        return differences;
    }

    private static Map<String, String> hashes(Path dir) {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(f).toString().replace('\\', '/');
                if (!name.equals(FILE)) {
                    hashes.put(name, sha256(Files.readAllBytes(f)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report directory " + dir, e);
        }
        return hashes;
    }

    /** Lower-case hex SHA-256, as manifest.json and run.json record hashes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
