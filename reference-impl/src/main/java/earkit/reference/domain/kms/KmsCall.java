package earkit.reference.domain.kms;

import java.util.ArrayList;
import java.util.List;

/**
 * One request to KMS: who calls, in which Region, and the keys it touched (in order), which the
 * audit lists as resources and the cost meter charges.
 */
public record KmsCall(Caller caller, String region, List<KmsKey> touched) {

    public KmsCall(Caller caller, String region) {
        this(caller, region, new ArrayList<>());
    }

    void touch(KmsKey key) {
        if (!touched.contains(key)) {
            touched.add(key);
        }
    }
}
