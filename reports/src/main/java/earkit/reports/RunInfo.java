package earkit.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** What {@code ./kit run} records about a run (run.json). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunInfo(String kit, String target, JsonNode endpoints, String startedAt, String finishedAt,
                      Boolean strict) {
}
