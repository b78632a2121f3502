package earkit.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A known deviation of the target under test, from the run's deviations.json. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Deviation(String requirement, String reason, String status) {
}
