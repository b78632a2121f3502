package earkit.reference.domain.expression;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A ProjectionExpression: the document paths to return of an item. */
public interface Projection extends Parsed {
    /** The part of the item the paths select; paths missing from the item are left out. */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);
}
