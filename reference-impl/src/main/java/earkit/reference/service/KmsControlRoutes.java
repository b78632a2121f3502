package earkit.reference.service;

import com.fasterxml.jackson.databind.JsonNode;
import earkit.reference.domain.kms.CostMeter;
import earkit.reference.domain.kms.KeyManagement;
import earkit.reference.domain.kms.RequestQuotas;
import earkit.reference.protocol.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /_kit/kms/meter} (what each key has cost on the virtual clock) and
 * {@code POST /_kit/kms/quotas} ({@code {"accountId"?, "cryptographic": n|null, "other": n|null}},
 * requests per virtual second; null switches a quota off).
 */
public final class KmsControlRoutes {
    private KmsControlRoutes() {
    }

    public static void register(ControlApi control, KeyManagement kms, CostMeter meter, RequestQuotas quotas) {
        control.route("GET", "/_kit/kms/meter", b -> Map.of("now", kms.now().toString(), "keys", meter.read(kms.now())));
        control.route("POST", "/_kit/kms/quotas", b -> {
            String account = b.hasNonNull("accountId") ? ControlApi.text(b, "accountId") : null;
            quotas.configure(new RequestQuotas.Limits(account, limit(b, "cryptographic"), limit(b, "other")));
            Map<String, Object> out = new LinkedHashMap<>();
            quotas.current().forEach((k, v) -> out.put(k, Map.of("cryptographic", String.valueOf(v.cryptographic()),
                    "other", String.valueOf(v.other()))));
            return Map.of("quotas", out);
        });
    }

    private static Integer limit(JsonNode body, String member) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw ApiException.validation("Member '" + member + "' is a whole number of requests per second, or null");
        }
        return v.intValue();
    }
}
