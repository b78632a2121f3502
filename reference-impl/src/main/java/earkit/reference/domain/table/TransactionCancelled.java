package earkit.reference.domain.table;

import earkit.reference.domain.DomainException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * TransactionCanceledException: nothing of the transaction was applied; one reason per action, in the order
 * of the actions, {@code None} for the actions that would have gone through.
 */
public final class TransactionCancelled extends DomainException {
    /** Why one action stopped the transaction; {@code message} and {@code item} may be null. */
    public record Reason(String code, String message, Map<String, AttributeValue> item) {
        static final Reason NONE = new Reason("None", null, null);
    }

    private final transient List<Reason> reasons;

    TransactionCancelled(List<Reason> reasons) {
        super("TransactionCanceledException", "Transaction cancelled, please refer cancellation reasons for specific reasons "
                + reasons.stream().map(Reason::code).collect(Collectors.joining(", ", "[", "]")));
        this.reasons = List.copyOf(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }
}
