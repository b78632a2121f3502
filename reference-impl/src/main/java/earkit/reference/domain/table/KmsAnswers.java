package earkit.reference.domain.table;

import earkit.reference.domain.DomainException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What a KMS error means to DynamoDB, and how DynamoDB words it: a refusal of the key itself (the table becomes
 * inaccessible), trouble that says nothing about the key (try again later), or a refusal of a table's creation or
 * key switch, quoted in the SDK for Java v1 style that DynamoDB's answers show.
 */
final class KmsAnswers {
    /** KMS answers that mean DynamoDB may not use the key (DynamoDB Developer Guide: Encryption at rest: How it works). */
    private static final Set<String> KEY_LOST = Set.of("DisabledException", "KMSInvalidStateException",
            "AccessDeniedException", "NotFoundException");
    private static final Set<String> MODELED = Set.of("DisabledException", "KMSInvalidStateException",
            "NotFoundException", "InvalidCiphertextException", "KeyUnavailableException", "InvalidArnException",
            "InvalidKeyUsageException", "InvalidGrantTokenException", "DependencyTimeoutException",
            "KMSInternalException", "LimitExceededException", "IncorrectKeyException");
    /** KMS answers that say nothing about the key: try again later (AWS KMS API Reference: Common Errors). */
    private static final Set<String> TRANSIENT = Set.of("ThrottlingException", "KMSInternalException",
            "DependencyTimeoutException", "KeyUnavailableException", "LimitExceededException");

    private KmsAnswers() {
    }

    static boolean keyLost(String code) {
        return KEY_LOST.contains(code);
    }

    static boolean transientFailure(String code) {
        return TRANSIENT.contains(code);
    }

    /** A KMS call made to create a table key or check a key: its refusal refuses the DynamoDB request. */
    static <T> T creating(Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if ("AccessDeniedException".equals(code)) {
                throw new DomainException("AccessDeniedException", "KMS key access denied error: " + v1Message(e));
            }
            throw DomainException.validation("KMS validation error: " + v1Message(e));
        } catch (SdkClientException e) {
            throw DomainException.internal("KMS unreachable: " + e.getMessage());
        }
    }

    /** KMS errors as DynamoDB words them (its SDK for Java v1 style, as its answers quote them: "KMS key access denied error: com.amazonaws.services.kms.model..."). */
    static String v1Message(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "Unknown" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String type = MODELED.contains(code) ? code : "AWSKMSException";
        return "com.amazonaws.services.kms.model." + type + ": " + message + " (Service: AWSKMS; Status Code: "
                + e.statusCode() + "; Error Code: " + code + "; Request ID: " + e.requestId() + "; Proxy: null)";
    }
}
