package earkit.reference.service;

import com.fasterxml.jackson.databind.JsonNode;
import earkit.reference.protocol.ApiException;
import earkit.reference.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /_kit/storage/find {"needles": [...]}}: where, if anywhere, the given byte sequences (UTF-8)
 * occur among everything the reference stores (map names, keys, values). The door through which a
 * scenario proves that no plaintext reaches the storage.
 */
public final class StorageRoutes {
    private StorageRoutes() {
    }

    public static void register(ControlApi control, Storage storage) {
        control.route("POST", "/_kit/storage/find", body -> {
            JsonNode needles = body.get("needles");
            if (needles == null || !needles.isArray() || needles.isEmpty()) {
                throw ApiException.validation("Member 'needles' (a non-empty list of strings) is required");
            }
            List<Map<String, String>> found = new ArrayList<>();
            long scanned = 0;
            for (JsonNode n : needles) {
                byte[] needle = n.asText().getBytes(StandardCharsets.UTF_8);
                for (String map : storage.mapNames()) {
                    if (contains(map.getBytes(StandardCharsets.UTF_8), needle)) {
                        found.add(Map.of("needle", n.asText(), "map", map, "in", "map name"));
                    }
                    for (Map.Entry<String, byte[]> e : storage.map(map).entries()) {
                        scanned++;
                        if (contains(e.getKey().getBytes(StandardCharsets.UTF_8), needle)) {
                            found.add(Map.of("needle", n.asText(), "map", map, "in", "key"));
                        }
                        if (contains(e.getValue(), needle)) {
                            found.add(Map.of("needle", n.asText(), "map", map, "in", "value"));
                        }
                    }
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("found", found);
            out.put("entriesScanned", scanned);
            return out;
        });
    }

    /** Naive search; the stores the kit inspects are small. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
