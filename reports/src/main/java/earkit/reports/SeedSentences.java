package earkit.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The numbered sentences (S01–S50) of the documentation page the catalogue traces. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SeedSentences(String source, List<Sentence> sentences) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sentence(String id, String section, String text) {
    }

    static SeedSentences bundled() {
        try (InputStream in = SeedSentences.class.getResourceAsStream("seed-sentences.json")) {
            return Json.MAPPER.readValue(in, SeedSentences.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
