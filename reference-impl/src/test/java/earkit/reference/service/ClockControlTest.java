package earkit.reference.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import earkit.reference.KitServer;
import earkit.reference.ServerOptions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** The control API moves the one virtual clock forward only, and keys and signing keep working at any time it shows. */
class ClockControlTest {

    @Test
    void clockIsReadAdvancedAndSet() {
        try (KitServer kit = KitServer.start()) {
            Instant start = kit.now();
            assertEquals(Instant.parse("2026-01-01T00:00:00Z"), start);
            assertEquals(start.plus(Duration.ofHours(168)), kit.advance(Duration.ofHours(168)));
            assertEquals(Instant.parse("2027-03-01T12:00:00Z"), kit.setClock(Instant.parse("2027-03-01T12:00:00Z")));
            assertEquals(Instant.parse("2027-03-01T12:00:00Z"), kit.now());
        }
    }

    @Test
    void clockNeverMovesBackwards() {
        try (KitServer kit = KitServer.start()) {
            Instant now = kit.now();
            KitServer.Answer set = kit.control("POST", "/_kit/clock/set", "{\"to\":\"2020-01-01T00:00:00Z\"}");
            assertEquals(400, set.status());
            assertEquals("ValidationException", set.type());
            KitServer.Answer back = kit.control("POST", "/_kit/clock/advance", "{\"by\":\"-PT1H\"}");
            assertEquals(400, back.status());
            assertEquals(now, kit.now());
        }
    }

    @Test
    void clockStartGivesKeysThatCreationDateAndSigningStillWorks() {
        Instant start = Instant.parse("2019-06-01T08:30:00Z");
        try (KitServer kit = new KitServer(ServerOptions.defaults().withClockStart(start)); KmsClient kms = kit.kms()) {
            KeyMetadata k = kms.createKey().keyMetadata();
            assertEquals(start, k.creationDate());
            kit.advance(Duration.ofDays(2));
            assertEquals(start.plus(Duration.ofDays(2)), kms.createKey().keyMetadata().creationDate());
        }
    }
}
