package earkit.reference.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways MVStore opens a damaged file without a word, each refused by {@link FileStorage} at open: at an
 * older state than the last commit (its newest chunks do not read), and with a map's name altered (the map
 * would open as new and empty).
 */
class FileStorageDamageTest {
    @TempDir
    Path dir;

    private void write(String map, String key) {
        try (FileStorage storage = new FileStorage(dir)) {
            storage.map(map).put(key, new byte[] {1, 2, 3});
            storage.commit();
        }
    }

    @Test
    void aStoreReopenedAsItWasLastCommittedOpensWithEverything() {
        write("m", "a");
        write("n", "b");
        try (FileStorage storage = new FileStorage(dir)) {
            assertArrayEquals(new byte[] {1, 2, 3}, storage.map("m").get("a"));
            assertArrayEquals(new byte[] {1, 2, 3}, storage.map("n").get("b"));
        }
    }

    @Test
    void aStoreAtAnOlderVersionThanItsLastCommitIsRefused() throws Exception {
        write("m", "a");
        byte[] older = Files.readAllBytes(dir.resolve("earkit.mv.db"));
        write("m", "b");
        Files.write(dir.resolve("earkit.mv.db"), older);
        DamagedStoreException e = assertThrows(DamagedStoreException.class, () -> new FileStorage(dir));
        assertTrue(e.getMessage().contains("fell back to an older state"), e.getMessage());
    }

    /** A process killed between a commit and its record leaves the record behind the store: that is no damage. */
    @Test
    void aRecordBehindTheStoreIsAccepted() throws Exception {
        write("m", "a");
        byte[] behind = Files.readAllBytes(dir.resolve(CommitRecord.FILE_NAME));
        write("m", "b");
        Files.write(dir.resolve(CommitRecord.FILE_NAME), behind);
        try (FileStorage storage = new FileStorage(dir)) {
            assertArrayEquals(new byte[] {1, 2, 3}, storage.map("m").get("b"));
        }
    }

    @Test
    void aMapWhoseNameWasAlteredIsRefusedNotOpenedEmpty() {
        write("ddb-items-1", "a");
        try (MVStore raw = new MVStore.Builder().fileName(dir.resolve("earkit.mv.db").toString()).open()) {
            raw.renameMap(raw.openMap("ddb-items-1"), "ddb-items-2");
            raw.commit();
        }
        DamagedStoreException e = assertThrows(DamagedStoreException.class, () -> new FileStorage(dir));
        assertTrue(e.getMessage().contains("missing [ddb-items-1], unknown [ddb-items-2]"), e.getMessage());
    }

    @Test
    void aStoreFileWithoutItsCommitRecordIsRefused() throws Exception {
        write("m", "a");
        Files.delete(dir.resolve(CommitRecord.FILE_NAME));
        assertThrows(DamagedStoreException.class, () -> new FileStorage(dir));
    }
}
