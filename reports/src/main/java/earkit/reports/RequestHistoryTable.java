package earkit.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scenario's request history (the suite's {@code request-history.json} attachment: one object per SDK call) as
 * compliance.html shows it: the contract's columns first, in a fixed order, then whatever else the entries carry,
 * and each call's request and response bodies apart. The bodies come cut and masked from the suite; they are cut and
 * masked again here, so that a suite that forgets cannot put a data key's plaintext into a report.
 */
final class RequestHistoryTable {
    /** The contract's fields, in the order a reader follows a call. */
    static final List<String> COLUMNS = List.of("service", "operation", "httpStatus", "errorCode", "requestId",
            "connection", "virtualTime", "wallTime", "durationMillis");
    private static final Set<String> BODIES = Set.of("request", "response");
    static final int BODY_LIMIT = 4096;
    static final String MASK = "***masked***";
    private static final Pattern SECRET_MEMBER = Pattern.compile(
            "(\"(?:Plaintext|SecretAccessKey|SessionToken|secretAccessKey|sessionToken)\"\\s*:\\s*)\"[^\"]*\"");
    /** KMS answers carry wrapped keys as CiphertextBlob: not secret alone, but the contract masks them. */
    private static final Pattern CIPHERTEXT_MEMBER = Pattern.compile("(\"CiphertextBlob\"\\s*:\\s*)\"[^\"]*\"");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?im)^(\\s*\"?(?:authorization|x-amz-security-token)\"?\\s*[:=]\\s*).*$");

    record View(int count, boolean table, List<String> columns, List<Row> rows, String text) {
        public String countLabel() {
            String noun = table ? "request" : "entry";
            return count + " " + (count == 1 ? noun : table ? "requests" : "entries");
        }
    }

    record Row(int number, List<String> cells, String request, String response) {
        public boolean hasBodies() {
            return request != null || response != null;
        }
    }

    private RequestHistoryTable() {
    }

    static View view(JsonNode history) {
        if (history == null) {
            return null;
        }
        boolean tabular = history.isArray() && history.size() > 0;
        for (JsonNode entry : history) {
            tabular &= entry.isObject();
        }
        if (!tabular) {
            String text = history.isTextual() ? history.asText() : history.toPrettyString();
            return new View(history.isArray() ? history.size() : 1, false, List.of(), List.of(), mask(text, true));
        }
        Set<String> columns = new LinkedHashSet<>();
        COLUMNS.stream().filter(c -> anyHas(history, c)).forEach(columns::add);
        history.forEach(entry -> entry.fieldNames().forEachRemaining(name -> {
            if (!BODIES.contains(name)) {
                columns.add(name);
            }
        }));
        List<Row> rows = new ArrayList<>();
        for (JsonNode entry : history) {
            List<String> cells = columns.stream().map(c -> {
                JsonNode value = entry.get(c);
                return value == null || value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
            }).toList();
            boolean kms = "kms".equals(entry.path("service").asText());
            rows.add(new Row(rows.size() + 1, cells, body(entry.get("request"), false), body(entry.get("response"), kms)));
        }
        return new View(history.size(), true, List.copyOf(columns), rows, null);
    }

    private static boolean anyHas(JsonNode history, String field) {
        for (JsonNode entry : history) {
            if (entry.has(field)) {
                return true;
            }
        }
        return false;
    }

    private static String body(JsonNode body, boolean kmsAnswer) {
        if (body == null || body.isNull()) {
            return null;
        }
        return mask(body.isTextual() ? body.asText() : body.toString(), kmsAnswer);
    }

    /** Masks secrets and cuts what is longer than {@link #BODY_LIMIT}, saying so. */
    static String mask(String text, boolean kmsAnswer) {
        String masked = SECRET_MEMBER.matcher(text).replaceAll("$1\"" + MASK + "\"");
        if (kmsAnswer) {
            masked = CIPHERTEXT_MEMBER.matcher(masked).replaceAll("$1\"" + MASK + "\"");
        }
        masked = AUTHORIZATION.matcher(masked).replaceAll("$1" + MASK);
        return masked.length() <= BODY_LIMIT ? masked
                : masked.substring(0, BODY_LIMIT) + "… [cut: " + (masked.length() - BODY_LIMIT) + " more characters]";
    }
}
