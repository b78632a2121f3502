package earkit.reference.service.dynamodb.partiql;

import earkit.reference.json.ShapeException;
import earkit.reference.json.ShapeReader;
import earkit.reference.json.ShapeWriter;
import earkit.reference.protocol.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * ExecuteStatement's NextToken: where the previous page of a SELECT stopped (its last evaluated key), bound to the
 * statement and parameters that produced it so that a token is never applied to another read.
 */
public final class NextTokens {
    private static final int BINDING = 16;

    private NextTokens() {
    }

    public static String of(ExecuteStatementRequest r, Map<String, AttributeValue> lastKey) {
        byte[] key = ShapeWriter.write(GetItemResponse.builder().item(lastKey).build());
        byte[] token = Arrays.copyOf(binding(r), BINDING + key.length);
        System.arraycopy(key, 0, token, BINDING, key.length);
        return Base64.getEncoder().encodeToString(token);
    }

    /** The key to start after; refused when the token is not one this statement and these parameters were given. */
    public static Map<String, AttributeValue> start(ExecuteStatementRequest r) {
        try {
            byte[] token = Base64.getDecoder().decode(r.nextToken());
            if (token.length > BINDING && MessageDigest.isEqual(Arrays.copyOf(token, BINDING), binding(r))) {
                Map<String, AttributeValue> key = ShapeReader.read(Arrays.copyOfRange(token, BINDING, token.length),
                        GetItemResponse::builder).item();
                if (key != null && !key.isEmpty()) {
                    return key;
                }
            }
        } catch (IllegalArgumentException | ShapeException e) {
            // not a token of ours: refused below
        }
        throw ApiException.validation("Invalid NextToken");
    }

    private static byte[] binding(ExecuteStatementRequest r) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(r.statement().getBytes(StandardCharsets.UTF_8));
            List<AttributeValue> params = r.hasParameters() ? r.parameters() : List.of();
            for (AttributeValue p : params) {
                d.update((byte) 0);
                d.update(ShapeWriter.write(GetItemResponse.builder().item(Map.of("p", p)).build()));
            }
            return Arrays.copyOf(d.digest(), BINDING);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
