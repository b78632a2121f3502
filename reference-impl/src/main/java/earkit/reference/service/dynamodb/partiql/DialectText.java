package earkit.reference.service.dynamodb.partiql;

import java.util.ArrayList;
import java.util.List;
import org.partiql.parser.internal.antlr.PartiQLTokens;
import org.partiql.parser.thirdparty.antlr.v4.runtime.CharStreams;
import org.partiql.parser.thirdparty.antlr.v4.runtime.Token;

/**
 * DynamoDB's PartiQL dialect keeps three clauses of the older PartiQL grammar that the PartiQL project's 1.x parser
 * no longer accepts: {@code INSERT INTO t VALUE {...}}, {@code REMOVE path} (and repeated {@code SET}) in an UPDATE,
 * and {@code RETURNING ... *}. This class finds those clauses among the parser's own tokens (so that quoted text
 * never counts) and rewrites the statement into the standard form the parser reads: VALUE dropped, every SET and
 * REMOVE joined into one SET list (each removed path as {@code path = NULL}, told apart by position), RETURNING cut
 * off. It decides no meaning itself: everything it passes on is parsed by the PartiQL parser.
 */
final class DialectText {
    /** What the rewrite found: the standard text, how many SET assignments lead it, the RETURNING words. */
    record Split(String standard, int assignments, int removals, String returning) {
    }

    /** {@code depth}: how many brackets are open around the token (a bracket itself counts as outside). */
    /** The lexer reads a bag's {@code <<} and {@code >>} as two angle brackets each: joined here into one token. */
    private static final int BAG_OPEN = -2;
    private static final int BAG_CLOSE = -3;

    private record Tok(int type, int start, int end, int depth) {
    }

    private DialectText() {
    }

    static Split split(String statement) {
        List<Tok> toks = tokens(statement);
        if (toks == null || toks.isEmpty()) {
            return new Split(statement, 0, 0, null);
        }
        int first = toks.get(0).type;
        if (first == PartiQLTokens.INSERT) {
            return insert(statement, toks);
        }
        if (first == PartiQLTokens.UPDATE) {
            return update(statement, toks);
        }
        if (first == PartiQLTokens.DELETE) {
            int ret = topLevel(toks, PartiQLTokens.RETURNING, 0);
            return ret < 0 ? new Split(statement, 0, 0, null)
                    : new Split(statement.substring(0, toks.get(ret).start), 0, 0, returning(statement, toks, ret));
        }
        return new Split(statement, 0, 0, null);
    }

    /** {@code INSERT INTO t VALUE {...}}: the VALUE keyword is required, as DynamoDB requires it. */
    private static Split insert(String s, List<Tok> toks) {
        int value = topLevel(toks, PartiQLTokens.VALUE, 0);
        if (value < 0) {
            throw StatementErrors.malformed("Expected VALUE");
        }
        Tok v = toks.get(value);
        return new Split(s.substring(0, v.start) + " " + s.substring(v.end), 0, 0, null);
    }

    private static Split update(String s, List<Tok> toks) {
        int where = topLevel(toks, PartiQLTokens.WHERE, 0);
        int ret = topLevel(toks, PartiQLTokens.RETURNING, 0);
        int end = where >= 0 ? where : ret >= 0 ? ret : toks.size();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        int head = -1;
        int clause = -1;
        for (int i = 1; i <= end; i++) {
            int type = i < end ? toks.get(i).type : -1;
            boolean boundary = i == end || toks.get(i).depth == 0 && (type == PartiQLTokens.SET || type == PartiQLTokens.REMOVE);
            if (!boundary) {
                continue;
            }
            if (clause < 0) {
                head = i;
            } else {
                List<String> parts = commaParts(s, toks, clause + 1, i);
                (toks.get(clause).type == PartiQLTokens.SET ? sets : removes).addAll(parts);
            }
            clause = i;
        }
        if (head < 0 || sets.isEmpty() && removes.isEmpty()) {
            throw StatementErrors.malformed("Expected SET or REMOVE");
        }
        StringBuilder out = new StringBuilder(s.substring(0, toks.get(head - 1).end)).append(" SET ");
        List<String> all = new ArrayList<>(sets);
        removes.forEach(p -> all.add(p + " = NULL"));
        out.append(String.join(", ", all));
        if (where >= 0) {
            out.append(' ').append(s, toks.get(where).start, ret >= 0 ? toks.get(ret).start : s.length());
        }
        return new Split(out.toString(), sets.size(), removes.size(), ret >= 0 ? returning(s, toks, ret) : null);
    }

    /** The words after RETURNING, e.g. "ALL OLD *", checked by the statement's translation. */
    private static String returning(String s, List<Tok> toks, int ret) {
        return s.substring(toks.get(ret).end).trim().replaceAll("\\s+", " ");
    }

    /** The texts between top-level commas of tokens [from, to). */
    private static List<String> commaParts(String s, List<Tok> toks, int from, int to) {
        List<String> parts = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || toks.get(i).type == PartiQLTokens.COMMA && toks.get(i).depth == 0) {
                if (i == start) {
                    throw StatementErrors.malformed("Expected path");
                }
                parts.add(s.substring(toks.get(start).start, toks.get(i - 1).end));
                start = i + 1;
            }
        }
        return parts;
    }

    private static int topLevel(List<Tok> toks, int type, int from) {
        for (int i = from; i < toks.size(); i++) {
            if (toks.get(i).depth == 0 && toks.get(i).type == type) {
                return i;
            }
        }
        return -1;
    }

    private static boolean opens(int type) {
        return type == PartiQLTokens.PAREN_LEFT || type == PartiQLTokens.BRACKET_LEFT || type == PartiQLTokens.BRACE_LEFT
                || type == BAG_OPEN;
    }

    private static boolean closes(int type) {
        return type == PartiQLTokens.PAREN_RIGHT || type == PartiQLTokens.BRACKET_RIGHT || type == PartiQLTokens.BRACE_RIGHT
                || type == BAG_CLOSE;
    }

    /** The default-channel tokens with their char offsets; null when the lexer cannot read the text (the parser then says why). */
    private static List<Tok> tokens(String s) {
        PartiQLTokens lexer = new PartiQLTokens(CharStreams.fromString(s));
        lexer.removeErrorListeners();
        List<Tok> out = new ArrayList<>();
        int depth = 0;
        try {
            for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
                if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                    continue;
                }
                if (t.getType() <= 0) {
                    return null;
                }
                int start = s.offsetByCodePoints(0, t.getStartIndex());
                int end = s.offsetByCodePoints(start, t.getStopIndex() - t.getStartIndex() + 1);
                int type = t.getType();
                Tok last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && last.end == start && (type == PartiQLTokens.ANGLE_LEFT && last.type == PartiQLTokens.ANGLE_LEFT
                        || type == PartiQLTokens.ANGLE_RIGHT && last.type == PartiQLTokens.ANGLE_RIGHT)) {
                    out.remove(out.size() - 1);
                    type = type == PartiQLTokens.ANGLE_LEFT ? BAG_OPEN : BAG_CLOSE;
                    start = last.start;
                }
                depth -= closes(type) ? 1 : 0;
                out.add(new Tok(type, start, end, depth));
                depth += opens(type) ? 1 : 0;
            }
        } catch (RuntimeException e) {
            return null;
        }
        return out;
    }
}
