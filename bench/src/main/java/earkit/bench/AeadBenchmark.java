package earkit.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * AES-256-GCM seal and open, each message with a fresh 12-byte nonce and 64 bytes of associated data
 * (the shape the store's item seals have), through the JDK's provider (SunJCE, AES-NI and CLMUL
 * intrinsics) and through Bouncy Castle's lightweight API (pure Java). The store's {@code crypto.Aead}
 * uses whichever is faster here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AeadBenchmark {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    @Param({"1024", "65536"})
    public int size;

    private final SecureRandom random = new SecureRandom();
    private byte[] key;
    private byte[] aad;
    private byte[] plaintext;
    private byte[] nonce;
    private byte[] jcaSealed;
    private byte[] bcSealed;

    @Setup
    public void setUp() throws Exception {
        key = bytes(32);
        aad = bytes(64);
        plaintext = bytes(size);
        nonce = bytes(NONCE);
        jcaSealed = jcaSeal(nonce);
        bcSealed = bcSeal(nonce);
    }

    /** Seal draws a nonce per message (the JDK refuses to reuse one), as the store does. */
    @Benchmark
    public byte[] jcaSeal() throws Exception {
        return jcaSeal(bytes(NONCE));
    }

    private byte[] jcaSeal(byte[] iv) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        c.updateAAD(aad);
        return c.doFinal(plaintext);
    }

    @Benchmark
    public byte[] jcaOpen() throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(aad);
        return c.doFinal(jcaSealed);
    }

    @Benchmark
    public byte[] bcSeal() throws InvalidCipherTextException {
        return bcSeal(bytes(NONCE));
    }

    private byte[] bcSeal(byte[] iv) throws InvalidCipherTextException {
        GCMModeCipher c = GCMBlockCipher.newInstance(AESEngine.newInstance());
        c.init(true, new AEADParameters(new KeyParameter(key), TAG_BITS, iv, aad));
        byte[] out = new byte[c.getOutputSize(plaintext.length)];
        int n = c.processBytes(plaintext, 0, plaintext.length, out, 0);
        c.doFinal(out, n);
        return out;
    }

    @Benchmark
    public byte[] bcOpen() throws InvalidCipherTextException {
        GCMModeCipher c = GCMBlockCipher.newInstance(AESEngine.newInstance());
        c.init(false, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
        byte[] out = new byte[c.getOutputSize(bcSealed.length)];
        int n = c.processBytes(bcSealed, 0, bcSealed.length, out, 0);
        c.doFinal(out, n);
        return out;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
