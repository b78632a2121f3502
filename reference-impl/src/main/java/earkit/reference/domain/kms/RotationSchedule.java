package earkit.reference.domain.kms;

import earkit.reference.Fault;
import earkit.reference.Faults;

import java.time.Duration;
import java.time.Instant;

/**
 * When keys rotate. AWS managed keys rotated every 1095 days until the May 2022 change and every 365
 * days since; at the change a key whose last rotation (or creation) was already a year old rotated
 * at once, others one year after their last rotation.
 */
public final class RotationSchedule {
    /** The instant taken for the May 2022 change of the AWS managed key schedule. */
    public static final Instant MAY_2022_CHANGE = Instant.parse("2022-05-01T00:00:00Z");
    public static final Duration YEAR = Duration.ofDays(365);
    public static final Duration OLD_MANAGED_PERIOD = Duration.ofDays(1095);
    public static final int DEFAULT_PERIOD_DAYS = 365;
    public static final int MIN_PERIOD_DAYS = 90;
    public static final int MAX_PERIOD_DAYS = 2560;
    public static final int ON_DEMAND_LIMIT = 25;

    private RotationSchedule() {
    }

    /** The next automatic rotation of an AWS managed key whose material was last made at {@code last}. */
    public static Instant nextManaged(Instant last) {
        return nextManaged(last, Faults.NONE);
    }

    /** As {@link #nextManaged(Instant)}, with the self-tests' faults of the schedule. */
    public static Instant nextManaged(Instant last, Faults faults) {
        if (faults.has(Fault.MANAGED_KEY_THREE_YEARLY)) {
            return last.plus(OLD_MANAGED_PERIOD);
        }
        if (!last.isBefore(MAY_2022_CHANGE)) {
            return last.plus(YEAR);
        }
        Instant underOldRule = last.plus(OLD_MANAGED_PERIOD);
        if (!underOldRule.isAfter(MAY_2022_CHANGE)) {
            return underOldRule;
        }
        Instant yearLater = last.plus(YEAR);
        if (faults.has(Fault.LEGACY_YEAR_FROM_CHANGE)) {
            return MAY_2022_CHANGE.plus(YEAR);
        }
        return yearLater.isAfter(MAY_2022_CHANGE) ? yearLater : MAY_2022_CHANGE;
    }
}
