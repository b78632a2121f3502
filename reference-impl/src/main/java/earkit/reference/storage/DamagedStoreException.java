package earkit.reference.storage;

import java.nio.file.Path;

/**
 * The store file of {@code --data-dir} is damaged: H2's MVStore refused it, or what it gave back cannot be read.
 * At start-up the reference refuses to serve from such a file; while serving, the read that met the damage is
 * refused (the domain answers it as a failed integrity check, HTTP 400) and nothing of the damaged data is returned.
 */
public final class DamagedStoreException extends RuntimeException {
    /** @param where the store file, or the data directory when what the reference stored in it cannot be read back */
    public DamagedStoreException(Path where, Throwable cause) {
        super("The store " + where + " is damaged: " + cause, cause);
    }
}
