package earkit.reference.protocol;

import java.util.List;

/**
 * A service spoken as AWS JSON over {@code POST /}, chosen by the prefix of {@code X-Amz-Target}.
 *
 * @param targetPrefix    e.g. {@code DynamoDB_20120810}, {@code TrentService}
 * @param contentType     {@code application/x-amz-json-1.0} or {@code 1.1}
 * @param errorTypePrefix what precedes the error code in {@code __type}; the SDKs keep what follows the {@code #}
 * @param signingName     the SigV4 signing name, used in the audit (e.g. {@code dynamodb}, {@code kms})
 * @param otherPrefixes   further prefixes the service answers to: SDKs built from different generations of a
 *                        service's model send different ones (CloudTrail: the older models' fully qualified
 *                        name, the Smithy models' shape name)
 */
public record JsonService(String targetPrefix, String contentType, String errorTypePrefix, String signingName,
                          Operations operations, List<String> otherPrefixes) {

    public JsonService {
        otherPrefixes = List.copyOf(otherPrefixes);
    }

    /** AWS JSON 1.0, the dialect of DynamoDB and DynamoDB Streams. */
    public static JsonService json10(String targetPrefix, String errorTypePrefix, String signingName, Operations operations) {
        return new JsonService(targetPrefix, "application/x-amz-json-1.0", errorTypePrefix, signingName, operations, List.of());
    }

    /** AWS JSON 1.1, the dialect of KMS and CloudTrail; their error codes go unprefixed. */
    public static JsonService json11(String targetPrefix, String signingName, Operations operations) {
        return new JsonService(targetPrefix, "application/x-amz-json-1.1", "", signingName, operations, List.of());
    }

    /** This service, also answering to {@code prefix}. */
    public JsonService alsoAnswering(String prefix) {
        List<String> all = new java.util.ArrayList<>(otherPrefixes);
        all.add(prefix);
        return new JsonService(targetPrefix, contentType, errorTypePrefix, signingName, operations, all);
    }

    /** Every prefix of {@code X-Amz-Target} this service answers to. */
    public List<String> targetPrefixes() {
        List<String> all = new java.util.ArrayList<>(otherPrefixes.size() + 1);
        all.add(targetPrefix);
        all.addAll(otherPrefixes);
        return all;
    }
}
