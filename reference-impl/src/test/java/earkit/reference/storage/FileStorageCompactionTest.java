package earkit.reference.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store file written the way the reference writes items (1 KB sealed values under random 64-character keys,
 * 25 to a commit) stays near the size of what it holds while written and once compaction has caught up (it was
 * about ten times that before), and holds it all.
 */
class FileStorageCompactionTest {
    private static final int ITEMS = 20_000;
    private static final int VALUE_BYTES = 1_100; // a 1 KB item's JSON, sealed

    @TempDir
    Path dir;

    @Test
    void afterWritesSettleTheFileIsAtMost1Point25TimesTheDataAndHoldsEveryEntry() {
        Random random = new Random(7);
        Map<String, byte[]> written = new HashMap<>();
        long dataBytes = 0;
        long largestWhileWriting = 0;
        try (FileStorage storage = new FileStorage(dir)) {
            KeyValueMap items = storage.unorderedMap("ddb-items-t");
            for (int i = 0; i < ITEMS; i++) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                byte[] value = new byte[VALUE_BYTES];
                random.nextBytes(value);
                String k = HexFormat.of().formatHex(key);
                items.put(k, value);
                written.put(k, value);
                dataBytes += k.length() + value.length;
                if (i % 25 == 24) {
                    storage.commit();
                    storage.compact(false); // the background thread's steps, here in step with the writes
                    largestWhileWriting = Math.max(largestWhileWriting, storage.fileSize());
                }
            }
            storage.commit();
            int steps = 0;
            while (storage.compact(true)) { // what the background thread does once writes pause
                assertTrue(++steps < 10_000, "compaction ends");
            }
            long settled = storage.fileSize();
            System.out.printf("COMPACTION SUMMARY %,d entries, %,d bytes of data, file %,d bytes settled (%.2f), "
                    + "at most %,d while writing (%.2f), %d settling steps%n", ITEMS, dataBytes, settled,
                    settled / (double) dataBytes, largestWhileWriting, largestWhileWriting / (double) dataBytes, steps);
            // The background thread steps too, between these, so the sizes vary a little from run to run: runs
            // gave 1.40-1.50 settled, at most 1.47-1.51 while written (1.57-1.72 and 1.66-1.69 before the file was
            // emptied from its end and inner pages held 16 keys; about 10 times without compaction); 1.07-1.14 settled
            // since the leaves are rewritten in key order once writes pause. bench/run's bound for 1,000,000 items
            // is 1.5 times; the bounds here leave room for the variation.
            assertTrue(settled * 4 <= dataBytes * 5, "settled at " + settled + " bytes for " + dataBytes + " of data");
            assertTrue(largestWhileWriting * 5 <= dataBytes * 9, "at most " + largestWhileWriting + " bytes while writing");
        }
        try (FileStorage reopened = new FileStorage(dir)) {
            KeyValueMap items = reopened.unorderedMap("ddb-items-t");
            assertEquals(ITEMS, items.size());
            written.forEach((k, v) -> assertArrayEquals(v, items.get(k), k));
        }
    }
}
