package earkit.reference.service.dynamodb.partiql;

import java.util.Map;

/** A table's key attribute names ({@code range} null when it has none) and those of its indexes, by index name. */
public record KeyNames(String hash, String range, Map<String, KeyNames> indexes) {
}
