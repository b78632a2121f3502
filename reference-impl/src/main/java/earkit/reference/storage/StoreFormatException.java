package earkit.reference.storage;

import java.nio.file.Path;

/**
 * The store file of {@code --data-dir} is whole but laid out in another format than this version of the reference
 * reads (format 1: item keys without their partition's token, written before 2026-12-06). The reference does not
 * start on it; a new, empty data directory is needed.
 */
public final class StoreFormatException extends RuntimeException {
    public StoreFormatException(Path where, int found, int expected) {
        super("The store " + where + " is in format " + (found < 0 ? "unknown" : found) + ", this version of the reference"
                + " reads format " + expected + " only (item keys that begin with their partition's token)."
                + " Start it with an empty --data-dir; the store is left as it is.");
    }
}
