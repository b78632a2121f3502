package earkit.sdkcompat;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.AmazonWebServiceClient;
import com.amazonaws.ClientConfiguration;
import com.amazonaws.SdkClientException;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.cloudtrail.AWSCloudTrailClientBuilder;
import com.amazonaws.services.logs.AWSLogsClientBuilder;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBStreamsClientBuilder;
import com.amazonaws.services.kms.AWSKMSClientBuilder;
import com.amazonaws.util.VersionInfoUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS SDK for Java v1 in this JVM behind the driver protocol: an operation is the client method of that name,
 * its request and result beans read and written by {@link BeanWireJson}. The SDK's default client configuration
 * (Apache HttpClient, a pool of 50 connections) is what applications still on v1 run with.
 */
public final class JavaV1Driver implements SdkDriver {
    private static final Map<String, String> MODEL_PACKAGES = Map.of(
            "dynamodb", "com.amazonaws.services.dynamodbv2.model.",
            "streams", "com.amazonaws.services.dynamodbv2.model.",
            "kms", "com.amazonaws.services.kms.model.",
            "cloudtrail", "com.amazonaws.services.cloudtrail.model.",
            "logs", "com.amazonaws.services.logs.model.");
    static {
        // The SDK prints its end-of-support notice with a stack trace at first use unless this documented property
        // is set; in the kit's console it would read like a failure.
        if (System.getProperty("aws.java.v1.disableDeprecationAnnouncement") == null) {
            System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        }
    }

    private final DriverSettings settings;
    private final Map<String, Object> clients = new LinkedHashMap<>();

    public JavaV1Driver(DriverSettings settings) {
        this.settings = settings;
    }

    @Override
    public JsonNode call(String service, String operation, JsonNode input) {
        Object client = clients.computeIfAbsent(service, this::client);
        try {
            Class<?> requestClass = Class.forName(MODEL_PACKAGES.get(service) + operation + "Request");
            Method method = client.getClass().getMethod(Character.toLowerCase(operation.charAt(0)) + operation.substring(1), requestClass);
            return BeanWireJson.toJson(method.invoke(client, BeanWireJson.fromJson(input, requestClass)));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof AmazonServiceException s) {
                throw new SdkError(s.getErrorCode(), s.getStatusCode(), s.getErrorMessage(), s.getClass().getSimpleName());
            }
            if (e.getCause() instanceof SdkClientException c) {
                throw new SdkError("DriverError", 0, String.valueOf(c.getMessage()), c.getClass().getSimpleName());
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no operation " + operation + " on " + service, e);
        }
    }

    private Object client(String service) {
        return switch (service) {
            case "dynamodb" -> configure(AmazonDynamoDBClientBuilder.standard()).build();
            case "streams" -> configure(AmazonDynamoDBStreamsClientBuilder.standard()).build();
            case "kms" -> configure(AWSKMSClientBuilder.standard()).build();
            case "cloudtrail" -> configure(AWSCloudTrailClientBuilder.standard()).build();
            case "logs" -> configure(AWSLogsClientBuilder.standard()).build();
            default -> throw new IllegalArgumentException("unknown service " + service);
        };
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        ClientConfiguration c = new ClientConfiguration();
        if (!settings.retries()) {
            c.setMaxErrorRetry(0);
        }
        settings.callTimeout().ifPresent(t -> c.setClientExecutionTimeout((int) t.toMillis()));
        if (settings.maxConnections() > 0) {
            c.setMaxConnections(settings.maxConnections());
        }
        if (!settings.keepAlive()) {
            c.addHeader("Connection", "close");
        }
        return builder.withEndpointConfiguration(new EndpointConfiguration(settings.endpoint().toString(), settings.region()))
                .withClientConfiguration(c)
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(settings.accessKeyId(),
                        settings.secretAccessKey())));
    }

    @Override
    public JsonNode info() {
        return JsonNodeFactory.instance.objectNode().put("name", "AWS SDK for Java v1").put("version", VersionInfoUtils.getVersion())
                .put("runtime", "Java " + Runtime.version())
                .put("http", "Apache HttpClient 4 (the SDK's default ClientConfiguration: pool of 50 connections, keep-alive)");
    }

    @Override
    public void close() {
        clients.values().forEach(c -> ((AmazonWebServiceClient) c).shutdown());
    }
}
