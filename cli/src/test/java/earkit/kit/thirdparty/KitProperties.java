package earkit.kit.thirdparty;

import java.util.HashMap;
import java.util.Map;

/**
 * Sets {@code kit.*} system properties for one run of the suite and restores the previous values, so
 * the test classes that run after (the suite against the reference) see the JVM as it was.
 */
final class KitProperties implements AutoCloseable {
    private final Map<String, String> previous = new HashMap<>();

    KitProperties set(String key, String value) {
        previous.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
        return this;
    }

    @Override
    public void close() {
        previous.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }
}
