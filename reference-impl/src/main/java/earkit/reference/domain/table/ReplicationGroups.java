package earkit.reference.domain.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The persisted replication groups, one per account and table name. */
public final class ReplicationGroups {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Storage storage;
    private final KeyValueMap map;

    public ReplicationGroups(Storage storage) {
        this.storage = storage;
        this.map = storage.map("ddb-replication-groups");
    }

    /** The group the table of {@code region} belongs to, if it is a member of one. */
    public Optional<ReplicationGroup> of(String account, String name, String region) {
        return find(account, name).filter(g -> g.has(region));
    }

    Optional<ReplicationGroup> find(String account, String name) {
        byte[] b = map.get(ReplicationGroup.id(account, name));
        return b == null ? Optional.empty() : Optional.of(read(b));
    }

    List<ReplicationGroup> all() {
        List<ReplicationGroup> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : map.entries()) {
            out.add(read(e.getValue()));
        }
        return out;
    }

    /** Adds a region to the table's group, making the group (with {@code home}) if the table had none. */
    ReplicationGroup join(String account, String name, String home, String region) {
        ReplicationGroup g = find(account, name).orElseGet(() -> {
            ReplicationGroup n = new ReplicationGroup(account, name);
            n.regions.add(home);
            return n;
        });
        if (!g.has(region)) {
            g.regions.add(region);
        }
        save(g);
        return g;
    }

    /** Removes a region; a group left with one table is no global table any more. */
    void leave(String account, String name, String region) {
        find(account, name).ifPresent(g -> {
            g.regions.remove(region);
            if (g.regions.size() <= 1) {
                map.remove(g.id());
                storage.commit();
            } else {
                save(g);
            }
        });
    }

    private void save(ReplicationGroup g) {
        try {
            map.put(g.id(), JSON.writeValueAsBytes(g));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        storage.commit();
    }

    private static ReplicationGroup read(byte[] b) {
        try {
            return JSON.readValue(b, ReplicationGroup.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
