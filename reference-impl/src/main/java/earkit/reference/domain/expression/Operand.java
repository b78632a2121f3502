package earkit.reference.domain.expression;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Something a condition compares: an attribute of the item, a supplied value, or the size of either. */
sealed interface Operand {
    /** The operand's value for this item, or null when the attribute is missing (or has no size). */
    AttributeValue evaluate(Map<String, AttributeValue> item);

    record PathOperand(DocumentPath path) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return path.resolve(item);
        }
    }

    /** {@code value} is null only while the placeholder is undefined, which fails the parse. */
    record ValueOperand(String placeholder, AttributeValue value) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }
    }

    record SizeOperand(Operand target) implements Operand {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue v = target.evaluate(item);
            if (v == null) {
                return null;
            }
            Integer size = switch (AttributeValues.type(v)) {
                case "S" -> v.s().codePointCount(0, v.s().length());
                case "B" -> v.b().asByteArrayUnsafe().length;
                case "SS" -> v.ss().size();
                case "NS" -> v.ns().size();
                case "BS" -> v.bs().size();
                case "L" -> v.l().size();
                case "M" -> v.m().size();
                default -> null;
            };
            return size == null ? null : AttributeValue.fromN(Integer.toString(size));
        }
    }
}
