package earkit.reference.protocol;

/** A service spoken as AWS JSON over {@code POST /}, chosen by the prefix of {@code X-Amz-Target}. */
public interface JsonService {
    /** e.g. {@code DynamoDB_20120810}, {@code TrentService}. */
    String targetPrefix();

    /** {@code application/x-amz-json-1.0} or {@code 1.1}. */
    String contentType();

    /** What precedes the error code in {@code __type}; the SDKs keep what follows the {@code #}. */
    default String errorTypePrefix() {
        return "";
    }

    /** The SigV4 signing name, used in the audit (e.g. {@code dynamodb}, {@code kms}). */
    String signingName();

    Operations operations();
}
