package earkit.reference.domain.expression;

import earkit.reference.domain.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The right-hand side of a SET action, evaluated against the item as it was before the update. */
sealed interface UpdateValue {
    AttributeValue evaluate(Map<String, AttributeValue> item);

    static DomainException missingAttribute() {
        return DomainException.validation("The provided expression refers to an attribute that does not exist in the item");
    }

    static DomainException wrongType() {
        return DomainException.validation("An operand in the update expression has an incorrect data type");
    }

    record Reference(DocumentPath path) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue v = path.resolve(item);
            if (v == null) {
                throw missingAttribute();
            }
            return v;
        }
    }

    record Constant(String placeholder, AttributeValue value) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }
    }

    record IfNotExists(DocumentPath path, UpdateValue fallback) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue v = path.resolve(item);
            return v != null ? v : fallback.evaluate(item);
        }
    }

    record ListAppend(UpdateValue first, UpdateValue second) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = first.evaluate(item);
            AttributeValue b = second.evaluate(item);
            if (!a.hasL() || !b.hasL()) {
                throw wrongType();
            }
            List<AttributeValue> joined = new ArrayList<>(a.l());
            joined.addAll(b.l());
            return AttributeValue.fromL(joined);
        }
    }

    record Arithmetic(String operator, UpdateValue left, UpdateValue right) implements UpdateValue {
        @Override
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            AttributeValue a = left.evaluate(item);
            AttributeValue b = right.evaluate(item);
            if (a.n() == null || b.n() == null) {
                throw wrongType();
            }
            return AttributeValue.fromN(operator.equals("+") ? Numbers.add(a.n(), b.n()) : Numbers.subtract(a.n(), b.n()));
        }
    }
}
