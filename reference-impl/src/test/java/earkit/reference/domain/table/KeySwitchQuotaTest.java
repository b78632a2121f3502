package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import earkit.reference.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The key switch quota on its own: four switches per 24-hour window, then one more after six quiet hours (EAR-SSE-003, EAR-SSE-005). */
class KeySwitchQuotaTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");

    private static TableRecord tableWithSwitchesAt(long... hours) {
        TableRecord t = new TableRecord();
        t.created = CREATED;
        for (long h : hours) {
            t.keySwitches.add(CREATED.plus(Duration.ofHours(h)));
        }
        return t;
    }

    private static Instant at(String offset) {
        return CREATED.plus(Duration.parse(offset));
    }

    @Test
    void fourPerWindowCountedFromCreation() {
        TableRecord t = tableWithSwitchesAt(0, 1, 2, 3);
        DomainException e = assertThrows(DomainException.class, () -> KeySwitchQuota.check(t, at("PT4H"), false));
        assertEquals("LimitExceededException", e.code());
        assertEquals("Subscriber limit exceeded: Encryption mode changes are limited in the 24h window ending at "
                + "2026-01-02T10:00:00Z. After the first 4 change, each subsequent change in the same window can be "
                + "performed at most once every 21600 seconds. Number of updates today: 4", e.getMessage());
        assertDoesNotThrow(() -> KeySwitchQuota.check(t, at("PT4H"), true), "the owned key is always allowed");
    }

    @Test
    void oneMoreAfterSixQuietHoursThenANewWindow() {
        TableRecord t = tableWithSwitchesAt(0, 1, 2, 3);
        assertThrows(DomainException.class, () -> KeySwitchQuota.check(t, at("PT8H59M59S"), false));
        assertDoesNotThrow(() -> KeySwitchQuota.check(t, at("PT9H"), false));
        t.keySwitches.add(at("PT9H"));
        assertThrows(DomainException.class, () -> KeySwitchQuota.check(t, at("PT14H59M"), false));
        assertDoesNotThrow(() -> KeySwitchQuota.check(t, at("PT15H"), false));
        TableRecord busy = tableWithSwitchesAt(20, 21, 22, 23);
        assertDoesNotThrow(() -> KeySwitchQuota.check(busy, at("PT24H"), false), "a new 24-hour window starts");
    }
}
