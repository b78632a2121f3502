package earkit.kit.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import earkit.sdkcompat.DriverFailure;
import earkit.sdkcompat.SdkDriver;
import earkit.sdkcompat.SdkError;
import earkit.sdkcompat.UnsupportedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A DynamoDB client over an SDK driver answers the steps as the kit's own Java v2 client would: outputs into the
 * response, a refusal into the exception of its code with its HTTP status, and no documented refusal (HTTP 5xx, no
 * answer) into a target fault, never a refusal.
 */
class DriverDynamoDbTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A driver whose every call answers {@code answer}, keeping what it was sent. */
    private static final class FakeDriver implements SdkDriver {
        final List<String> sent = new ArrayList<>();
        final Function<String, JsonNode> answer;

        FakeDriver(Function<String, JsonNode> answer) {
            this.answer = answer;
        }

        @Override
        public JsonNode call(String service, String operation, JsonNode input) {
            sent.add(service + " " + operation + " " + input);
            return answer.apply(operation);
        }

        @Override
        public JsonNode info() {
            return JsonNodeFactory.instance.objectNode().put("name", "fake");
        }

        @Override
        public void close() {
        }
    }

    private static DynamoDbClient client(FakeDriver driver) {
        return DriverDynamoDb.client(driver, new TargetFaults(() -> "EAR-ENC-004"), new RequestHistory(), "test #1");
    }

    @Test
    void anOutputComesBackAsTheResponseAndUnknownMembersAreLeftOut() throws Exception {
        FakeDriver driver = new FakeDriver(op -> {
            try {
                return JSON.readTree("{\"Item\": {\"pk\": {\"S\": \"a\"}, \"b\": {\"B\": \"AAE=\"}}, \"SomethingNewer\": 1}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        GetItemResponse r = client(driver).getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.builder().s("a").build())));
        assertEquals("a", r.item().get("pk").s());
        assertEquals(List.of((byte) 0, (byte) 1), List.of(r.item().get("b").b().asByteArray()[0], r.item().get("b").b().asByteArray()[1]));
        assertEquals(200, r.sdkHttpResponse().statusCode());
        assertEquals(List.of("dynamodb GetItem {\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"), driver.sent);
    }

    @Test
    void aModeledRefusalIsTheSdksExceptionOfThatCode() {
        FakeDriver driver = new FakeDriver(op -> {
            throw new SdkError("ResourceNotFoundException", 400, "Requested resource not found", "ResourceNotFoundException");
        });
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> client(driver).describeTable(b -> b.tableName("t")));
        assertEquals(400, e.statusCode());
        assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
        assertEquals("Requested resource not found", e.awsErrorDetails().errorMessage());
    }

    @Test
    void anUnmodeledRefusalIsTheGenericExceptionWithItsCode() {
        FakeDriver driver = new FakeDriver(op -> {
            throw new SdkError("AccessDeniedException", 400, "KMS key access denied error", "DynamoDBServiceException");
        });
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> client(driver).getItem(b -> b.tableName("t")));
        assertEquals(DynamoDbException.class, e.getClass());
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertEquals("HTTP 400 AccessDeniedException: KMS key access denied error", Outcome.of(() -> client(driver).getItem(b -> b.tableName("t"))).toString());
    }

    @Test
    void aServerErrorOrNoAnswerIsATargetFaultNeverARefusal() {
        for (SdkError error : List.of(new SdkError("InternalServerError", 500, "boom", "DynamoDBServiceException"),
                new SdkError("DriverError", 0, "ECONNRESET", "Error"), new SdkError("", 400, "no code", "ClientError"))) {
            FakeDriver driver = new FakeDriver(op -> {
                throw error;
            });
            TargetFault f = assertThrows(TargetFault.class, () -> Outcome.of(() -> client(driver).putItem(b -> b.tableName("t"))));
            assertTrue(f.getMessage().startsWith(TargetFault.PREFIX + " dynamodb PutItem: "), f.getMessage());
            assertInstanceOf(SdkError.class, f.getCause());
        }
    }

    @Test
    void aFailureOfTheDriverItselfIsAKitFaultNeitherAFailureNorTheTargets() {
        for (RuntimeException failure : List.of(new DriverFailure("the driver ended without answering"),
                new IllegalArgumentException("no operation GetItem on dynamodb"))) {
            FakeDriver driver = new FakeDriver(op -> {
                throw failure;
            });
            KitFault f = assertThrows(KitFault.class, () -> Outcome.of(() -> client(driver).getItem(b -> b.tableName("t"))));
            assertTrue(f.getMessage().startsWith(KitFault.PREFIX + " dynamodb GetItem: the fake driver failed: "), f.getMessage());
            assertTrue(f.getMessage().endsWith("(scenario of EAR-ENC-004)"), f.getMessage());
            assertEquals(failure, f.getCause());
        }
    }

    @Test
    void aRequestTheToolCannotSayMakesTheScenarioNotApplicableWithTheReason() {
        FakeDriver driver = new FakeDriver(op -> {
            throw new UnsupportedRequest("the request's Item.b.B holds 2 bytes that are not valid UTF-8");
        });
        // Not a refusal, not a target fault, not a kit fault: the scenario is aborted (reported skipped, with the reason).
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> Outcome.of(() -> client(driver).putItem(b -> b.tableName("t"))));
        assertEquals("not applicable through fake: dynamodb PutItem cannot be sent: the request's Item.b.B holds 2 "
                + "bytes that are not valid UTF-8", e.getMessage());
    }
}
