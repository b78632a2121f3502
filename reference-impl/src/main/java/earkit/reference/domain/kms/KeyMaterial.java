package earkit.reference.domain.kms;

import java.time.Instant;

/**
 * One generation of a key's material. {@code rotationType} is null for the material the key was
 * created with, else {@code AUTOMATIC} or {@code ON_DEMAND}.
 */
public record KeyMaterial(String id, byte[] bytes, Instant createdAt, String rotationType) {
}
