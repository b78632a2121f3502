package earkit.reference.domain.kms;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keys, aliases, grants and tombstones of deleted keys in {@link Storage} maps named {@code kms.*},
 * as JSON. Callers hold the {@link KeyState} lock and commit after a change.
 */
final class KmsRepository {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Storage storage;
    private final KeyValueMap keys;
    private final KeyValueMap aliases;
    private final KeyValueMap grants;
    private final KeyValueMap deleted;

    KmsRepository(Storage storage) {
        this.storage = storage;
        this.keys = storage.map("kms.keys");
        this.aliases = storage.map("kms.aliases");
        this.grants = storage.map("kms.grants");
        this.deleted = storage.map("kms.deleted");
    }

    List<KmsKey> loadKeys() {
        return load(keys, KmsKey.class);
    }

    List<Alias> loadAliases() {
        return load(aliases, Alias.class);
    }

    List<Grant> loadGrants() {
        return load(grants, Grant.class);
    }

    boolean wasDeleted(String keyArn) {
        return deleted.get(keyArn) != null;
    }

    void save(KmsKey key) {
        keys.put(key.id, write(key));
    }

    void save(Alias alias) {
        aliases.put(aliasKey(alias.accountId(), alias.region(), alias.name()), write(alias));
    }

    void save(Grant grant) {
        grants.put(grant.grantId(), write(grant));
    }

    void remove(Alias alias) {
        aliases.remove(aliasKey(alias.accountId(), alias.region(), alias.name()));
    }

    void remove(Grant grant) {
        grants.remove(grant.grantId());
    }

    void delete(KmsKey key) {
        keys.remove(key.id);
        deleted.put(key.arn(), write(Map.of("deletedAt", key.deletionDate.toString())));
    }

    void commit() {
        storage.commit();
    }

    static String aliasKey(String accountId, String region, String name) {
        return accountId + "|" + region + "|" + name;
    }

    private static byte[] write(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> List<T> load(KeyValueMap map, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : map.entries()) {
            try {
                out.add(JSON.readValue(e.getValue(), type));
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read " + type.getSimpleName() + " " + e.getKey(), ex);
            }
        }
        return out;
    }
}
