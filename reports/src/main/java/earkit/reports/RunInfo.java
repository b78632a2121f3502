package earkit.reports;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./kit run} records about a run (run.json). The aliases are the names the run command writes
 * ({@code kitVersion}, {@code start}, {@code end}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunInfo(@JsonAlias("kitVersion") String kit, String target, JsonNode endpoints,
                      @JsonAlias("start") String startedAt, @JsonAlias("end") String finishedAt, Boolean strict,
                      List<String> capabilities, String tags, Integer minJudged, String kitCommit,
                      String sdkVersion, String httpClient, String java, String catalogueSha256,
                      Map<String, String> featureSha256, Map<String, String> profile) {
}
