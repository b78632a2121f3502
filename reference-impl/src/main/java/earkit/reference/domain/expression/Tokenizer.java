package earkit.reference.domain.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits an expression into tokens; a character that starts no token becomes a one-character token the parser rejects. */
final class Tokenizer {
    private static final Set<String> TWO_CHARACTER_OPERATORS = Set.of("<>", "<=", ">=");

    private Tokenizer() {
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isNameStart(c)) {
                int end = scanWord(text, i + 1);
                tokens.add(new Token(Token.Kind.IDENTIFIER, text.substring(i, end), i, end));
                i = end;
            } else if (c >= '0' && c <= '9') {
                int end = i + 1;
                while (end < n && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                    end++;
                }
                tokens.add(new Token(Token.Kind.NUMBER, text.substring(i, end), i, end));
                i = end;
            } else if ((c == '#' || c == ':') && i + 1 < n && isNamePart(text.charAt(i + 1))) {
                int end = scanWord(text, i + 1);
                Token.Kind kind = c == '#' ? Token.Kind.NAME_REF : Token.Kind.VALUE_REF;
                tokens.add(new Token(kind, text.substring(i, end), i, end));
                i = end;
            } else if (i + 1 < n && TWO_CHARACTER_OPERATORS.contains(text.substring(i, i + 2))) {
                tokens.add(new Token(Token.Kind.PUNCTUATION, text.substring(i, i + 2), i, i + 2));
                i += 2;
            } else {
                int end = i + Character.charCount(text.codePointAt(i));
                tokens.add(new Token(Token.Kind.PUNCTUATION, text.substring(i, end), i, end));
                i = end;
            }
        }
        tokens.add(new Token(Token.Kind.EOF, "", n, n));
        return tokens;
    }

    private static int scanWord(String text, int from) {
        int end = from;
        while (end < text.length() && isNamePart(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
