package earkit.kit.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of option values that would otherwise fail far from the option that caused them: a URL without its
 * scheme surfaced as a URISyntaxException in the pre-flight, a KMS endpoint that is no URL as a store whose every
 * KMS call fails, a report or data directory that cannot be made as an exception's class name. Each returns the one
 * line to show, or null when the value will do.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    /**
     * {@code url} must be an absolute http or https URL with a host, such as http://127.0.0.1:4566; {@code given} is
     * the option as the user typed it, for the message.
     */
    static String httpUrlProblem(String given, String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            u = null;
        }
        boolean http = u != null && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()));
        if (http && u.getHost() != null) {
            return null;
        }
        return given + ": not an http:// or https:// URL with a host, such as http://127.0.0.1:4566";
    }

    /** {@code dir} must be a directory the kit can write in; it is made if it does not exist. */
    static String directoryProblem(String option, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            return option + " " + dir + ": a file of that name exists, not a directory";
        } catch (AccessDeniedException e) {
            return option + " " + dir + ": cannot be made there (permission denied)";
        } catch (FileSystemException e) {
            return option + " " + dir + ": cannot be made there" + (e.getReason() == null ? "" : " (" + e.getReason() + ")");
        } catch (IOException e) {
            return option + " " + dir + ": cannot be made there (" + e.getMessage() + ")";
        }
        return Files.isWritable(dir) ? null : option + " " + dir + ": not writable";
    }
}
