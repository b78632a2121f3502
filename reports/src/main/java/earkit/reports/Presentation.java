package earkit.reports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Wording and formats shared by the human-readable reports. */
final class Presentation {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Presentation() {
    }

    static String dateTime(String iso) {
        if (iso == null) {
            return "unknown";
        }
        try {
            return DATE_TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException notIso) {
            return iso;
        }
    }

    static String duration(Double seconds) {
        if (seconds == null) {
            return "unknown";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }

    /** An area as a heading: the catalogue writes them in lower case ("key rotation"). */
    static String area(String area) {
        return area == null || area.isEmpty() ? area : Character.toUpperCase(area.charAt(0)) + area.substring(1);
    }

    /** Chart and badge colour of a status; the HTML's stylesheet uses the same values. */
    static String colour(RequirementStatus status) {
        return switch (status) {
            case PASSED -> "#1f883d";
            case FAILED -> "#cf222e";
            case TARGET_ERROR -> "#82071e";
            case KIT_ERROR -> "#57606a";
            case NOT_REACHED -> "#d4a72c";
            case NOT_APPLICABLE -> "#8c959f";
            case KNOWN_DEVIATION -> "#bf8700";
            case FLAGGED_DEVIATION -> "#8250df";
            case NOT_RUN -> "#d0d7de";
        };
    }
}
