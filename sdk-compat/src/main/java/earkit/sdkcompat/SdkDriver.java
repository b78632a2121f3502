package earkit.sdkcompat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS SDK, configured one way, reached through the driver protocol (docs/sdk-compatibility.md): a call names
 * the service ({@code dynamodb}, {@code streams}, {@code kms}, {@code cloudtrail}) and the operation, and carries
 * the input in the service's JSON wire shape; the answer is the output in the same shape, or the {@link SdkError}
 * the SDK raised. The same checks then serve every SDK.
 */
public interface SdkDriver extends AutoCloseable {

    /** The output of a call the service accepted; throws {@link SdkError} for one it refused. */
    JsonNode call(String service, String operation, JsonNode input);

    /** The SDK's name, version, runtime and HTTP configuration, as the report shows them. */
    JsonNode info();

    @Override
    void close();
}
