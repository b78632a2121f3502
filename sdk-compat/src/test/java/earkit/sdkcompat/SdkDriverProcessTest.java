package earkit.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What {@link SdkDriverProcess} makes of a driver that breaks the protocol: a process that dies, a line that is not
 * JSON, an answer to another request, a failure before sending ({@code "sent": false}) are each a
 * {@link DriverFailure} (the kit's problem), while an error the SDK reported, HTTP status 0 included, stays an
 * {@link SdkError}. The drivers here are small Python programs that answer the configuration and then misbehave.
 */
class SdkDriverProcessTest {
    private static final DriverSettings SETTINGS = new DriverSettings(URI.create("http://127.0.0.1:1"), "us-east-1", "a", "b",
            true, false, Optional.of(Duration.ofSeconds(10)));

    /** A driver that answers the configuration, then runs {@code onRequest} (Python, with {@code request}) for each line. */
    private static SdkDriver driver(String onRequest) {
        Assumptions.assumeTrue(runs(), "python3 is not available");
        String program = String.join("\n", "import json, os, sys",
                "sys.stdout.write(json.dumps({'ok': True, 'output': {'name': 'test driver'}}) + '\\n'); sys.stdout.flush()",
                "sys.stdin.readline()",
                "for line in sys.stdin:",
                "    request = json.loads(line)",
                "    " + onRequest,
                "    sys.stdout.flush()");
        return SdkDriverProcess.start("protocol-test", List.of("python3", "-c", program), Path.of("."), SETTINGS);
    }

    private static boolean runs() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static RuntimeException callOnce(SdkDriver d) {
        try (d) {
            return assertThrows(RuntimeException.class, () -> d.call("dynamodb", "ListTables", JsonNodeFactory.instance.objectNode()));
        }
    }

    @Test
    void aDriverThatDiesIsADriverFailure() {
        RuntimeException e = callOnce(driver("os._exit(9)"));
        assertEquals(DriverFailure.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("ended without answering") && e.getMessage().contains("status 9"), e.getMessage());
    }

    @Test
    void garbageIsADriverFailure() {
        RuntimeException e = callOnce(driver("sys.stdout.write('Segmentation fault\\n')"));
        assertEquals(DriverFailure.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("Segmentation fault") && e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void anAnswerToAnotherRequestOrWithoutOkIsADriverFailure() {
        assertEquals(DriverFailure.class, callOnce(driver("sys.stdout.write(json.dumps({'id': 99, 'ok': True}) + '\\n')")).getClass());
        assertEquals(DriverFailure.class, callOnce(driver("sys.stdout.write(json.dumps({'id': request['id']}) + '\\n')")).getClass());
    }

    @Test
    void aFailureBeforeSendingIsADriverFailure() {
        RuntimeException e = callOnce(driver("sys.stdout.write(json.dumps({'id': request['id'], 'ok': False, 'error': {'code': "
                + "'DriverError', 'httpStatus': 0, 'sent': False, 'message': 'unknown operation'}}) + '\\n')"));
        assertEquals(DriverFailure.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("before sending dynamodb ListTables: unknown operation"), e.getMessage());
    }

    @Test
    void noAnswerOfTheServiceStaysTheSdksErrorWithStatusZero() {
        RuntimeException e = callOnce(driver("sys.stdout.write(json.dumps({'id': request['id'], 'ok': False, 'error': {'code': "
                + "'DriverError', 'httpStatus': 0, 'message': 'ECONNRESET', 'sdkExceptionType': 'Error'}}) + '\\n')"));
        SdkError sdk = (SdkError) e;
        assertEquals(0, sdk.httpStatus());
        assertEquals("DriverError", sdk.code());
    }

    @Test
    void aRequestTheToolCannotSayIsUnsupportedWithItsReasonNeitherAnErrorNorAFailure() {
        RuntimeException e = callOnce(driver("sys.stdout.write(json.dumps({'id': request['id'], 'ok': False, "
                + "'unsupported': 'Item.b.B holds bytes that are not valid UTF-8'}) + '\\n')"));
        assertEquals(UnsupportedRequest.class, e.getClass(), e.toString());
        assertEquals("Item.b.B holds bytes that are not valid UTF-8", e.getMessage());
    }

    @Test
    void anUnsupportedAnswerWithoutAReasonOrADriverFaultIsADriverFailure() {
        assertEquals(DriverFailure.class, callOnce(driver("sys.stdout.write(json.dumps({'id': request['id'], 'ok': False, "
                + "'unsupported': ''}) + '\\n')")).getClass());
        RuntimeException e = callOnce(driver("sys.stdout.write(json.dumps({'id': request['id'], 'ok': False, "
                + "'fault': 'stderr shows another code'}) + '\\n')"));
        assertEquals(DriverFailure.class, e.getClass(), e.toString());
        assertTrue(e.getMessage().contains("stderr shows another code"), e.getMessage());
    }
}
