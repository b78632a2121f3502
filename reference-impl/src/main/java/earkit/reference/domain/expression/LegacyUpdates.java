package earkit.reference.domain.expression;

import earkit.reference.domain.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code AttributeUpdates} of UpdateItem (the parameter before UpdateExpression) as the update actions of the
 * expression language: PUT is SET, DELETE without a value is REMOVE, DELETE with a set removes its elements,
 * ADD adds to a number or set and appends to a list (API reference, "AttributeValueUpdate").
 */
public final class LegacyUpdates {
    /** One attribute's update: {@code action} PUT, ADD or DELETE; {@code value} null only for DELETE. */
    public record Change(String attribute, String action, AttributeValue value) {
    }

    private LegacyUpdates() {
    }

    /** The update, after DynamoDB's checks of each action and value, in the order of the request. */
    public static Update update(List<Change> changes) {
        List<UpdateAction> actions = new ArrayList<>();
        for (Change c : changes) {
            DocumentPath path = new DocumentPath(List.of(c.attribute()));
            String type = c.value() == null ? null : AttributeValues.type(c.value());
            if (c.value() == null && !"DELETE".equals(c.action())) {
                throw LegacyConditions.invalid("Only DELETE action is allowed when no attribute value is specified");
            }
            switch (c.action()) {
                case "PUT" -> actions.add(new UpdateAction.SetAction(path, new UpdateValue.Constant(null, c.value())));
                case "DELETE" -> {
                    if (c.value() == null) {
                        actions.add(new UpdateAction.RemoveAction(path));
                    } else if (Set.of("SS", "NS", "BS").contains(type)) {
                        actions.add(new UpdateAction.DeleteAction(path, c.value()));
                    } else {
                        throw LegacyConditions.invalid("DELETE action with value is not supported for the type " + type);
                    }
                }
                case "ADD" -> {
                    if ("L".equals(type)) {
                        UpdateValue existing = new UpdateValue.IfNotExists(path,
                                new UpdateValue.Constant(null, AttributeValue.fromL(List.of())));
                        actions.add(new UpdateAction.SetAction(path,
                                new UpdateValue.ListAppend(existing, new UpdateValue.Constant(null, c.value()))));
                    } else if (Set.of("N", "SS", "NS", "BS").contains(type)) {
                        actions.add(new UpdateAction.AddAction(path, c.value()));
                    } else {
                        throw LegacyConditions.invalid("ADD action is not supported for the type " + type);
                    }
                }
                default -> throw DomainException.validation("1 validation error detected: Value '" + c.action()
                        + "' at 'attributeUpdates." + c.attribute() + ".member.action' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [ADD, PUT, DELETE]");
            }
        }
        return new ParsedUpdate(actions, Set.of(), Set.of(), Set.of());
    }
}
