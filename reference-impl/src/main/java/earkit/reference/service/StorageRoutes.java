package earkit.reference.service;

import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code POST /_kit/storage/contains {"needle": "..."}} → {@code {"found": bool}}: whether the UTF-8
 * bytes of the needle appear in any stored key or value. The kit writes a marker into an item and
 * proves with this route that nothing stores it in plaintext (capability storage-inspection).
 */
public final class StorageRoutes {
    private StorageRoutes() {
    }

    public static void register(ControlApi control, Storage storage) {
        control.route("POST", "/_kit/storage/contains", b -> {
            String needle = ControlApi.text(b, "needle");
            if (needle.length() < 8) {
                throw earkit.reference.protocol.ApiException.validation("A needle needs at least 8 characters, so that it cannot match by chance");
            }
            return Map.of("found", contains(storage, needle.getBytes(StandardCharsets.UTF_8)));
        });
    }

    static boolean contains(Storage storage, byte[] needle) {
        for (String name : storage.mapNames()) {
            KeyValueMap map = storage.map(name);
            for (Map.Entry<String, byte[]> e : map.entries()) {
                if (indexOf(e.getKey().getBytes(StandardCharsets.UTF_8), needle) >= 0 || indexOf(e.getValue(), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
