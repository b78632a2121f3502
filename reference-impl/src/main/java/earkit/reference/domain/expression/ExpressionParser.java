package earkit.reference.domain.expression;

import earkit.reference.domain.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the parsers of every expression kind share: the token cursor, document paths, placeholder
 * substitution with usage tracking, and DynamoDB's error wording. Syntax errors stop the parse at once;
 * semantic problems (reserved words, undefined placeholders, wrong operands) are collected, first one of
 * each {@link Problem} kind, and once the text has parsed the highest ranked one is thrown, as DynamoDB
 * reports syntax before meaning.
 */
class ExpressionParser {
    static final int MAX_NESTING = 32;
    /** Bytes (UTF-8) of one expression string. */
    static final int MAX_SIZE = 4096;
    /** Words with a grammatical role; DynamoDB reports them as syntax errors where an attribute name belongs. */
    static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE");

    final String kind;
    private final String text;
    private final List<Token> tokens;
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();
    private final Set<String> nestedAttributes = new LinkedHashSet<>();
    private final Map<Problem, String> problems = new EnumMap<>(Problem.class);
    private int position;

    ExpressionParser(String kind, String text, Map<String, String> names, Map<String, AttributeValue> values) {
        this.kind = kind;
        this.text = text == null ? "" : text;
        if (this.text.isBlank()) {
            throw invalid("The expression can not be empty;");
        }
        int size = this.text.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_SIZE) {
            throw invalid("Expression size has exceeded the maximum allowed size; expression size: " + size);
        }
        this.tokens = Tokenizer.tokenize(this.text);
        this.names = names == null ? Map.of() : names;
        this.values = values == null ? Map.of() : values;
    }

    Set<String> usedNames() {
        return Set.copyOf(usedNames);
    }

    Set<String> usedValues() {
        return Set.copyOf(usedValues);
    }

    Set<String> nestedAttributes() {
        return Set.copyOf(nestedAttributes);
    }

    // --- cursor -------------------------------------------------------------------------------------

    Token peek() {
        return tokens.get(position);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(position);
        if (t.kind() != Token.Kind.EOF) {
            position++;
        }
        return t;
    }

    boolean accept(String punctuation) {
        if (peek().is(punctuation)) {
            next();
            return true;
        }
        return false;
    }

    boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            next();
            return true;
        }
        return false;
    }

    void expect(String punctuation) {
        if (!accept(punctuation)) {
            throw syntaxError();
        }
    }

    void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw syntaxError();
        }
    }

    void expectEnd() {
        if (peek().kind() != Token.Kind.EOF) {
            throw syntaxError();
        }
    }

    // --- errors -------------------------------------------------------------------------------------

    DomainException invalid(String detail) {
        return DomainException.validation("Invalid " + kind + ": " + detail);
    }

    /** DynamoDB names the offending token and the text around it (previous token to next token). */
    DomainException syntaxError() {
        Token current = peek();
        int from = position > 0 ? tokens.get(position - 1).start() : current.start();
        Token after = peek(1);
        int to = current.kind() == Token.Kind.EOF ? current.end() : Math.max(current.end(), after.end());
        String near = text.substring(from, to);
        return invalid("Syntax error; token: \"" + current.display() + "\", near: \"" + near + "\"");
    }

    /** Notes a problem unless one of its kind was noted before. */
    void problem(Problem kind, String detail) {
        problems.putIfAbsent(kind, detail);
    }

    /** Takes the noted problems of the given kinds out, for a parser that ranks them per part of the text. */
    Map<Problem, String> takeProblems(Set<Problem> kinds) {
        Map<Problem, String> taken = new EnumMap<>(Problem.class);
        for (Problem kind : kinds) {
            String detail = problems.remove(kind);
            if (detail != null) {
                taken.put(kind, detail);
            }
        }
        return taken;
    }

    /** Throws the noted problem ranked highest in {@code ranking}, if any. */
    void throwProblems(List<Problem> ranking) {
        for (Problem kind : ranking) {
            String detail = problems.get(kind);
            if (detail != null) {
                throw invalid(detail);
            }
        }
    }

    /** Whether undefined names and values are one kind of problem (conditions) or two (updates). */
    Problem undefinedValueKind() {
        return Problem.UNDEFINED_VALUE;
    }

    /** The index of the token that closes the parenthesis at the cursor, or -1 when it is not closed. */
    int matchingParenthesis() {
        int depth = 0;
        for (int i = position; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")") && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The token right after the parenthesis group at the cursor (EOF when unbalanced). */
    Token afterParentheses() {
        int close = matchingParenthesis();
        return close < 0 ? tokens.get(tokens.size() - 1) : tokens.get(Math.min(close + 1, tokens.size() - 1));
    }

    // --- paths and placeholders ---------------------------------------------------------------------

    boolean atPathStart() {
        Token t = peek();
        return t.kind() == Token.Kind.NAME_REF || (t.kind() == Token.Kind.IDENTIFIER && !isKeyword(t));
    }

    static boolean isKeyword(Token t) {
        return t.kind() == Token.Kind.IDENTIFIER && KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT));
    }

    DocumentPath path() {
        List<Object> elements = new ArrayList<>();
        elements.add(pathName());
        return pathRest(elements);
    }

    /** Continues a path whose first elements are parsed: {@code .name} and {@code [index]} steps. */
    DocumentPath pathRest(List<Object> elements) {
        while (true) {
            if (accept(".")) {
                elements.add(pathName());
            } else if (accept("[")) {
                Token index = peek();
                if (index.kind() != Token.Kind.NUMBER) {
                    throw syntaxError();
                }
                next();
                expect("]");
                elements.add(listIndex(index.text()));
            } else {
                break;
            }
        }
        if (elements.size() > 1) {
            nestedAttributes.add((String) elements.get(0));
        }
        if (elements.size() > MAX_NESTING) {
            problem(Problem.LIMIT, "The document path has too many nesting levels; nesting levels: " + elements.size());
        }
        return new DocumentPath(elements);
    }

    private int listIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            problem(Problem.LIMIT, "List index is not within the allowable range; index: [" + digits + "]");
            return Integer.MAX_VALUE;
        }
    }

    private String pathName() {
        Token t = peek();
        if (t.kind() == Token.Kind.NAME_REF) {
            next();
            usedNames.add(t.text());
            String name = names.get(t.text());
            if (name == null) {
                problem(Problem.UNDEFINED_NAME, "An expression attribute name used in the document path is not"
                        + " defined; attribute name: " + t.text());
                return t.text();
            }
            return name;
        }
        if (t.kind() == Token.Kind.IDENTIFIER && !isKeyword(t)) {
            next();
            if (ReservedWords.isReserved(t.text())) {
                problem(Problem.RESERVED_WORD, "Attribute name is a reserved keyword; reserved keyword: " + t.text());
            }
            return t.text();
        }
        throw syntaxError();
    }

    /** The value of a {@code :placeholder} token just consumed; null (with an error noted) when undefined. */
    AttributeValue value(Token t) {
        usedValues.add(t.text());
        AttributeValue v = values.get(t.text());
        if (v == null) {
            problem(undefinedValueKind(), "An expression attribute value used in expression is not defined;"
                    + " attribute value: " + t.text());
        }
        return v;
    }

    /** DynamoDB's rendering of a value inside messages, e.g. {@code AttributeValue: {N:5}}. */
    static String describe(AttributeValue v) {
        String type = AttributeValues.type(v);
        Object content = switch (type) {
            case "S" -> v.s();
            case "N" -> v.n();
            case "B" -> base64(v.b());
            case "BOOL" -> v.bool();
            case "NULL" -> v.nul();
            case "SS" -> v.ss();
            case "NS" -> v.ns();
            case "BS" -> v.bs().stream().map(ExpressionParser::base64).toList();
            case "L" -> v.l();
            default -> v.m();
        };
        return "AttributeValue: {" + type + ":" + content + "}";
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }
}
