package earkit.reference.domain.audit;

import java.time.Instant;

/**
 * A {@code LookupEvents} query of one account and Region: at most one attribute (null key = all
 * events), an inclusive time range, a page size and where the previous page ended (null = newest).
 */
public record LookupQuery(String accountId, String region, String attributeKey, String attributeValue, Instant start,
                          Instant end, int maxResults, String after) {
}
