package earkit.reference.domain.expression;

import earkit.reference.protocol.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the parsers of every expression kind share: the token cursor, document paths, placeholder
 * substitution with usage tracking, and DynamoDB's error wording. Syntax errors stop the parse at once;
 * semantic errors (reserved words, undefined placeholders, wrong operands) are remembered and the first
 * one is thrown once the text has parsed, as DynamoDB reports syntax before meaning.
 */
class ExpressionParser {
    static final int MAX_NESTING = 32;
    /** Words with a grammatical role; DynamoDB reports them as syntax errors where an attribute name belongs. */
    static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE");

    final String kind;
    private final String text;
    private final List<Token> tokens;
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();
    private final List<String> semanticErrors = new ArrayList<>();
    private int position;

    ExpressionParser(String kind, String text, Map<String, String> names, Map<String, AttributeValue> values) {
        this.kind = kind;
        this.text = text == null ? "" : text;
        if (this.text.isBlank()) {
            throw invalid("The expression can not be empty;");
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

    ApiException invalid(String detail) {
        return ApiException.validation("Invalid " + kind + ": " + detail);
    }

    /** DynamoDB names the offending token and the text around it (previous token to next token). */
    ApiException syntaxError() {
        Token current = peek();
        int from = position > 0 ? tokens.get(position - 1).start() : current.start();
        Token after = peek(1);
        int to = current.kind() == Token.Kind.EOF ? current.end() : Math.max(current.end(), after.end());
        String near = text.substring(from, to).trim();
        return invalid("Syntax error; token: \"" + current.display() + "\", near: \"" + near + "\"");
    }

    void semanticError(String detail) {
        semanticErrors.add(detail);
    }

    /** Throws the first semantic error found while parsing, if any. */
    void throwSemanticErrors() {
        if (!semanticErrors.isEmpty()) {
            throw invalid(semanticErrors.get(0));
        }
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
        while (true) {
            if (accept(".")) {
                elements.add(pathName());
            } else if (accept("[")) {
                Token index = next();
                if (index.kind() != Token.Kind.NUMBER) {
                    position--;
                    throw syntaxError();
                }
                expect("]");
                elements.add(listIndex(index.text()));
            } else {
                break;
            }
        }
        if (elements.size() > MAX_NESTING) {
            semanticError("The document path has too many nesting levels; nesting levels: " + elements.size());
        }
        return new DocumentPath(elements);
    }

    private int listIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            semanticError("List index is not within the allowable range; index: [" + digits + "]");
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
                semanticError("An expression attribute name used in the document path is not defined;"
                        + " attribute name: " + t.text());
                return t.text();
            }
            return name;
        }
        if (t.kind() == Token.Kind.IDENTIFIER && !isKeyword(t)) {
            next();
            if (ReservedWords.isReserved(t.text())) {
                semanticError("Attribute name is a reserved keyword; reserved keyword: " + t.text());
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
            semanticError("An expression attribute value used in expression is not defined; attribute value: "
                    + t.text());
        }
        return v;
    }

    /** DynamoDB's rendering of a scalar value inside messages, e.g. {@code AttributeValue: {N:5}}. */
    static String describe(AttributeValue v) {
        String type = AttributeValues.type(v);
        Object content = switch (type) {
            case "S" -> v.s();
            case "N" -> v.n();
            default -> v.b().asByteBuffer();
        };
        return "AttributeValue: {" + type + ":" + content + "}";
    }
}
