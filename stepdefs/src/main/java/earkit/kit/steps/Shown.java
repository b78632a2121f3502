package earkit.kit.steps;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How checks print what they expected and observed: maps in key order, nothing as "none" rather than "null". */
final class Shown {
    private Shown() {
    }

    static String value(Object o) {
        if (o == null) {
            return "none";
        }
        if (o instanceof Map<?, ?> m) {
            return new TreeMap<>(m.entrySet().stream().collect(Collectors.toMap(e -> String.valueOf(e.getKey()),
                    e -> value(e.getValue()), (a, b) -> a))).toString();
        }
        return o.toString();
    }
}
