package earkit.reference.domain.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the inside of a JSON filter pattern, {@code $.a = "x" && ($.b > 1 || $.c NOT EXISTS)}, into a test of a
 * document. {@code ||} binds looser than {@code &&}. Selectors become Jayway JsonPath paths in bracket notation, so a
 * member name is taken as it is written (colons included).
 */
final class JsonPatternParser {
    private static final String SELECTOR_END = " \t\r\n.[=!<>()&|";
    private final String text;
    private int at;

    JsonPatternParser(String text) {
        this.text = text;
    }

    Predicate<JsonNode> parse() {
        Predicate<JsonNode> p = or();
        skipSpace();
        if (at != text.length()) {
            throw invalid("unexpected '" + text.substring(at) + "'");
        }
        return p;
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (take("||")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = primary();
        while (take("&&")) {
            left = left.and(primary());
        }
        return left;
    }

    private Predicate<JsonNode> primary() {
        if (take("(")) {
            Predicate<JsonNode> inner = or();
            if (!take(")")) {
                throw invalid("missing ')'");
            }
            return inner;
        }
        JsonPath path = selector();
        if (takeWord("IS")) {
            if (takeWord("NULL")) {
                return d -> FilterPattern.select(path, d).stream().anyMatch(JsonNode::isNull);
            }
            boolean wanted = takeWord("TRUE");
            if (!wanted && !takeWord("FALSE")) {
                throw invalid("IS takes NULL, TRUE or FALSE");
            }
            return d -> FilterPattern.select(path, d).stream().anyMatch(v -> v.isBoolean() && v.booleanValue() == wanted);
        }
        if (takeWord("NOT")) {
            if (!takeWord("EXISTS")) {
                throw invalid("NOT takes EXISTS");
            }
            return d -> FilterPattern.select(path, d).isEmpty();
        }
        String op = operator();
        String value = value();
        if (op.equals("=") || op.equals("!=")) {
            Predicate<JsonNode> equal = equality(value);
            return op.equals("=") ? d -> FilterPattern.select(path, d).stream().anyMatch(equal)
                    : d -> {
                        List<JsonNode> found = FilterPattern.select(path, d);
                        return !found.isEmpty() && found.stream().noneMatch(equal);
                    };
        }
        BigDecimal bound = number(value);
        return d -> FilterPattern.select(path, d).stream().anyMatch(v -> v.isNumber() && compare(op, v.decimalValue().compareTo(bound)));
    }

    private static boolean compare(String op, int c) {
        return switch (op) {
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
        };
    }

    /** A string with {@code *} wildcards; a number compared as a number when the value found is one. */
    private static Predicate<JsonNode> equality(String value) {
        BigDecimal number = decimal(value);
        return v -> {
            if (v.isNumber() && number != null) {
                return v.decimalValue().compareTo(number) == 0;
            }
            return v.isValueNode() && !v.isNull() && glob(value, v.asText());
        };
    }

    /**
     * Whether {@code text} matches {@code pattern}, whose {@code *} stands for any run of characters: the greedy
     * two-pointer walk, at most length × length steps whatever the pattern (a regular expression of many {@code .*}
     * can backtrack for far longer on a caller's pattern).
     */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private JsonPath selector() {
        skipSpace();
        if (!take("$")) {
            throw invalid("a comparison starts with a selector such as $.eventName");
        }
        StringBuilder path = new StringBuilder("$");
        while (at < text.length() && (text.charAt(at) == '.' || text.charAt(at) == '[')) {
            if (text.charAt(at) == '.') {
                int start = ++at;
                while (at < text.length() && SELECTOR_END.indexOf(text.charAt(at)) < 0) {
                    at++;
                }
                if (at == start) {
                    throw invalid("empty member name in selector");
                }
                path.append("['").append(text.substring(start, at).replace("'", "\\'")).append("']");
            } else {
                int close = text.indexOf(']', at);
                String index = close < 0 ? "" : text.substring(at + 1, close);
                if (!index.equals("*") && !index.matches("\\d+")) {
                    throw invalid("a selector's index is a number or *");
                }
                path.append('[').append(index).append(']');
                at = close + 1;
            }
        }
        if (path.length() == 1) {
            throw invalid("a selector names a member, e.g. $.eventName");
        }
        try {
            return JsonPath.compile(path.toString());
        } catch (InvalidPathException e) {
            throw invalid("selector " + path + ": " + e.getMessage());
        }
    }

    private String operator() {
        skipSpace();
        for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
            if (text.startsWith(op, at)) {
                at += op.length();
                return op;
            }
        }
        throw invalid("expected =, !=, <, >, <=, >=, IS or NOT EXISTS after a selector");
    }

    private String value() {
        skipSpace();
        if (at < text.length() && text.charAt(at) == '"') {
            StringBuilder s = new StringBuilder();
            for (at++; at < text.length(); at++) {
                char c = text.charAt(at);
                if (c == '\\' && at + 1 < text.length()) {
                    s.append(text.charAt(++at));
                } else if (c == '"') {
                    at++;
                    return s.toString();
                } else {
                    s.append(c);
                }
            }
            throw invalid("unterminated string");
        }
        int start = at;
        while (at < text.length() && " \t\r\n()&|".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        if (at == start) {
            throw invalid("expected a value");
        }
        return text.substring(start, at);
    }

    private BigDecimal number(String value) {
        BigDecimal n = decimal(value);
        if (n == null) {
            throw invalid("'" + value + "' is not a number");
        }
        return n;
    }

    private static BigDecimal decimal(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean take(String token) {
        skipSpace();
        if (text.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }

    /** A keyword, not the start of a longer word. */
    private boolean takeWord(String word) {
        skipSpace();
        int end = at + word.length();
        if (text.startsWith(word, at) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            at = end;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private FilterPattern.Invalid invalid(String why) {
        return new FilterPattern.Invalid("Invalid filter pattern: " + why + " (at character " + at + " of '" + text.trim() + "')");
    }
}
