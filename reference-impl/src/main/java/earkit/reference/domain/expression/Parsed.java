package earkit.reference.domain.expression;

import java.util.Set;

/** A parsed expression, remembering which placeholders it used so unused ones can be refused. */
public interface Parsed {
    /** The {@code #name} placeholders the expression used. */
    Set<String> usedNames();

    /** The {@code :value} placeholders the expression used. */
    Set<String> usedValues();

    /**
     * Top-level attributes that some document path of the expression steps into ({@code a.b}, {@code a[0]});
     * DynamoDB refuses such paths into key attributes ("Key attributes must be scalars; ...").
     */
    Set<String> nestedAttributes();
}
