package earkit.reference.service;

import earkit.reference.protocol.ApiException;
import java.util.List;

/** One page of a KMS list operation: {@code Limit} and {@code Marker} in, {@code NextMarker} and {@code Truncated} out. */
record Page<T>(List<T> items, String next, boolean truncated) {

    static <T> Page<T> of(List<T> all, Integer limit, String marker, int byDefault, int max) {
        int size = limit == null ? byDefault : limit;
        if (size < 1 || size > max) {
            throw ApiException.validation("1 validation error detected: Value '" + size + "' at 'limit' failed to satisfy "
                    + "constraint: Member must have value " + (size < 1 ? "greater than or equal to 1" : "less than or equal to " + max));
        }
        int from = 0;
        if (marker != null) {
            try {
                from = Integer.parseInt(marker);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > all.size()) {
                throw new ApiException("InvalidMarkerException", "Invalid marker '" + marker + "'");
            }
        }
        int to = Math.min(all.size(), from + size);
        boolean more = to < all.size();
        return new Page<>(List.copyOf(all.subList(from, to)), more ? String.valueOf(to) : null, more);
    }
}
