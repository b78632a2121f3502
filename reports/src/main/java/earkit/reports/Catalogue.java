package earkit.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The machine-readable requirement catalogue the suite writes beside its run (catalogue.json). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Catalogue(List<Requirement> requirements, List<Context> context) {

    public Catalogue {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        context = context == null ? List.of() : List.copyOf(context);
    }

    /** A requirement: what a target must, should or may do, and the seed sentences it comes from. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Requirement(String id, String level, String area, String statement, List<String> sentences,
                              List<String> facts, String intent) {
        public Requirement {
            sentences = sentences == null ? List.of() : List.copyOf(sentences);
            facts = facts == null ? List.of() : List.copyOf(facts);
            area = area == null || area.isBlank() ? "Other" : area;
            level = level == null ? "MUST" : level.toUpperCase(java.util.Locale.ROOT);
        }
    }

    /** A seed sentence that no target can show, with the reason. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Context(String sentence, String reason) {
    }
}
