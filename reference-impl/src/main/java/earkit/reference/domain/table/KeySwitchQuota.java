package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The per-table limit on encryption key switches (DynamoDB Developer Guide "Service, account, and table quotas", encryption at rest; EAR-SSE-003..005): 4 per 24-hour window counted
 * from table creation, then one more each time the previous switch is at least 6 hours old; switching to
 * the AWS owned key is always allowed. Judged on the virtual clock.
 */
final class KeySwitchQuota {
    static final int PER_WINDOW = 4;
    static final Duration WINDOW = Duration.ofHours(24);
    static final Duration QUIET = Duration.ofHours(6);

    private KeySwitchQuota() {
    }

    static void check(TableRecord t, Instant now, boolean toOwnedKey) {
        check(t, now, toOwnedKey, Faults.NONE);
    }

    static void check(TableRecord t, Instant now, boolean toOwnedKey, Faults faults) {
        if (toOwnedKey && !faults.has(Fault.OWNED_SWITCH_COUNTED)) {
            return;
        }
        long windows = Duration.between(t.created, now).toMillis() / WINDOW.toMillis();
        Instant start = faults.has(Fault.SWITCH_QUOTA_NEVER_RENEWED) ? t.created : t.created.plus(WINDOW.multipliedBy(windows));
        Instant end = start.plus(WINDOW);
        long inWindow = t.keySwitches.stream().filter(s -> !s.isBefore(start)).count();
        if (inWindow < PER_WINDOW + (faults.has(Fault.SWITCH_QUOTA_OFF_BY_ONE) ? 1 : 0)) {
            return;
        }
        Instant last = faults.has(Fault.QUIET_HOURS_FROM_FIRST_SWITCH)
                ? t.keySwitches.stream().filter(s -> !s.isBefore(start)).findFirst().orElseThrow()
                : t.keySwitches.get(t.keySwitches.size() - 1);
        if (!now.isBefore(last.plus(QUIET)) && !faults.has(Fault.NO_QUIET_HOURS_SWITCH)) {
            return;
        }
        throw new DomainException("LimitExceededException", "Subscriber limit exceeded: Encryption mode changes are "
                + "limited in the 24h window ending at " + end.truncatedTo(ChronoUnit.SECONDS) + ". After the first "
                + PER_WINDOW + " change, each subsequent change in the same window can be performed at most once every "
                + QUIET.toSeconds() + " seconds. Number of updates today: " + inWindow);
    }
}
