package earkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a --data-dir takes on disk: now, and once the server has stopped writing it. */
final class DataDirSize {
    private DataDirSize() {
    }

    /**
     * The data directory's size once the server, left idle, has stopped compacting it: looked at every second until
     * no file of it has changed (size or modification time) for 10 seconds in a row, at most 10 minutes. Compaction
     * may grow the file before it shrinks it (it rewrites the live data in key order, then empties the file's end),
     * so "not smaller for 10 s" would stop in the middle; "not written for 10 s" is when the store is done.
     */
    static long settled(Path dir) throws IOException, InterruptedException {
        String last = state(dir);
        int unchanged = 0;
        for (int second = 0; second < 600 && unchanged < 10; second++) {
            Thread.sleep(1000);
            String now = state(dir);
            unchanged = now.equals(last) ? unchanged + 1 : 0;
            last = now;
        }
        return of(dir);
    }

    /** Each file's size and modification time. */
    private static String state(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile).sorted()::iterator) {
                b.append(p).append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
        }
        return b.toString();
    }

    static long of(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
