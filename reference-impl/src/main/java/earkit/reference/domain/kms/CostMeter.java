package earkit.reference.domain.kms;

import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the keys would cost on the virtual clock: USD 1 per customer managed key and month, prorated
 * by the hour (a month is 730 hours), plus USD 1 per month for each of the first two rotations; no
 * charge while a key is pending deletion or after it is gone; AWS managed keys have no monthly fee.
 * Requests are counted per key (USD 0.03 per 10,000). AWS owned keys never reach this KMS.
 */
public final class CostMeter {
    private static final ObjectMapper JSON = KmsRepository.JSON;
    static final BigDecimal REQUEST_PRICE = new BigDecimal("0.000003");
    static final long MONTH_SECONDS = Duration.ofHours(730).getSeconds();

    /** The meter of one key. {@code chargingSince} is null while no monthly fee runs. */
    public static final class Entry {
        public String keyArn;
        public String keyManager;
        public long requests;
        public double accruedUsd;
        public int monthlyRate;
        public Instant chargingSince;
        public boolean deleted;
    }

    /** What {@code GET /_kit/kms/meter} shows for one key. */
    public record Reading(String keyArn, String keyManager, long requests, BigDecimal requestChargeUsd,
                          BigDecimal keyChargeUsd, int monthlyRateUsd, boolean deleted) {
    }

    private final Storage storage;
    private final KeyValueMap map;
    private final Map<String, Entry> entries = new TreeMap<>();

    public CostMeter(Storage storage) {
        this.storage = storage;
        this.map = storage.map("kms.meter");
        for (Map.Entry<String, byte[]> e : map.entries()) {
            try {
                entries.put(e.getKey(), JSON.readValue(e.getValue(), Entry.class));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    synchronized void keyCreated(KmsKey key, Instant now) {
        Entry e = entry(key);
        if (!key.awsManaged()) {
            e.monthlyRate = 1;
            e.chargingSince = now;
        }
        save(e);
    }

    /** Settles the fee so far and continues with the key's current rate (0 while pending deletion). */
    synchronized void keyChanged(KmsKey key, Instant now, boolean gone) {
        Entry e = entry(key);
        settle(e, now);
        if (!key.awsManaged()) {
            int rotations = key.materials.size() - 1;
            e.monthlyRate = 1 + Math.min(rotations, 2);
            boolean charging = !gone && !KmsKey.PENDING_DELETION.equals(key.keyState);
            e.chargingSince = charging ? now : null;
        }
        e.deleted = gone;
        save(e);
    }

    public synchronized void request(KmsKey key) {
        Entry e = entry(key);
        e.requests++;
        save(e);
    }

    /** A request on a key this KMS does not hold (the OWNED_KEY_METERED fault's AWS owned key). */
    public synchronized void request(String keyArn, String keyManager) {
        Entry e = entries.computeIfAbsent(keyArn, k -> {
            Entry n = new Entry();
            n.keyArn = k;
            n.keyManager = keyManager;
            return n;
        });
        e.requests++;
        save(e);
    }

    public synchronized List<Reading> read(Instant now) {
        List<Reading> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            double months = e.accruedUsd + running(e, now);
            out.add(new Reading(e.keyArn, e.keyManager, e.requests,
                    REQUEST_PRICE.multiply(BigDecimal.valueOf(e.requests)).setScale(6, RoundingMode.HALF_UP),
                    BigDecimal.valueOf(months).setScale(6, RoundingMode.HALF_UP), e.monthlyRate, e.deleted));
        }
        return out;
    }

    private static double running(Entry e, Instant now) {
        if (e.chargingSince == null || now.isBefore(e.chargingSince)) {
            return 0;
        }
        return (double) Duration.between(e.chargingSince, now).getSeconds() / MONTH_SECONDS * e.monthlyRate;
    }

    private static void settle(Entry e, Instant now) {
        e.accruedUsd += running(e, now);
        e.chargingSince = e.chargingSince == null ? null : now;
    }

    private Entry entry(KmsKey key) {
        return entries.computeIfAbsent(key.arn(), k -> {
            Entry e = new Entry();
            e.keyArn = k;
            e.keyManager = key.keyManager;
            return e;
        });
    }

    private void save(Entry e) {
        try {
            map.put(e.keyArn, JSON.writeValueAsBytes(e));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        storage.commit();
    }
}
