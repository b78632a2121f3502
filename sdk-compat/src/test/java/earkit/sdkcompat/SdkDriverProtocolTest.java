package earkit.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the drivers say when no service answers: an endpoint where nothing listens is the kit's set-up problem,
 * reported as {@code DriverError} with HTTP status 0, never as a refusal by the target. Java v1 and boto3 retry a
 * refused connection ten times with back-off by default for DynamoDB (20-30 s), so they are left out here; their
 * drivers map it the same way (Java v1: {@code SdkClientException}; boto3: any exception but {@code ClientError}).
 */
class SdkDriverProtocolTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SdkConfiguration.class, mode = EnumSource.Mode.EXCLUDE, names = {"JAVA_V1", "BOTO3"})
    void noAnswerIsADriverErrorNotARefusal(SdkConfiguration sdk) throws IOException {
        Runnability.assume(sdk);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        // The AWS CLI's default (legacy) retries back off for about 30 s on a refused connection: max_attempts 1 here.
        try (SdkDriver driver = sdk.open(sdk == SdkConfiguration.AWS_CLI
                ? new DriverSettings(nowhere, "us-east-1", "test", "test", true, false) : DriverSettings.reference(nowhere, true))) {
            SdkError e = assertThrows(SdkError.class, () -> driver.call("dynamodb", "ListTables", JsonNodeFactory.instance.objectNode()));
            assertEquals(0, e.httpStatus(), sdk + ": no HTTP status without an answer: " + e.getMessage());
            assertEquals("DriverError", e.code(), sdk + ": " + e.getMessage());
        }
    }
}
