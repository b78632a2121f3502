package earkit.reference.domain.expression;

/** One lexical token of an expression, with its place in the source text for error messages. */
record Token(Kind kind, String text, int start, int end) {
    enum Kind { IDENTIFIER, NAME_REF, VALUE_REF, NUMBER, PUNCTUATION, EOF }

    boolean is(String punctuation) {
        return kind == Kind.PUNCTUATION && text.equals(punctuation);
    }

    /** Keywords (AND, OR, SET, ...) are identifiers matched without regard to case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    String display() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}
