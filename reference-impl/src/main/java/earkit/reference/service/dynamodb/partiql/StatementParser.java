package earkit.reference.service.dynamodb.partiql;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.partiql.ast.Statement;
import org.partiql.parser.PartiQLParser;
import org.partiql.spi.errors.PError;
import org.partiql.spi.errors.PRuntimeException;

/** A statement read by the PartiQL project's parser, after {@link DialectText} has put DynamoDB's clauses in standard form. */
final class StatementParser {
    /** The parser keeps no state between statements: one serves every request. */
    private static final PartiQLParser PARSER = PartiQLParser.standard();

    private static final Pattern FIRST_WORD = Pattern.compile("\\s*([A-Za-z]+)");

    record Parsed(Statement statement, DialectText.Split split) {
    }

    private StatementParser() {
    }

    static Parsed parse(String statement) {
        Matcher word = FIRST_WORD.matcher(statement);
        String first = word.lookingAt() ? word.group(1).toUpperCase(Locale.ROOT) : "";
        if (!List.of("SELECT", "INSERT", "UPDATE", "DELETE").contains(first)) {
            throw StatementErrors.malformed("Expected data manipulation");
        }
        DialectText.Split split = DialectText.split(statement);
        List<Statement> statements;
        try {
            statements = PARSER.parse(split.standard()).statements;
        } catch (PRuntimeException e) {
            throw StatementErrors.malformed(describe(e.getError()));
        } catch (RuntimeException | StackOverflowError e) {
            // The parser's own failures on input it cannot read (e.g. nesting deeper than its stack) are the statement's fault.
            throw StatementErrors.malformed("Unexpected input");
        }
        if (statements.size() != 1) {
            throw StatementErrors.malformed("Expected a single statement");
        }
        return new Parsed(statements.get(0), split);
    }

    private static String describe(PError error) {
        String token = error.getOrNull("TOKEN_NAME", String.class);
        String where = error.location == null ? "" : " at line " + error.location.line + ", column " + error.location.offset;
        return token == null ? "Unexpected input" + where : "Unexpected token " + token + where;
    }
}
