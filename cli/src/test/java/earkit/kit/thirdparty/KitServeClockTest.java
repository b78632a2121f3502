package earkit.kit.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.kit.cli.Kit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A reference started by hand shows today's date, as DynamoDB would, unless its clock is told where to start. */
class KitServeClockTest {
    private static Instant clock(URI endpoint) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(endpoint.resolve("/_kit/clock")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return Instant.parse(new ObjectMapper().readTree(answer.body()).path("now").asText());
    }

    @Test
    void withoutClockStartTheVirtualClockStartsAtTheRealTime() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        try (KitServeProcess serve = KitServeProcess.start()) {
            Instant now = clock(serve.endpoint());
            Instant after = Instant.now();
            assertTrue(!now.isBefore(before) && !now.isAfter(after), before + " <= " + now + " <= " + after);
        }
    }

    @Test
    void clockStartSetsTheVirtualClock() throws Exception {
        try (KitServeProcess serve = KitServeProcess.start("--clock-start", "2022-05-01T00:00:00Z")) {
            assertEquals(Instant.parse("2022-05-01T00:00:00Z"), clock(serve.endpoint()));
        }
    }

    @Test
    void anUnreadableClockStartIsOneLineAndAUsageError() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Kit()).setErr(new PrintWriter(err)).execute("serve", "--clock-start", "yesterday");
        assertEquals(2, exit);
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.contains("'yesterday' is neither 'now' nor an ISO-8601 instant"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
    }
}
