package earkit.reference.domain.kms;

import java.time.Instant;

/** An alias of one account and Region; {@code targetKeyId} is the bare key id. */
public record Alias(String name, String accountId, String region, String targetKeyId, Instant creationDate,
                    Instant lastUpdatedDate) {

    public String arn() {
        return "arn:aws:kms:" + region + ":" + accountId + ":" + name;
    }

    public Alias retarget(String keyId, Instant at) {
        return new Alias(name, accountId, region, keyId, creationDate, at);
    }
}
