package earkit.reference.domain.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A CloudWatch Logs filter pattern: the JSON form {@code { $.eventName = "Decrypt" && $.userIdentity.invokedBy =
 * "dynamodb.amazonaws.com" }} (comparisons {@code =}, {@code !=}, {@code <}, {@code >}, {@code <=}, {@code >=},
 * {@code IS NULL}, {@code IS TRUE}, {@code IS FALSE}, {@code NOT EXISTS}, {@code *} wildcards in strings, {@code &&},
 * {@code ||} and parentheses), or terms ({@code Decrypt "a phrase"}: all must occur; {@code ?a ?b}: any;
 * {@code -term}: must not). Selectors are read with Jayway JsonPath, so {@code $.a[0].b} and {@code $.a[*].b} work and a
 * member name may hold colons ({@code $.requestParameters.encryptionContext.aws:dynamodb:tableName}).
 */
public final class FilterPattern {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration PATHS = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(JSON)).mappingProvider(new JacksonMappingProvider(JSON))
            .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS).build();

    /** A pattern this class cannot read: the caller's {@code InvalidParameterException}. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    private final Predicate<String> test;

    private FilterPattern(Predicate<String> test) {
        this.test = test;
    }

    public static FilterPattern parse(String pattern) {
        if (pattern != null && pattern.length() > 1024) {
            throw new Invalid("Invalid filter pattern: at most 1024 characters");
        }
        String p = pattern == null ? "" : pattern.trim();
        if (p.isEmpty()) {
            return new FilterPattern(m -> true);
        }
        if (p.startsWith("{")) {
            if (!p.endsWith("}")) {
                throw new Invalid("Invalid filter pattern: a JSON pattern ends with '}'");
            }
            Predicate<JsonNode> json = new JsonPatternParser(p.substring(1, p.length() - 1)).parse();
            return new FilterPattern(message -> {
                JsonNode doc = document(message);
                return doc != null && json.test(doc);
            });
        }
        return new FilterPattern(terms(p));
    }

    public boolean matches(String message) {
        return test.test(message);
    }

    /** The values a selector finds in a document: none when it finds nothing. */
    static List<JsonNode> select(JsonPath path, JsonNode document) {
        Object found = path.read(document, PATHS);
        List<JsonNode> values = new ArrayList<>();
        if (found instanceof Iterable<?> all) {
            all.forEach(v -> values.add((JsonNode) v));
        }
        return values;
    }

    private static JsonNode document(String message) {
        try {
            JsonNode n = JSON.readTree(message);
            return n != null && n.isContainerNode() ? n : null;
        } catch (IOException e) {
            return null; // a message that is not JSON matches no JSON pattern
        }
    }

    private static Predicate<String> terms(String pattern) {
        List<String> all = new ArrayList<>();
        List<String> any = new ArrayList<>();
        List<String> none = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            List<String> into = c == '?' ? any : c == '-' ? none : all;
            if (c == '?' || c == '-') {
                i++;
            }
            int end;
            String term;
            if (i < pattern.length() && pattern.charAt(i) == '"') {
                end = pattern.indexOf('"', i + 1);
                if (end < 0) {
                    throw new Invalid("Invalid filter pattern: unterminated quoted term");
                }
                term = pattern.substring(i + 1, end);
                end++;
            } else {
                end = i;
                while (end < pattern.length() && !Character.isWhitespace(pattern.charAt(end))) {
                    end++;
                }
                term = pattern.substring(i, end);
            }
            if (term.isEmpty()) {
                throw new Invalid("Invalid filter pattern: empty term");
            }
            into.add(term);
            i = end;
        }
        return m -> all.stream().allMatch(m::contains) && none.stream().noneMatch(m::contains)
                && (any.isEmpty() || any.stream().anyMatch(m::contains));
    }
}
