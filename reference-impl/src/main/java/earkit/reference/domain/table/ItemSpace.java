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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One ordered space of sealed entries: the base table or one secondary index. The storage holds only
 * HMAC-named ciphertexts; the order (partition token, then sort key) lives in memory only, since a sort key in
 * an order the store could keep would be readable at rest. It is rebuilt, by opening every entry, when the space
 * is first read in order (a Query or Scan) after a start; reads and writes of single entries need no order, so
 * until then they go to the store alone and a restart answers them at once, however many entries there are.
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

    final String name;
    private final KeyValueMap map;
    private final String hashKey;
    private final String rangeKey;
    /** The tiebreak of an entry's position (see {@link Position}), from the item it holds. */
    private final java.util.function.Function<Map<String, AttributeValue>, byte[]> tiebreak;
    /** Whether the order below holds every stored entry; until then it is empty and unused. */
    private boolean loaded;
    private final TreeMap<byte[], TreeMap<Position, Slot>> order = new TreeMap<>(BYTES);
    // The same partitions by hash: a write or a Query finds its partition without comparing tokens down the tree.
    private final Map<Token, TreeMap<Position, Slot>> partitions = new HashMap<>();
    private int count;
    private final java.util.Set<String> broken = new java.util.HashSet<>();

    ItemSpace(String name, KeyValueMap map, String hashKey, String rangeKey,
              java.util.function.Function<Map<String, AttributeValue>, byte[]> tiebreak) {
        this.name = name;
        this.map = map;
        this.hashKey = hashKey;
        this.rangeKey = rangeKey;
        this.tiebreak = tiebreak;
        this.loaded = map.size() == 0; // nothing stored: the empty order is whole
    }

    /** The number of entries, known without opening them while the order is not built. */
    int count() {
        return loaded ? count : map.size();
    }

    /** The position of an entry of this space, from the item (or key) it holds and the base key identity. */
    Position position(TableKeyring kr, Map<String, AttributeValue> item, byte[] tiebreak) {
        return new Position(kr.token(ItemCodec.identity(item.get(hashKey))),
                rangeKey == null ? null : item.get(rangeKey), tiebreak);
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
        if (!loaded) {
            long replaced = storedSize(kr, storageKey);
            map.put(storageKey, kr.seal(name, storageKey, encoded.bytes(), encoded.length(), plaintextAtRest));
            return replaced;
        }
        map.put(storageKey, kr.seal(name, storageKey, encoded.bytes(), encoded.length(), plaintextAtRest));
        Slot previous = partitionFor(pos.token()).put(pos, new Slot(storageKey, size));
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
        if (!loaded) {
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

    /** The partition of a token, made (in both maps) if it has no entries yet. */
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

    /** Builds the in-memory order from the stored entries, once after a start. */
    private void ensureLoaded(TableKeyring kr) {
        if (loaded) {
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
                // Its place in the order is unknown (the key is inside the ciphertext): reads of it and every
                // Query or Scan of this space fail, reads of intact items still succeed.
                broken.add(e.getKey());
                continue;
            }
            Position pos = position(kr, item, tiebreak.apply(item));
            long itemSize = AttributeValues.size(item);
            partitionFor(pos.token()).put(pos, new Slot(e.getKey(), itemSize));
            count++;
        }
        loaded = true;
    }

    private void refuseIfBroken() {
        if (!broken.isEmpty()) {
            throw new SealBroken(broken.size() + " stored entries of " + name + " do not open");
        }
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
        TreeMap<Position, Slot> p = partitions.get(new Token(token));
        if (p == null) {
            return Collections.emptyIterator();
        }
        NavigableMap<Position, Slot> view = forward ? p : p.descendingMap();
        if (after != null) {
            view = view.tailMap(after, false);
        }
        return entries(kr, List.copyOf(view.entrySet()).iterator());
    }

    /** Every entry, partition by partition in token order, strictly after {@code after} if given. */
    Iterator<Entry> all(TableKeyring kr, Position after) {
        ensureLoaded(kr);
        refuseIfBroken();
        List<Map.Entry<Position, Slot>> list = new ArrayList<>();
        NavigableMap<byte[], TreeMap<Position, Slot>> parts = after == null ? order : order.tailMap(after.token(), true);
        for (Map.Entry<byte[], TreeMap<Position, Slot>> part : parts.entrySet()) {
            NavigableMap<Position, Slot> view = part.getValue();
            if (after != null && Arrays.equals(part.getKey(), after.token())) {
                view = view.tailMap(after, false);
            }
            list.addAll(view.entrySet());
        }
        return entries(kr, list.iterator());
    }

    private Iterator<Entry> entries(TableKeyring kr, Iterator<Map.Entry<Position, Slot>> it) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<Position, Slot> e = it.next();
                Map<String, AttributeValue> item = get(kr, e.getValue().storageKey());
                return new Entry(e.getKey(), item);
            }
        };
    }
}
