package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.domain.DomainException;
import earkit.reference.domain.expression.AttributeValues;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Transactions over the items of several tables of one Region (TransactWriteItems, TransactGetItems, and
 * PartiQL's ExecuteTransaction through {@link #write}). Every table is opened first, with the table key of the
 * caller's connection, so that a missing, archived or inaccessible table refuses the whole transaction exactly
 * as it refuses a single-item call; then the tables are locked in the order of their names (one order for
 * every transaction, so two never wait for each other), every action is decided, and only if all of them
 * allow it is anything written, through the same sessions as PutItem, UpdateItem and DeleteItem (sealed under
 * the table's keyring, with their index entries and stream records), and committed once.
 */
public final class Transactions {
    /** The aggregate size of the items of one transaction (DynamoDB API Reference, TransactWriteItems). */
    public static final long MAX_BYTES = 4L * 1024 * 1024;

    /** What an action names: a table and the primary key of an item in it. */
    public interface Target {
        String table();

        /** The primary key of the item, checked against the table (a refusal refuses the whole request). */
        Map<String, AttributeValue> key(TableRecord table);
    }

    /** A client request token and a digest of the whole request that carries it. */
    public record Token(String value, byte[] requestDigest) {
    }

    /** An action as it went: the item before and after it ({@code effect} null on a replay, which wrote nothing). */
    public record Written(TableRecord table, Map<String, AttributeValue> before, Map<String, AttributeValue> after,
                          TransactionWrite.Effect effect) {
    }

    /** The actions in request order; {@code replayed}: the token's transaction had been applied already. */
    public record WriteResult(List<Written> actions, boolean replayed) {
    }

    /** An item read (null if there is none) and its table. */
    public record Read(TableRecord table, Map<String, AttributeValue> item) {
    }

    private final ItemSessions tables;
    private final IdempotencyTokens tokens;

    Transactions(ItemSessions tables, IdempotencyTokens tokens) {
        this.tables = tables;
        this.tokens = tokens;
    }

    /**
     * Applies every action, or none: a refusal of any action ({@link TransactionWrite.Refuse}) cancels the
     * transaction ({@link TransactionCancelled}, one reason per action). With a {@code token}, a request
     * repeated within the token's 10 minutes is not applied again (the result says so, with the items as they
     * are), and a different request with the same token is an IdempotentParameterMismatchException.
     */
    public WriteResult write(TableCaller caller, String region, List<? extends TransactionWrite> actions, Token token) {
        TreeMap<String, ItemSessions.Opened> opened = open(caller, region, actions, Fault.TRANSACT_WRITE_SKIPS_KEY_CHECK);
        String scope = caller.account() + '/' + region;
        return tables.guarded(() -> locked(new ArrayList<>(opened.values()), 0, () -> {
            Map<String, TableSession> sessions = sessions(opened);
            List<Map<String, AttributeValue>> keys = keys(actions, sessions);
            List<Written> done = new ArrayList<>();
            if (token != null && tokens.seen(scope, token.value(), token.requestDigest())) {
                for (int i = 0; i < actions.size(); i++) {
                    TableSession s = sessions.get(actions.get(i).table());
                    Map<String, AttributeValue> now = s.get(keys.get(i));
                    done.add(new Written(s.table(), now, now, null));
                }
                return new WriteResult(done, true);
            }
            List<TransactionCancelled.Reason> reasons = new ArrayList<>();
            boolean cancelled = false;
            long bytes = 0;
            for (int i = 0; i < actions.size(); i++) {
                TransactionWrite action = actions.get(i);
                TableSession s = sessions.get(action.table());
                Map<String, AttributeValue> current = s.get(keys.get(i));
                TransactionWrite.Effect effect = action.decide(s.table(), current);
                if (effect instanceof TransactionWrite.Refuse r) {
                    cancelled = true;
                    reasons.add(new TransactionCancelled.Reason(r.code(), r.message(), r.item()));
                } else {
                    reasons.add(TransactionCancelled.Reason.NONE);
                }
                Map<String, AttributeValue> after = effect instanceof TransactionWrite.Put p ? p.item()
                        : effect instanceof TransactionWrite.Delete ? null : current;
                long size = Math.max(current == null ? 0 : AttributeValues.size(current),
                        effect instanceof TransactionWrite.Put p ? p.size() : 0);
                bytes += size;
                done.add(new Written(s.table(), current, after, effect));
            }
            if (cancelled) {
                throw new TransactionCancelled(reasons);
            }
            if (bytes > MAX_BYTES) {
                throw tooLarge();
            }
            try {
                for (Written w : done) {
                    TableSession s = sessions.get(w.table().name);
                    if (w.effect() instanceof TransactionWrite.Put p) {
                        s.put(p.item(), w.before(), p.size());
                    } else if (w.effect() instanceof TransactionWrite.Delete && w.before() != null) {
                        s.delete(w.before());
                    }
                }
                if (token != null) {
                    tokens.completed(scope, token.value(), token.requestDigest());
                }
            } finally {
                sessions.values().forEach(TableSession::commit);
            }
            return new WriteResult(done, false);
        }));
    }

    /** Reads every item at one instant: no write of any of the tables comes between two of the reads. */
    public List<Read> read(TableCaller caller, String region, List<? extends Target> gets) {
        TreeMap<String, ItemSessions.Opened> opened = open(caller, region, gets, Fault.TRANSACT_GET_SKIPS_KEY_CHECK);
        return tables.guarded(() -> locked(new ArrayList<>(opened.values()), 0, () -> {
            Map<String, TableSession> sessions = sessions(opened);
            List<Map<String, AttributeValue>> keys = keys(gets, sessions);
            List<Read> out = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < gets.size(); i++) {
                TableSession s = sessions.get(gets.get(i).table());
                Map<String, AttributeValue> item = s.get(keys.get(i));
                bytes += item == null ? 0 : AttributeValues.size(item);
                out.add(new Read(s.table(), item));
            }
            if (bytes > MAX_BYTES) {
                throw tooLarge();
            }
            return out;
        }));
    }

    private static DomainException tooLarge() {
        return DomainException.validation("Transaction request cannot be larger than 4 MB: the aggregate size of its items exceeds "
                + MAX_BYTES + " bytes");
    }

    /**
     * Each table once, in name order; any refusal comes before a lock is taken or anything is read.
     * {@code pathFault}: the self-test fault that lets this kind of transaction skip KMS, or null.
     */
    private TreeMap<String, ItemSessions.Opened> open(TableCaller caller, String region, List<? extends Target> actions, Fault pathFault) {
        TreeMap<String, ItemSessions.Opened> opened = new TreeMap<>();
        for (Target a : actions) {
            opened.put(a.table(), null);
        }
        String first = actions.isEmpty() ? null : actions.get(0).table();
        opened.replaceAll((name, none) -> name.equals(first) ? tables.open(caller, region, name, pathFault)
                : tables.open(caller, region, name, pathFault, Fault.TRANSACTION_CHECKS_FIRST_TABLE_ONLY));
        return opened;
    }

    /** Runs {@code work} holding the locks of {@code tables[from..]}, taken in their order. */
    private static <T> T locked(List<ItemSessions.Opened> tables, int from, Supplier<T> work) {
        if (from == tables.size()) {
            return work.get();
        }
        synchronized (tables.get(from).state()) {
            return locked(tables, from + 1, work);
        }
    }

    private Map<String, TableSession> sessions(TreeMap<String, ItemSessions.Opened> opened) {
        Map<String, TableSession> sessions = new TreeMap<>();
        opened.forEach((name, o) -> sessions.put(name, tables.session(o)));
        return sessions;
    }

    /** The actions' keys, checked; two actions on one item refuse the request. */
    private static List<Map<String, AttributeValue>> keys(List<? extends Target> actions, Map<String, TableSession> sessions) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Target a : actions) {
            TableRecord t = sessions.get(a.table()).table();
            Map<String, AttributeValue> key = a.key(t);
            byte[] identity = ItemCodec.identity(key.get(t.hashKey()), t.rangeKey() == null ? null : key.get(t.rangeKey()));
            if (!seen.add(t.name + '/' + Base64.getEncoder().encodeToString(identity))) {
                throw DomainException.validation("Transaction request cannot include multiple operations on one item");
            }
            keys.add(key);
        }
        return keys;
    }
}
