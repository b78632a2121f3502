package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The AWS managed key rotation schedule around the May 2022 change (S03–S05). */
class RotationScheduleTest {

    @ParameterizedTest(name = "last rotation {0} -> next {1}")
    @CsvSource({
        // rotated long before the change: the old 1095-day rule still applies
        "2017-01-01T00:00:00Z, 2020-01-01T00:00:00Z",
        // a year old at the change: rotates at the change instant
        "2020-01-01T00:00:00Z, 2022-05-01T00:00:00Z",
        // younger than a year at the change: one year after the last rotation
        "2021-09-01T00:00:00Z, 2022-09-01T00:00:00Z",
        // after the change: yearly
        "2023-03-15T12:00:00Z, 2024-03-14T12:00:00Z",
        "2022-05-01T00:00:00Z, 2023-05-01T00:00:00Z"
    })
    void managedKeysFollowTheMay2022Change(Instant last, Instant next) {
        assertEquals(next, RotationSchedule.nextManaged(last));
    }
}
