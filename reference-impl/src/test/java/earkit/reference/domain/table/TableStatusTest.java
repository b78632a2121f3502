package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import earkit.reference.domain.table.TableRecord.Status;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The table status transitions are exactly those TableRecord.Status documents, and each name is a wire value. */
class TableStatusTest {
    private static final Map<Status, Set<Status>> DOCUMENTED = Map.of(
            Status.CREATING, EnumSet.of(Status.ACTIVE, Status.INACCESSIBLE_ENCRYPTION_CREDENTIALS),
            Status.ACTIVE, EnumSet.of(Status.UPDATING, Status.DELETING, Status.INACCESSIBLE_ENCRYPTION_CREDENTIALS),
            Status.UPDATING, EnumSet.of(Status.ACTIVE, Status.UPDATING, Status.INACCESSIBLE_ENCRYPTION_CREDENTIALS),
            Status.DELETING, EnumSet.of(Status.UPDATING, Status.INACCESSIBLE_ENCRYPTION_CREDENTIALS),
            Status.INACCESSIBLE_ENCRYPTION_CREDENTIALS, EnumSet.of(Status.ACTIVE, Status.UPDATING, Status.DELETING,
                    Status.ARCHIVING),
            Status.ARCHIVING, EnumSet.of(Status.ARCHIVED, Status.DELETING, Status.UPDATING,
                    Status.INACCESSIBLE_ENCRYPTION_CREDENTIALS),
            Status.ARCHIVED, EnumSet.of(Status.DELETING, Status.UPDATING, Status.INACCESSIBLE_ENCRYPTION_CREDENTIALS));

    @Test
    void everyTransitionIsAllowedExactlyWhenDocumented() {
        for (Status from : Status.values()) {
            for (Status to : Status.values()) {
                boolean documented = DOCUMENTED.get(from).contains(to);
                assertEquals(documented, from.allows(to), from + " -> " + to);
                if (documented) {
                    assertEquals(to, from.to(to));
                } else {
                    assertThrows(IllegalStateException.class, () -> from.to(to), from + " -> " + to);
                }
            }
        }
    }

    @Test
    void eachStatusIsTheSdksTableStatusOfTheSameName() {
        for (Status s : Status.values()) {
            TableStatus wire = TableStatus.fromValue(s.name());
            assertNotNull(wire);
            assertEquals(s.name(), wire.toString());
        }
    }
}
