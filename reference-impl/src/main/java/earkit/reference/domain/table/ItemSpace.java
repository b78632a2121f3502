package earkit.reference.domain.table;

import earkit.reference.crypto.SealBroken;
import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.storage.KeyValueMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One ordered space of sealed entries: the base table or one secondary index. The storage holds only
 * HMAC-named ciphertexts. An entry's storage key is the hex of its partition's token (an HMAC of the partition key
 * value) followed by the hex of an HMAC of its whole key: the store keeps which entries share a partition, as
 * DynamoDB's own partitioning does, never a sort key or its order, which would be readable at rest.
 *
 * <p>The order within a partition (by sort key) lives in memory only. In memory the store is a hash map and this
 * space keeps every partition, in token order. With {@code --data-dir} the store keeps its keys in order, so the
 * partitions come in token order from the store itself, and a partition's sort order is built, by opening its
 * entries, the first time a Query or Scan reads it after a start: a read costs what it touches, however many
 * entries the space holds, and a start opens none.
 *
 * <p>Kept whole though a little over 400 lines: the in-memory order, the partitions read from the store and the
 * count are one invariant that every put, remove and read keeps together; split, each half would reach into the other.
 */
final class ItemSpace {
    /** Where an entry sits: its partition's token, its sort key value and, for index entries, the base key. */
    record Position(byte[] token, AttributeValue range, byte[] tiebreak) {
    }

    record Entry(Position position, Map<String, AttributeValue> item) {
    }

    /** What the order keeps of an entry: where it is stored and the size of what it holds. */
    private record Slot(String storageKey, long size) {
    }

    /** A partition token as a hash key. Tokens are HMAC outputs: their first bytes are already a good hash. */
    private record Token(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Token t && Arrays.equals(bytes, t.bytes);
        }

