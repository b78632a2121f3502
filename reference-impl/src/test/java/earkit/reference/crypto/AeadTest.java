package earkit.reference.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** AES-256-GCM as the store uses it: a seal opens only with its key and associated data, and no nonce repeats under one key, even across threads. */
class AeadTest {
    private final Aead.Key key = new Aead.Key(Aead.randomKey());
    private final byte[] aad = "earkit/test".getBytes(StandardCharsets.UTF_8);

    @Test
    void everySealUnderOneKeyHasItsOwnNonceAcrossThreads() throws Exception {
        byte[] plaintext = "the same message each time".getBytes(StandardCharsets.UTF_8);
        Set<ByteBuffer> nonces = ConcurrentHashMap.newKeySet();
        int threads = 4;
        int each = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] runs = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                runs[t] = pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        byte[] sealed = Aead.seal(key, plaintext, plaintext.length, aad, 0);
                        nonces.add(ByteBuffer.wrap(Arrays.copyOf(sealed, Aead.NONCE_BYTES)));
                    }
                    return null;
                });
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, nonces.size(), "a nonce was used twice under one key");
    }

    @Test
    void aSealOpensWithItsKeyAndAssociatedDataOnly() throws Exception {
        byte[] plaintext = "item".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = Aead.seal(key, plaintext, plaintext.length, aad, 2);
        assertArrayEquals(plaintext, Aead.open(key, sealed, 2, aad));
        assertThrows(Aead.OpenFailure.class, () -> Aead.open(key, sealed, 2, "other".getBytes(StandardCharsets.UTF_8)));
        assertThrows(Aead.OpenFailure.class, () -> Aead.open(new Aead.Key(Aead.randomKey()), sealed, 2, aad));
    }
}
