package earkit.reference.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The newest store version a commit of {@code --data-dir} wrote, kept beside the store file so that a store which
 * reopens at an older version is found out. MVStore opens a file whose newest chunks are damaged at the last
 * older state whose chunks are whole, and says nothing: acknowledged writes would be gone, and with dead chunks
 * freed at once that state can even predate a table (which then reads as never created). With this record such a
 * file is refused at start, as damaged, instead.
 *
 * <p>The record is written after the store's commit returned, so it never names a version the store file does
 * not hold: a process killed between the two leaves it one commit behind, which is harmless (the store may be
 * newer than the record, never older). The file is 16 bytes, the version and its CRC-32C; anything else is damage.
 */
final class CommitRecord implements AutoCloseable {
    static final String FILE_NAME = "earkit.commit";
    private static final int LENGTH = 16;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
    private long written;

    private CommitRecord(Path file, FileChannel channel, long written) {
        this.file = file;
        this.channel = channel;
        this.written = written;
    }

    /**
     * Opens the record of the store in {@code dir}, made (at version 0) if the store file does not exist yet.
     *
     * @throws DamagedStoreException if the store file exists without a record, or the record is not one
     */
    static CommitRecord open(Path dir, Path storeFile) {
        Path file = dir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                if (Files.exists(storeFile) && Files.size(storeFile) > 0) {
                    throw new DamagedStoreException(file, new IllegalStateException(
                            "the store file exists but the record of its last commit does not"));
                }
                CommitRecord made = new CommitRecord(file, FileChannel.open(file, StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE), -1);
                made.record(0);
                return made;
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                return new CommitRecord(file, channel, read(file, channel));
            } catch (RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long read(Path file, FileChannel channel) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(LENGTH + 1);
        while (channel.read(in) >= 0 && in.hasRemaining()) {
            // a short read of a local file is rare, but allowed
        }
        if (in.position() != LENGTH) {
            throw new DamagedStoreException(file, new IllegalStateException(
                    "the record of the last commit is " + in.position() + " bytes long, not " + LENGTH));
        }
        in.flip();
        long version = in.getLong();
        long check = in.getLong();
        if (check != crc(version) || version < 0) {
            throw new DamagedStoreException(file, new IllegalStateException("the record of the last commit is altered"));
        }
        return version;
    }

    private static long crc(long version) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Long.BYTES).putLong(0, version));
        return crc.getValue();
    }

    /** The newest version recorded as committed. */
    long version() {
        return written;
    }

    /**
     * Checks that the store opened at the recorded version or a newer one.
     *
     * @throws DamagedStoreException if it opened at an older one
     */
    void check(long opened, Path storeFile) {
        if (opened < written) {
            throw new DamagedStoreException(storeFile, new IllegalStateException("it opened at version " + opened
                    + " but version " + written + " was committed: its newest chunks do not read, and MVStore fell"
                    + " back to an older state, which would silently lose acknowledged writes"));
        }
    }

    /** Records a version the store has committed (one in a single write of 16 bytes, so no half record is read). */
    void record(long version) {
        if (version <= written) {
            return;
        }
        buffer.clear();
        buffer.putLong(version).putLong(crc(version)).flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written = version;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return file + " at version " + written;
    }
}
