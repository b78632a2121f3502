package earkit.reference.domain.kms;

import static earkit.reference.domain.kms.KeyStateRules.requireNotPending;

import earkit.reference.domain.DomainException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The tags of a key: add, remove, list, and the limits KMS sets on them. */
public final class KeyTags {
    private final KeyState state;
    private final KeyAccess access;

    KeyTags(KeyState state, KeyAccess access) {
        this.state = state;
        this.access = access;
    }

    public void tagResource(KmsCall call, String keyId, Map<String, String> tags) {
        synchronized (state) {
            if (state.faults.has(earkit.reference.Fault.MANAGED_KEY_TAGGED_BEFORE_REFUSAL)) {
                KmsKey found = access.resolve(call, keyId, false);
                if (found.awsManaged() && tags != null) {
                    found.tags.putAll(tags);
                    state.save(found);
                }
            }
            KmsKey k = access.authorized(call, keyId, "TagResource");
            requireNotPending(k);
            validate(tags);
            if (k.tags.size() + tags.keySet().stream().filter(t -> !k.tags.containsKey(t)).count() > 50) {
                throw new DomainException("TagException", "Too many tags");
            }
            k.tags.putAll(tags);
            state.save(k);
        }
    }

    public void untagResource(KmsCall call, String keyId, List<String> tagKeys) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "UntagResource");
            requireNotPending(k);
            tagKeys.forEach(k.tags::remove);
            state.save(k);
        }
    }

    public Map<String, String> listResourceTags(KmsCall call, String keyId) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "ListResourceTags");
            return new TreeMap<>(k.tags);
        }
    }

    /** Tags as a map; duplicates were detected by the caller while building it. */
    static void validate(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > 50) {
            throw new DomainException("TagException", "Too many tags");
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (t.getKey().toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw new DomainException("TagException", "Tags beginning with aws: are reserved");
            }
            if (t.getKey().isEmpty() || t.getKey().length() > 128 || t.getValue().length() > 256) {
                throw DomainException.validation("1 validation error detected: a tag key must have 1-128 characters and a tag value 0-256");
            }
        }
    }
}