        @Override
        public int hashCode() {
            return bytes.length >= 4 ? (bytes[0] << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff)
                    : Arrays.hashCode(bytes);
        }
    }

    private static final Comparator<byte[]> BYTES = Arrays::compareUnsigned;
    private static final Comparator<Position> SORT = (a, b) -> {
        int c;
        if (a.range() == null || b.range() == null) {
            c = a.range() == null ? (b.range() == null ? 0 : -1) : 1;
        } else {
            c = AttributeValues.compare(a.range(), b.range());
        }
        return c != 0 ? c : BYTES.compare(a.tiebreak(), b.tiebreak());
    };
    private static final HexFormat HEX = HexFormat.of();
    /** Characters of a storage key that name its partition: the hex of a token (an HMAC-SHA-256). */
    static final int TOKEN_CHARS = 64;

    final String name;
    private final KeyValueMap map;
    private final String hashKey;
    private final String rangeKey;
    /** The tiebreak of an entry's position (see {@link Position}), from the item it holds. */
    private final Function<Map<String, AttributeValue>, byte[]> tiebreak;
    /** The store keeps its keys in order: partitions are read from it when first needed, and {@link #order} is unused. */
    private final boolean lazy;
    /** In memory: whether {@link #order} holds every stored entry (until then it is empty and unused). */
    private boolean loaded;
    /** In memory: every partition in token order. */
    private final TreeMap<byte[], TreeMap<Position, Slot>> order = new TreeMap<>(BYTES);
    /**
     * The partitions whose sort order is in memory, by token: in memory the same as {@link #order} (a write or a
     * Query finds its partition without comparing tokens down the tree); with a store in order, those read since
     * the start.
     */
    private final Map<Token, TreeMap<Position, Slot>> partitions = new HashMap<>();
    private int count;
    private final Set<String> broken = new HashSet<>();

    ItemSpace(String name, KeyValueMap map, String hashKey, String rangeKey,
              Function<Map<String, AttributeValue>, byte[]> tiebreak) {
        this.name = name;
        this.map = map;
        this.hashKey = hashKey;
        this.rangeKey = rangeKey;
        this.tiebreak = tiebreak;
        this.lazy = map.ordered();
        this.loaded = map.size() == 0; // nothing stored: the empty order is whole
    }

    /** The number of entries, known without opening them. */
    int count() {
        return !lazy && loaded ? count : map.size();
    }

    /** The position of an entry of this space, from the item (or key) it holds and the base key identity. */
    Position position(TableKeyring kr, Map<String, AttributeValue> item, byte[] tiebreak) {
        return position(kr.token(ItemCodec.identity(item.get(hashKey))), item, tiebreak);
    }

    /** {@link #position(TableKeyring, Map, byte[])} with its partition's token already computed. */
    Position position(byte[] token, Map<String, AttributeValue> item, byte[] tiebreak) {
        return new Position(token, rangeKey == null ? null : item.get(rangeKey), tiebreak);
    }

    /** The storage key of the entry at a position with the given base key identity (see the class comment). */
    String storageKey(TableKeyring kr, Position pos, byte[] identity) {
        return kr.storageKey(name, pos.token(), identity);
    }

    /** True if the item has this space's key attributes (index entries are sparse). */
    boolean holds(Map<String, AttributeValue> item) {
        return item.containsKey(hashKey) && (rangeKey == null || item.containsKey(rangeKey));
    }

    Map<String, AttributeValue> get(TableKeyring kr, String storageKey) {
        byte[] encoded = getEncoded(kr, storageKey);
        return encoded == null ? null : ItemCodec.decode(encoded);
    }

    /** The entry's item opened but not decoded: DynamoDB JSON ({@link ItemCodec#encode}). */
    byte[] getEncoded(TableKeyring kr, String storageKey) {
        byte[] stored = map.get(storageKey);
        return stored == null ? null : kr.open(name, storageKey, stored);
    }

    /**
     * @param size the item's size ({@link AttributeValues#size}), which the caller has already counted
     * @return the size of the entry this one replaced, or -1 if it is new
     */
    long put(TableKeyring kr, String storageKey, Position pos, Map<String, AttributeValue> item, long size, boolean plaintextAtRest) {
        ItemCodec.Encoded encoded = ItemCodec.encode(item);
        TreeMap<Position, Slot> partition = lazy ? partitions.get(new Token(pos.token())) : loaded ? partitionFor(pos.token()) : null;
        if (partition == null) {
            // Its partition's order is not in memory: the replaced entry's size is in the store only.
            long replaced = storedSize(kr, storageKey);
            map.put(storageKey, kr.seal(name, storageKey, encoded.bytes(), encoded.length(), plaintextAtRest));
            return replaced;
        }
        map.put(storageKey, kr.seal(name, storageKey, encoded.bytes(), encoded.length(), plaintextAtRest));
        Slot previous = partition.put(pos, new Slot(storageKey, size));
        if (previous == null) {
            count++;
            return -1;
        }
        return previous.size();
    }

    /** The size of the entry stored under the key, -1 if none (or if it does not open: it is counted nowhere). */
    private long storedSize(TableKeyring kr, String storageKey) {
        byte[] stored = map.get(storageKey);
        if (stored == null) {
            return -1;
        }
        try {
            return AttributeValues.size(ItemCodec.decode(kr.open(name, storageKey, stored)));
        } catch (SealBroken damaged) {
            return -1;
        }
    }

    void remove(String storageKey, Position pos) {
        map.remove(storageKey);
        if (!lazy && !loaded) {
            return;
        }
        Token token = new Token(pos.token());
        TreeMap<Position, Slot> partition = partitions.get(token);
        if (partition != null && partition.remove(pos) != null) {
            count--;
            if (partition.isEmpty()) {
                order.remove(pos.token());
                partitions.remove(token);
            }
        }
    }

    /** In memory: the partition of a token, made (in both maps) if it has no entries yet. */
    private TreeMap<Position, Slot> partitionFor(byte[] token) {
        Token key = new Token(token);
        TreeMap<Position, Slot> p = partitions.get(key);
        if (p == null) {
            p = new TreeMap<>(SORT);
            partitions.put(key, p);
            order.put(token, p);
        }
        return p;
    }

    /** In memory: builds the order from the stored entries, once, if the store held entries when this space was made. */
    private void ensureLoaded(TableKeyring kr) {
        if (lazy || loaded) {
            return;
        }
        order.clear();
        partitions.clear();
        count = 0;
        List<Map.Entry<String, byte[]>> all = new ArrayList<>();
        map.entries().forEach(all::add);
        broken.clear();
        for (Map.Entry<String, byte[]> e : all) {
            Map<String, AttributeValue> item;
            try {
                item = ItemCodec.decode(kr.open(name, e.getKey(), e.getValue()));
            } catch (SealBroken damaged) {
                // Its place in the order is unknown (the key is inside the ciphertext): every Query or Scan of this
                // space fails, reads of intact items still succeed.
                broken.add(e.getKey());
                continue;
            }
            Position pos = position(kr, item, tiebreak.apply(item));
            partitionFor(pos.token()).put(pos, new Slot(e.getKey(), AttributeValues.size(item)));
            count++;
        }
        loaded = true;
    }

    private void refuseIfBroken() {
        if (!broken.isEmpty()) {
            throw new SealBroken(broken.size() + " stored entries of " + name + " do not open");
        }
    }

    /**
     * With a store in order: the partition of a token, read from the store (every entry whose key begins with the
     * token) and kept, if it is not in memory yet. An entry there that does not open refuses the read: its place in
     * the sort order is inside its ciphertext.
     */
    private TreeMap<Position, Slot> readPartition(TableKeyring kr, byte[] token) {
        Token key = new Token(token);
        TreeMap<Position, Slot> p = partitions.get(key);
        if (p != null) {
            return p;
        }
        p = new TreeMap<>(SORT);
        String prefix = HEX.formatHex(token);
        int damaged = 0;
        for (Map.Entry<String, byte[]> e : map.entriesFrom(prefix)) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            Map<String, AttributeValue> item;
            try {
                item = ItemCodec.decode(kr.open(name, e.getKey(), e.getValue()));
            } catch (SealBroken notOpened) {
                damaged++;
                continue;
            }
            Position pos = position(kr, item, tiebreak.apply(item));
            if (!Arrays.equals(pos.token(), token)) {
                damaged++; // sealed under this key, so written so: the store was not written by this space
                continue;
            }
            p.put(pos, new Slot(e.getKey(), AttributeValues.size(item)));
        }
        if (damaged > 0) {
            throw new SealBroken(damaged + " stored entries of " + name + " do not open");
        }
        if (!p.isEmpty()) {
            partitions.put(key, p);
        }
        return p;
    }

    /**
     * The token of the first partition after {@code token} (at it too, if {@code inclusive}; the first of all if
     * null), null if none.
     */
    private byte[] nextPartition(byte[] token, boolean inclusive) {
        if (!lazy) {
            return token == null ? (order.isEmpty() ? null : order.firstKey())
                    : inclusive ? order.ceilingKey(token) : order.higherKey(token);
        }
        String prefix = token == null ? "" : HEX.formatHex(token);
        String key = map.keyFrom(inclusive ? prefix : prefix + Character.MAX_VALUE);
        while (key != null && !inclusive && !prefix.isEmpty() && key.startsWith(prefix)) {
            key = map.keyFrom(key + Character.MIN_VALUE); // a key altered in the store, past the usual end
        }
        if (key == null) {
            return null;
        }
        byte[] found = null;
        try {
            found = key.length() < TOKEN_CHARS ? null : HEX.parseHex(key, 0, TOKEN_CHARS);
        } catch (IllegalArgumentException notHex) {
            // below
        }
        // Not a key this space writes (altered in the store, e.g. a hex digit in capitals, which would parse but not
        // be found again under the token's own hex): its entry would be passed over without a word.
        if (found == null || !key.startsWith(HEX.formatHex(found))) {
            throw new SealBroken("an entry of " + name + " is stored under a key that is not one");
        }
        return found;
    }

    /** The stored entries as they are, sealed, in no particular order. */
    Iterable<Map.Entry<String, byte[]>> stored() {
        return map.entries();
    }

    void clear() {
        broken.clear();
        List<String> keys = new ArrayList<>();
        map.entries().forEach(e -> keys.add(e.getKey()));
        keys.forEach(map::remove);
        order.clear();
        partitions.clear();
        count = 0;
        loaded = true;
    }

    /** The entries of one partition in sort order (or reverse), strictly after {@code after} if given. */
    Iterator<Entry> partition(TableKeyring kr, byte[] token, boolean forward, Position after) {
        ensureLoaded(kr);
        refuseIfBroken();
        TreeMap<Position, Slot> p = lazy ? readPartition(kr, token) : partitions.get(new Token(token));
        if (p == null) {
            return Collections.emptyIterator();
        }
        return walk(kr, p, forward, after);
    }

    /**
     * Every entry, partition by partition in token order, strictly after {@code after} if given. Partitions are
     * found as the iterator reaches them: a page reads what it returns, not the space.
     */
    Iterator<Entry> all(TableKeyring kr, Position after) {
        return all(kr, after, null, null);
    }

    /**
     * The entries of the partitions whose tokens are at or after {@code from} and before {@code until} (either
     * unbounded if null; both may be shorter than a token, a prefix), strictly after {@code after} if given: a Scan
     * segment's range, which it reaches without reading the partitions before it.
     */
    Iterator<Entry> all(TableKeyring kr, Position after, byte[] from, byte[] until) {
        ensureLoaded(kr);
        refuseIfBroken();
        return new Iterator<>() {
            private byte[] current;
            private boolean started;
            private Iterator<Entry> within = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!within.hasNext()) {
                    byte[] next = started ? nextPartition(current, false)
                            : nextPartition(after != null ? after.token() : from, true);
                    started = true;
                    if (next == null || until != null && BYTES.compare(next, until) >= 0) {
                        return false;
                    }
                    current = next;
                    TreeMap<Position, Slot> p = lazy ? readPartition(kr, next) : order.get(next);
                    Position from = after != null && Arrays.equals(next, after.token()) ? after : null;
                    within = p == null ? Collections.emptyIterator() : walk(kr, p, true, from);
                }
                return true;
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return within.next();
            }
        };
    }

    /**
     * The entries of a partition from a position on, each found from the one before: writes between two steps
     * (a Time to Live deletion, an index backfill) neither fail the walk nor make it repeat an entry.
     */
    private Iterator<Entry> walk(TableKeyring kr, TreeMap<Position, Slot> p, boolean forward, Position after) {
        return new Iterator<>() {
            private Position last = after;
            private Map.Entry<Position, Slot> pending;

            @Override
            public boolean hasNext() {
                if (pending == null) {
                    pending = last == null ? (forward ? p.firstEntry() : p.lastEntry())
                            : forward ? p.higherEntry(last) : p.lowerEntry(last);
                }
                return pending != null;
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<Position, Slot> e = pending;
                pending = null;
                last = e.getKey();
                return new Entry(e.getKey(), get(kr, e.getValue().storageKey()));
            }
        };
    }
}
