package earkit.kit.run;

import earkit.reference.Fault;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which scenarios each built-in fault is run against, and exactly which requirements the suite must then fail.
 * The first requirement of each row is the one the fault is aimed at (it must be among those failed); the
 * others are what the same mistake also breaks. Tags are the requirements' own, so each fault runs only the
 * scenarios that could see it.
 */
final class KillPlan {
    /** One fault: the requirement it aims at, the scenarios it runs (by requirement tag), the exact failures. */
    record Row(Fault fault, String aim, List<String> runs, Set<String> fails) {
        String tags() {
            return runs.stream().map(r -> "@" + r).collect(Collectors.joining(" or "));
        }
    }

    private static final Map<Fault, Row> ROWS = new LinkedHashMap<>();

    static {
        row(Fault.PLAINTEXT_AT_REST, "ENC-001", "ENC-004", "ENC-001");
        row(Fault.DATA_KEY_AES_128, "ENC-002", "ENC-004 AUD-001", "ENC-002");
        row(Fault.DATA_KEY_PER_REQUEST, "ENC-003", "REF-001 CON-002 AUD-001", "CON-002 ENC-003");
        row(Fault.NUMBERS_AS_DOUBLES, "ENC-004", "SSE-001 ROT-006", "ENC-004 ROT-006 SSE-001");
        row(Fault.SSE_DISABLED_READ_AS_ENABLED, "OWN-001", "ENC-004", "OWN-001 SSE-001");
        row(Fault.OWNED_TABLE_CREATES_MANAGED_KEY, "OWN-002", "OWN-003 OWN-004 OWN-001", "OWN-002 OWN-004");
        row(Fault.OWNED_KEY_DRAWN_FROM_ACCOUNT, "OWN-003", "OWN-004 OWN-002 OWN-001", "ENC-004 OWN-001 OWN-002 OWN-003 OWN-004");
        row(Fault.OWNED_KEY_METERED, "OWN-004", "OWN-003 OWN-002", "OWN-004");
        row(Fault.MANAGED_KEY_REPORTED_BY_ALIAS, "MAN-001", "MAN-002 MAN-003 BAK-001 AUD-001", "AUD-001 MAN-001 MAN-002");
        row(Fault.MANAGED_KEY_WITHOUT_ALIAS, "MAN-002", "MAN-003 MAN-001", "MAN-001 MAN-002 MAN-003");
        row(Fault.MANAGED_KEY_PER_TABLE, "MAN-003", "MAN-001 MAN-002", "MAN-003");
        row(Fault.MANAGED_KEY_REPORTED_AS_CUSTOMER, "MAN-004", "MAN-005 MAN-001 CMK-002", "MAN-004 MAN-005");
        row(Fault.MANAGED_POLICY_ANY_ACCOUNT, "MAN-004", "MAN-005 MAN-001", "MAN-004");
        row(Fault.MANAGED_KEY_DEFAULT_POLICY, "MAN-005", "MAN-004 ROT-005", "MAN-004 MAN-005 ROT-005");
        row(Fault.MANAGED_KEY_TAGGED_BEFORE_REFUSAL, "MAN-005", "MAN-004", "MAN-005");
        row(Fault.KEY_REPORTED_AS_NAMED, "CMK-001", "ENC-004 CMK-002", "CMK-001");
        row(Fault.CUSTOMER_GRANTS_REFUSED, "CMK-002", "INA-007 AUD-003", "CMK-002");
        row(Fault.UNKNOWN_KEY_FALLS_BACK, "CMK-003", "CMK-001", "CMK-003");
        row(Fault.SWITCH_COMPARES_KINDS, "SSE-001", "SSE-003 SSE-004 SSE-005 BAK-002", "SSE-001 SSE-003");
        row(Fault.AES256_ACCEPTED, "SSE-002", "", "SSE-002");
        row(Fault.SWITCH_QUOTA_OFF_BY_ONE, "SSE-003", "SSE-004 SSE-005", "SSE-003 SSE-005");
        row(Fault.SWITCH_QUOTA_NEVER_RENEWED, "SSE-003", "SSE-004 SSE-005", "SSE-003");
        row(Fault.OWNED_SWITCH_COUNTED, "SSE-004", "SSE-001 SSE-003", "SSE-004");
        row(Fault.NO_QUIET_HOURS_SWITCH, "SSE-005", "SSE-003 SSE-004", "SSE-005");
        row(Fault.QUIET_HOURS_FROM_FIRST_SWITCH, "SSE-005", "SSE-003 SSE-004", "SSE-005");
        row(Fault.MANAGED_ROTATION_REPORTED_OFF, "ROT-001", "ROT-002", "ROT-001");
        row(Fault.MANAGED_KEY_THREE_YEARLY, "ROT-002", "ROT-003 ROT-001", "ROT-002 ROT-003");
        row(Fault.LEGACY_YEAR_FROM_CHANGE, "ROT-003", "ROT-002", "ROT-003");
        row(Fault.ROTATION_PERIOD_IGNORED, "ROT-004", "ROT-005", "ROT-004");
        row(Fault.ROTATION_PERIOD_BOUNDS_OFF_BY_ONE, "ROT-004", "ROT-005", "ROT-004");
        row(Fault.DISABLED_KEY_ROTATED, "ROT-004", "ROT-005", "ROT-004");
        row(Fault.ON_DEMAND_RESETS_SCHEDULE, "ROT-005", "ROT-004 ROT-006", "ROT-005");
        row(Fault.ON_DEMAND_LIMIT_TEN, "ROT-005", "ROT-004", "ROT-005");
        row(Fault.ROTATION_DROPS_OLD_MATERIAL, "ROT-006", "ROT-005 BAK-002", "ROT-006");
        row(Fault.STREAM_KEYS_ONLY, "IDX-002", "IDX-001", "IDX-002");
        row(Fault.BACKUP_RECORDS_NO_KEY, "BAK-001", "BAK-002 INA-007", "BAK-001 BAK-002");
        row(Fault.SWITCH_MOVES_BACKUPS, "BAK-002", "BAK-001 SSE-001", "BAK-002");
        row(Fault.INACCESSIBLE_TABLE_SERVED_FROM_MEMORY, "INA-001", "IDX-001 INA-002 INA-004 INA-005", "IDX-001 INA-001 INA-004");
        row(Fault.BATCH_GET_SKIPS_KEY_CHECK, "INA-001", "", "INA-001");
        row(Fault.INACCESSIBLE_DATE_IS_CREATION, "INA-002", "INA-001 INA-005", "INA-002");
        row(Fault.ARCHIVE_HALF_HOUR_EARLY, "INA-005", "INA-004 INA-006", "INA-004 INA-005");
        row(Fault.NOTIFICATION_WITHOUT_KEY, "INA-003", "", "INA-003");
        row(Fault.INACCESSIBLE_DATE_KEPT, "INA-004", "INA-002", "INA-004");
        row(Fault.ARCHIVE_AFTER_SIX_DAYS, "INA-005", "INA-004 INA-006 INA-001", "INA-004 INA-005");
        row(Fault.ARCHIVAL_BACKUP_UNLISTED, "INA-006", "INA-005 INA-007", "INA-006");
        row(Fault.ARCHIVAL_BACKUP_EMPTY, "INA-007", "INA-006 INA-008", "INA-007");
        row(Fault.RESTORE_IGNORES_KEY_LOSS, "INA-008", "INA-007", "INA-008");
        row(Fault.RESTORE_FALLS_BACK_LATER, "INA-008", "INA-007", "INA-008");
        row(Fault.KMS_THROTTLE_IS_KEY_LOSS, "INA-002", "REF-003 INA-001", "INA-002");
        row(Fault.REPLICA_REMOVED_AFTER_19_HOURS, "GTR-001", "GTR-002", "GTR-001");
        row(Fault.DEADLINES_FROM_LAST_KEY_USE, "GTR-001", "GTR-002 INA-005 INA-002 INA-004", "GTR-001 INA-005");
        row(Fault.REMOVED_REPLICA_DELETED, "GTR-002", "GTR-001", "GTR-002");
        row(Fault.CONFLICTS_BY_REGION, "GTR-002", "GTR-001", "GTR-002");
        row(Fault.AUDIT_WITHOUT_INVOKED_BY, "AUD-001", "AUD-002 IDX-001", "AUD-001");
        row(Fault.GRANT_AUDIT_WITHOUT_INVOKED_BY, "AUD-001", "AUD-002 AUD-003", "AUD-001");
        row(Fault.CONTEXT_WITHOUT_SUBSCRIBER, "AUD-002", "AUD-001 AUD-003", "AUD-002 AUD-003");
        row(Fault.GRANT_UNCONSTRAINED, "AUD-003", "CMK-002", "AUD-003");
        row(Fault.LOGS_DROP_DYNAMODB_EVENTS, "AUD-001", "AUD-002 IDX-001", "AUD-001");
        row(Fault.NO_KEY_CACHE, "REF-001", "REF-002 REF-003 CON-001 CON-002 ENC-003", "CON-001 CON-002 REF-001 REF-002 REF-003");
        row(Fault.KEY_NEVER_REFRESHED, "REF-002", "REF-003 REF-001", "REF-002 REF-003");
        row(Fault.KEY_REFRESHED_EARLY, "REF-002", "REF-003 REF-001", "REF-001 REF-002 REF-003");
        row(Fault.KEY_REFRESHED_WITHOUT_TRAFFIC, "REF-002", "REF-003 REF-001", "REF-002");
        row(Fault.KEY_LOSS_IGNORED_AT_REFRESH, "REF-003", "INA-001", "REF-003");
        row(Fault.KEY_CACHE_PER_TABLE, "CON-001", "CON-002 REF-001", "CON-001 CON-002");
        row(Fault.KEY_STATE_CHECKED_PER_REQUEST, "CON-002", "CON-001 REF-001", "CON-002");
        row(Fault.INDEX_READ_SKIPS_KEY_CHECK, "IDX-001", "INA-001 INA-004 INA-005", "IDX-001");
        row(Fault.TRANSACT_GET_SKIPS_KEY_CHECK, "INA-001", "", "INA-001");
        row(Fault.TRANSACTION_CHECKS_FIRST_TABLE_ONLY, "INA-001", "", "INA-001");
        row(Fault.PARTIQL_SKIPS_KEY_CHECK, "INA-001", "", "INA-001");
        row(Fault.BATCH_WRITE_SKIPS_KEY_CHECK, "INA-001", "", "INA-001");
        row(Fault.STREAM_READ_SKIPS_KEY_CHECK, "INA-001", "IDX-002", "INA-001");
        row(Fault.TTL_DELETES_WHILE_INACCESSIBLE, "INA-001", "", "INA-001");
        row(Fault.TRANSACT_WRITE_SKIPS_KEY_CHECK, "INA-001", "", "INA-001");
    }

    private KillPlan() {
    }

    /** {@code alsoRun} and {@code kills}: requirement IDs without the EAR- prefix, separated by spaces. */
    private static void row(Fault f, String aim, String alsoRun, String kills) {
        List<String> runs = new java.util.ArrayList<>();
        runs.add("EAR-" + aim);
        ids(alsoRun).forEach(runs::add);
        ROWS.put(f, new Row(f, "EAR-" + aim, List.copyOf(runs), Set.copyOf(ids(kills))));
    }

    private static List<String> ids(String spaced) {
        return spaced.isBlank() ? List.of() : Arrays.stream(spaced.trim().split(" +")).map(r -> "EAR-" + r).toList();
    }

    static List<Row> rows() {
        return List.copyOf(ROWS.values());
    }

    /** Every requirement some row runs: the baseline's tags. */
    static String allTags() {
        Set<String> all = new TreeSet<>();
        ROWS.values().forEach(r -> all.addAll(r.runs()));
        return all.stream().map(r -> "@" + r).collect(Collectors.joining(" or "));
    }
}
