package earkit.reference.domain.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A global table (version 2019.11.21): the regions whose same-named tables of one account replicate to
 * each other. Persisted as JSON; a table removed from the group (replica key lost for 20 hours) keeps
 * existing in its region but is no longer listed here.
 */
public final class ReplicationGroup {
    public static final String VERSION = "2019.11.21";

    public String account;
    public String name;
    public List<String> regions = new ArrayList<>();

    public ReplicationGroup() {
    }

    ReplicationGroup(String account, String name) {
        this.account = account;
        this.name = name;
    }

    public boolean has(String region) {
        return regions.contains(region);
    }

    String id() {
        return id(account, name);
    }

    static String id(String account, String name) {
        return account + "/" + name;
    }
}
