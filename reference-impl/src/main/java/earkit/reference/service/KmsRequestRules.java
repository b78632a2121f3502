package earkit.reference.service;

import earkit.reference.protocol.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.kms.model.Tag;

/** What KMS checks of a request before it acts (required members, tags, worded as KMS words them), and whether it is a dry run. */
final class KmsRequestRules {
    private static final Set<String> CRYPTO = Set.of("Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext");

    private KmsRequestRules() {
    }

    /** The cryptographic operations: they may be dry runs, and CloudTrail records them as read-only. */
    static boolean cryptographic(String operation) {
        return CRYPTO.contains(operation);
    }

    /** The SDK's KMS model carries no required-member traits, so the required members of the API are listed here. */
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("Encrypt", List.of("KeyId", "Plaintext")), Map.entry("Decrypt", List.of("CiphertextBlob")),
            Map.entry("ReEncrypt", List.of("CiphertextBlob", "DestinationKeyId")),
            Map.entry("CreateAlias", List.of("AliasName", "TargetKeyId")),
            Map.entry("UpdateAlias", List.of("AliasName", "TargetKeyId")), Map.entry("DeleteAlias", List.of("AliasName")),
            Map.entry("CreateGrant", List.of("KeyId", "GranteePrincipal", "Operations")),
            Map.entry("ListRetirableGrants", List.of("RetiringPrincipal")),
            Map.entry("RevokeGrant", List.of("KeyId", "GrantId")), Map.entry("PutKeyPolicy", List.of("KeyId", "Policy")),
            Map.entry("TagResource", List.of("KeyId", "Tags")), Map.entry("UntagResource", List.of("KeyId", "TagKeys")),
            Map.entry("UpdateKeyDescription", List.of("KeyId", "Description")));
    private static final Set<String> WITHOUT_KEY_ID = Set.of("CreateKey", "ListKeys", "ListAliases", "RetireGrant");

    static void requireMembers(String operation, SdkPojo request) {
        List<String> names = REQUIRED.getOrDefault(operation, WITHOUT_KEY_ID.contains(operation) ? List.of() : List.of("KeyId"));
        List<String> missing = new ArrayList<>();
        for (software.amazon.awssdk.core.SdkField<?> f : request.sdkFields()) {
            Object v = f.getValueOrDefault(request);
            if (names.contains(f.locationName()) && (v == null
                    || v instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
                    || v instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap)) {
                String member = Character.toLowerCase(f.locationName().charAt(0)) + f.locationName().substring(1);
                missing.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.validation(missing.size() + " validation error" + (missing.size() > 1 ? "s" : "")
                    + " detected: " + String.join("; ", missing));
        }
    }

    static boolean dryRun(SdkPojo request) {
        return request.sdkFields().stream().anyMatch(f -> f.locationName().equals("DryRun")
                && Boolean.TRUE.equals(f.getValueOrDefault(request)));
    }

    /** A request's tags as a map; a tag without key or value, or a key given twice, is refused. */
    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : tags) {
            if (t.tagKey() == null || t.tagValue() == null) {
                throw ApiException.validation("1 validation error detected: Value null at 'tags."
                        + (out.size() + 1) + ".member." + (t.tagKey() == null ? "tagKey" : "tagValue")
                        + "' failed to satisfy constraint: Member must not be null");
            }
            if (out.put(t.tagKey(), t.tagValue() == null ? "" : t.tagValue()) != null) {
                throw new ApiException("TagException", "Duplicate tag keys");
            }
        }
        return out;
    }
}
