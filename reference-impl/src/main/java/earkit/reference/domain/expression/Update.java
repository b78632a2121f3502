package earkit.reference.domain.expression;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An UpdateExpression (SET, REMOVE, ADD, DELETE clauses). */
public interface Update extends Parsed {
    /**
     * Returns the new item (input untouched); ValidationException for type errors at run time (e.g. ADD
     * to a string, arithmetic on non-numbers, list index on a non-list, "The provided expression refers
     * to an attribute that does not exist in the item").
     */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /** Top-level attribute names the update writes or removes (the store refuses updates of key attributes). */
    Set<String> topLevelAttributes();

    /** Only the paths the update writes or removes, as they are in {@code item} (ReturnValues UPDATED_OLD/NEW). */
    Map<String, AttributeValue> updatedParts(Map<String, AttributeValue> item);
}
