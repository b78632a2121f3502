package earkit.kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in {@code kit serve}'s options, typed as a user would: each is exit 2 and one line naming the option,
 * before anything listens; never an exception's class name, never a server that starts and fails later (a KMS
 * endpoint that is no URL would make every table's key unreachable).
 */
class ServeOptionsTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private void refused(String expected, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = Kit.commandLine().setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true)).execute(all);
        String text = err.toString();
        assertEquals(2, exit, text);
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertTrue(text.startsWith("kit: error: " + expected), "the line says '" + expected + "': " + text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), "no exception: " + text);
    }

    @Test
    void aPortOutOfRange() {
        refused("--port must be 0 to 65535, not 65536", "--port", "65536");
    }

    @Test
    void aPortInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused("--port " + taken.getLocalPort() + ": in use on 127.0.0.1", "--port", String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void aDataDirThatIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("store"), "x");
        refused("--data-dir " + file + ": a file of that name exists, not a directory", "--port", "0", "--data-dir", file.toString());
    }

    @Test
    void endpointsThatAreNoUrls() {
        refused("--kms-endpoint localhost:4566: not an http:// or https:// URL with a host", "--port", "0",
                "--kms-endpoint", "localhost:4566");
        err.getBuffer().setLength(0);
        refused("--notify-url hooks: not an http:// or https:// URL with a host", "--port", "0", "--notify-url", "hooks");
    }

    @Test
    void anUnknownControlSetting() {
        refused("--control takes open, off or token:SECRET, not 'sometimes'", "--port", "0", "--control", "sometimes");
    }
}
