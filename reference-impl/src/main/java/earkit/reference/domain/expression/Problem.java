package earkit.reference.domain.expression;

/**
 * Kinds of semantic error. DynamoDB reports at most one error per expression, choosing by kind rather
 * than by position, so each parser ranks these kinds in its own order.
 */
enum Problem {
    REDUNDANT_PARENTHESES,
    UNKNOWN_FUNCTION,
    MISUSED_FUNCTION,
    RESERVED_WORD,
    DUPLICATE_SECTION,
    UNDEFINED_NAME,
    UNDEFINED_VALUE,
    PATH_OVERLAP,
    PATH_CONFLICT,
    OPERAND_COUNT,
    SAME_OPERANDS,
    ACTION_OPERAND_TYPE,
    FUNCTION_OPERAND,
    LIMIT,
    /** In condition expressions: the first problem of the first comparison or function that has one. */
    CONDITION
}
