package earkit.reference.domain.kms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A KMS key of one account and Region, with everything KMS remembers about it. Mutable, guarded by
 * the {@link KeyState} lock, persisted as JSON after every change.
 */
public final class KmsKey {
    public static final String CUSTOMER = "CUSTOMER";
    public static final String AWS = "AWS";
    public static final String ENABLED = "Enabled";
    public static final String DISABLED = "Disabled";
    public static final String PENDING_DELETION = "PendingDeletion";

    public String id;
    public String accountId;
    public String region;
    public Instant creationDate;
    public String description = "";
    public String keyManager = CUSTOMER;
    public String keyState = ENABLED;
    public String keySpec = "SYMMETRIC_DEFAULT";
    public String keyUsage = "ENCRYPT_DECRYPT";
    public Instant deletionDate;
    public String policy;
    public Map<String, String> tags = new LinkedHashMap<>();
    public List<KeyMaterial> materials = new ArrayList<>();
    public boolean rotationEnabled;
    public int rotationPeriodDays;
    /** When automatic rotation is next due; kept while the key is disabled or pending deletion. */
    public Instant nextRotation;
    public int onDemandRotations;

    public String arn() {
        return arn(region, accountId, id);
    }

    public static String arn(String region, String accountId, String id) {
        return "arn:aws:kms:" + region + ":" + accountId + ":key/" + id;
    }

    public boolean awsManaged() {
        return AWS.equals(keyManager);
    }

    public boolean symmetric() {
        return "SYMMETRIC_DEFAULT".equals(keySpec);
    }

    public KeyMaterial currentMaterial() {
        return materials.get(materials.size() - 1);
    }

    public KeyMaterial material(String materialId) {
        return materials.stream().filter(m -> m.id().equals(materialId)).findFirst().orElse(null);
    }
}
