package earkit.reference.service;

import earkit.reference.protocol.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a CloudWatch Logs list: {@code limit} and {@code nextToken} in, {@code nextToken} out. A token names the
 * query it continues, so one from another query is refused rather than misread.
 */
record LogsPage<T>(List<T> items, String next) {

    static <T> LogsPage<T> of(List<T> all, Integer limit, int max, String token, String query) {
        int size = limit(limit, max);
        int from = token == null ? 0 : position(token, query, all.size());
        int to = Math.min(all.size(), from + size);
        return new LogsPage<>(List.copyOf(all.subList(from, to)), to < all.size() ? token(query, to) : null);
    }

    static int limit(Integer limit, int max) {
        int size = limit == null ? max : limit;
        if (size < 1 || size > max) {
            throw new ApiException("InvalidParameterException", "1 validation error detected: Value '" + size
                    + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and " + max);
        }
        return size;
    }

    static String token(String query, int position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((Integer.toHexString(query.hashCode()) + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    static int position(String token, String query, int size) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = s.indexOf('|');
            if (bar > 0 && s.substring(0, bar).equals(Integer.toHexString(query.hashCode()))) {
                int position = Integer.parseInt(s.substring(bar + 1));
                if (position >= 0 && position <= size) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw invalidToken();
    }

    static ApiException invalidToken() {
        return new ApiException("InvalidParameterException", "The specified nextToken is invalid.");
    }
}
