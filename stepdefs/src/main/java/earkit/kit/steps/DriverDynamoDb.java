package earkit.kit.steps;

import com.fasterxml.jackson.databind.JsonNode;
import earkit.sdkcompat.DriverSettings;
import earkit.sdkcompat.PojoWireJson;
import earkit.sdkcompat.SdkConfiguration;
import earkit.sdkcompat.SdkDriver;
import earkit.sdkcompat.SdkError;
import earkit.sdkcompat.UnsupportedRequest;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;

/**
 * A DynamoDB client whose calls go through another SDK's driver ({@code kit run --sdk}): the steps keep calling the
 * Java v2 interface, and each operation's request travels as its wire JSON to the driver, whose SDK sends it; the
 * answer comes back into the Java v2 response, and a refusal into the Java v2 exception of that error code, so that
 * every step judges every SDK the same way. An answer that is no documented refusal (HTTP 5xx, no error code, no
 * answer at all) becomes a {@link TargetFault}, as {@link TargetFaults} does for the kit's own clients; a failure of
 * the driver itself (its process died, it answered garbage, it could not send the request) a {@link KitFault}. A
 * request the SDK's tool cannot express ({@link UnsupportedRequest}: the AWS CLI v1 and a binary value that is not
 * UTF-8) aborts the scenario as not applicable for that column, with the reason.
 */
final class DriverDynamoDb implements InvocationHandler {
    public static final String PROPERTY = "kit.sdk";
    private static final String MODEL = DynamoDbException.class.getPackageName() + ".";
    private final SdkDriver driver;
    private final TargetFaults faults;
    private final RequestHistory history;
    private final String connection;

    private DriverDynamoDb(SdkDriver driver, TargetFaults faults, RequestHistory history, String connection) {
        this.driver = driver;
        this.faults = faults;
        this.history = history;
        this.connection = connection;
    }

    /** The SDK {@code kit run --sdk} chose for this run (system property {@code kit.sdk}); empty: the kit's own Java v2. */
    static Optional<SdkConfiguration> selected() {
        String label = System.getProperty(PROPERTY, "");
        if (label.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(SdkConfiguration.byLabel(label).orElseThrow(() -> new IllegalStateException(
                "unknown SDK '" + label + "'; known: " + SdkConfiguration.known())));
    }

    /**
     * A new driver of the selected SDK for one client of the scenario; a kept-alive client's pool holds one connection,
     * as the kit's own client's does, since "one kept-alive connection" is what the scenario asks of it.
     */
    static DynamoDbClient open(SdkConfiguration sdk, URI endpoint, String region, AwsCredentials credentials, boolean keepAlive,
                               Duration callTimeout, TargetFaults faults, RequestHistory history, String connection) {
        SdkDriver driver = sdk.open(new DriverSettings(endpoint, region, credentials.accessKeyId(), credentials.secretAccessKey(),
                keepAlive, false, Optional.of(callTimeout), keepAlive ? 1 : 0));
        return client(driver, faults, history, connection);
    }

    /** The client; closing it ends the driver. */
    static DynamoDbClient client(SdkDriver driver, TargetFaults faults, RequestHistory history, String connection) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                new DriverDynamoDb(driver, faults, history, connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "DynamoDB through " + driver.info().path("name").asText() + " (" + connection + ")";
            };
        }
        switch (method.getName()) {
            case "close" -> {
                driver.close();
                return null;
            }
            case "serviceName" -> {
                return DynamoDbClient.SERVICE_NAME;
            }
            default -> {
                // fall through to the operations
            }
        }
        if (args != null && args.length == 1 && args[0] instanceof SdkRequest request) {
            return call(method, (SdkPojo) request);
        }
        if (method.isDefault()) {
            // Consumer-builder and no-argument forms and paginators: the interface's own code, which comes back here.
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        throw new UnsupportedOperationException(method.getName() + " is not available through an SDK driver");
    }

    private Object call(Method method, SdkPojo request) throws ReflectiveOperationException {
        String operation = Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
        JsonNode input = PojoWireJson.toJson(request);
        Instant wall = Instant.now();
        long start = System.nanoTime();
        JsonNode output;
        try {
            output = driver.call("dynamodb", operation, input);
        } catch (SdkError e) {
            history.add("dynamodb", operation, e.httpStatus() == 0 ? null : e.httpStatus(), e.code(), null, connection,
                    history.virtualNow(), wall, (System.nanoTime() - start) / 1_000_000, bytes(input), null);
            throw refusalOrFault(operation, e);
        } catch (UnsupportedRequest e) {
            // Never sent: the tool cannot say this request, which judges neither the target nor the kit.
            String version = driver.info().path("version").asText("");
            return Assumptions.abort("not applicable through " + driverName() + (version.isBlank() ? "" : " " + version)
                    + ": dynamodb " + operation + " cannot be sent: " + e.getMessage());
        } catch (RuntimeException e) {
            // Not the SDK's answer: the kit's own driver failed, which says nothing of the target.
            history.add("dynamodb", operation, null, "KitError", null, connection, history.virtualNow(), wall,
                    (System.nanoTime() - start) / 1_000_000, bytes(input), null);
            throw faults.kitFault("dynamodb " + operation, "the " + driverName() + " driver failed: " + e.getMessage(), e);
        }
        history.add("dynamodb", operation, 200, null, null, connection, history.virtualNow(), wall,
                (System.nanoTime() - start) / 1_000_000, bytes(input), bytes(output));
        SdkPojo builder = (SdkPojo) method.getReturnType().getMethod("builder").invoke(null);
        ((DynamoDbResponse.Builder) builder).sdkHttpResponse(SdkHttpResponse.builder().statusCode(200).build());
        return PojoWireJson.build(builder, output, false);
    }

    private RuntimeException refusalOrFault(String operation, SdkError e) {
        String call = "dynamodb " + operation;
        if (e.httpStatus() == 0 || e.httpStatus() >= 500 || e.code() == null || e.code().isBlank()) {
            throw faults.fault(call, (e.httpStatus() == 0 ? "no answer through the SDK driver" : "HTTP " + e.httpStatus())
                    + ": " + e.getMessage(), e);
        }
        AwsServiceException.Builder b = modeled(e.code());
        b.awsErrorDetails(AwsErrorDetails.builder().errorCode(e.code()).errorMessage(e.serviceMessage()).serviceName("DynamoDb")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(e.httpStatus()).build()).build())
                .statusCode(e.httpStatus()).message(e.serviceMessage());
        return (RuntimeException) b.build();
    }

    /** The Java v2 exception the code names when DynamoDB's model has it, else the generic one, as the SDK does. */
    private static AwsServiceException.Builder modeled(String code) {
        try {
            Class<?> c = Class.forName(MODEL + code);
            if (DynamoDbException.class.isAssignableFrom(c)) {
                return (AwsServiceException.Builder) c.getMethod("builder").invoke(null);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // not a modeled error: the generic exception below
        }
        return DynamoDbException.builder();
    }

    private String driverName() {
        JsonNode info = driver.info();
        return info == null ? "SDK" : info.path("name").asText("SDK");
    }

    private static byte[] bytes(JsonNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
