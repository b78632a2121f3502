package earkit.reference.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What no HTTP client library would send, written to a socket: every answer is an AWS-shaped 4xx, and the
 * server keeps serving. (The fuzzer's requests are well-formed HTTP; these are not.)
 */
class MalformedHttpTest {
    private static ReferenceServer server;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ServerOptions.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void garbageRequestLine() throws IOException {
        assertAwsError(exchange("GARBAGE \u00ff\u00fe NOT-HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), 400);
    }

    @Test
    void headerWithoutColon() throws IOException {
        assertAwsError(exchange(("POST / HTTP/1.1\r\nHost: x\r\nthis is no header\r\nContent-Length: 2\r\n\r\n{}")
                .getBytes(StandardCharsets.ISO_8859_1)), 400);
    }

    @Test
    void badPercentEscapesInASignedLookingRequest() throws IOException {
        String date = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
        String request = "POST /%zz?a=%zz&%=b HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Date: " + date + "\r\n"
                + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/" + date.substring(0, 8) + "/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64) + "\r\nContent-Length: 2\r\n\r\n{}";
        assertAwsError(exchange(request.getBytes(StandardCharsets.ISO_8859_1)), 400);
    }

    @Test
    void bodyOverTheLimitIsRefusedUnread() throws IOException {
        int size = 17 * 1024 * 1024;
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 512);
        out.writeBytes(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[size]);
        assertAwsError(exchange(out.toByteArray()), 413);
    }

    @Test
    void headGetsTheHeadersWithoutTheBodyAndTheConnectionGoesOn() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String both = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int second = both.indexOf("HTTP/1.1", 1);
            assertTrue(both.startsWith("HTTP/1.1 4") && second > 0, "HEAD / is no AWS JSON request: " + both);
            String head = both.substring(0, second);
            assertTrue(head.endsWith("\r\n\r\n") && contentLength(head) > 0, "HEAD: the length of the body, not the body: " + head);
            assertTrue(both.substring(second).startsWith("HTTP/1.1 200") && both.endsWith("healthy: earkit reference"), both);
        }
    }

    private static void assertAwsError(String response, int status) throws IOException {
        assertTrue(response.startsWith("HTTP/1.1 " + status), response);
        JsonNode json = ShapeFiller.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertTrue(json.path("__type").isTextual() && json.path(FuzzHarness.messageKey(json)).isTextual(), response);
        // The server is still up and serving.
        assertTrue(exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .startsWith("HTTP/1.1 200"));
    }

    /** Writes the bytes (as far as the server reads them) and returns the whole answer. */
    private static String exchange(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedMidway) {
                // the server answered and stopped reading; its answer is still there to read
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    answer.write(buf, 0, n);
                    String text = answer.toString(StandardCharsets.ISO_8859_1);
                    int end = text.indexOf("\r\n\r\n");
                    int length = contentLength(text);
                    if (end >= 0 && length >= 0 && answer.size() >= end + 4 + length) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no complete answer within 10 s: " + answer.toString(StandardCharsets.ISO_8859_1));
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }
}
