package earkit.reference.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.nio.file.Path;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written by an earlier layout (format 1: item keys without their partition's token, no format mark) is
 * refused at start with a message that says what to do, and left as it is; a store of this version reopens.
 */
class StoreFormatTest {
    @TempDir
    Path dir;

    @Test
    void aNewStoreIsMarkedWithTheFormatAndReopens() {
        try (FileStorage storage = new FileStorage(dir)) {
            storage.map("m").put("a", new byte[] {1});
            storage.commit();
            assertTrue(storage.mapNames().contains(FileStorage.FORMAT_MAP));
        }
        try (FileStorage storage = new FileStorage(dir)) {
            assertArrayEquals(new byte[] {1}, storage.map("m").get("a"));
        }
    }

    @Test
    void aStoreOfTheEarlierLayoutIsRefusedAtStartAndLeftAsItIs() {
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir))) {
            server.port(); // a store with the tables' maps in it
        }
        // What the earlier layout wrote: the same maps, no format mark.
        try (MVStore raw = new MVStore.Builder().fileName(dir.resolve("earkit.mv.db").toString()).open()) {
            raw.removeMap(FileStorage.FORMAT_MAP);
            MVMap<String, byte[]> made = raw.openMap(FileStorage.MADE);
            made.remove(FileStorage.FORMAT_MAP);
            raw.commit();
        }
        StoreFormatException e = assertThrows(StoreFormatException.class,
                () -> ReferenceServer.start(ServerOptions.defaults().withDataDir(dir)));
        assertTrue(e.getMessage().contains("is in format 1"), e.getMessage());
        assertTrue(e.getMessage().contains("Start it with an empty --data-dir"), e.getMessage());
        // Refused again, not changed by the first refusal.
        assertThrows(StoreFormatException.class, () -> new FileStorage(dir));
        try (MVStore raw = new MVStore.Builder().fileName(dir.resolve("earkit.mv.db").toString()).readOnly().open()) {
            Map<String, byte[]> made = raw.openMap(FileStorage.MADE);
            assertTrue(!made.isEmpty() && !made.containsKey(FileStorage.FORMAT_MAP));
        }
    }
}
