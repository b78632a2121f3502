package earkit.reference.storage;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.SingleFileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout map TailEvacuation rewrites is MVStore's own (read from a field of H2's file store): if an H2 upgrade
 * moves it, this fails instead of the file's end staying pinned by layout pages without a word.
 */
class TailEvacuationTest {
    @TempDir
    Path dir;

    @Test
    void theLayoutMapIsTheStoresOwnAndNamesItsMapsRoots() {
        SingleFileStore files = new SingleFileStore(new HashMap<>());
        files.open(dir.resolve("t.mv.db").toString(), false, null);
        MVStore store = new MVStore.Builder().adoptFileStore(files).autoCommitDisabled().open();
        try {
            store.<String, byte[]>openMap("m").put("k", new byte[100]);
            store.commit();
            MVMap<String, String> layout = TailEvacuation.layoutOf(files);
            assertNotNull(layout);
            assertTrue(layout.keySet().stream().anyMatch(k -> k.startsWith("root.")), layout.keySet().toString());
            assertTrue(store.getLayoutMap().keySet().equals(layout.keySet()), "the copy MVStore gives out is of this map");
        } finally {
            store.close();
        }
    }
}
