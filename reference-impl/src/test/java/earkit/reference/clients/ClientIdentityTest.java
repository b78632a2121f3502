package earkit.reference.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SDK line, HTTP client and version the report takes from the User-Agents the SDKs really send. */
class ClientIdentityTest {
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=00";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "aws-sdk-java/2.36.2 md/io#sync md/http#Apache ua/2.1 api/DynamoDb#2.36.2 os/Linux#6.8 lang/java#17.0.16 | aws-sdk-java/2.x | Apache | AWS SDK for Java v2 | 2.36.2",
        "aws-sdk-java/1.12.797 Linux/6.8 OpenJDK_64-Bit_Server_VM/17.0.16+8 java/17.0.16 vendor/Eclipse_Adoptium cfg/retry-mode/legacy | aws-sdk-java/1.x | '' | AWS SDK for Java v1 | 1.12.797",
        "aws-sdk-js/3.1177.0 ua/2.1 os/linux#6.8 lang/js md/nodejs#20.20.2 api/dynamodb#3.1178.0 m/E,N | aws-sdk-js/3.x | '' | AWS SDK for JavaScript v3 | 3.1177.0",
        "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.8 md/arch#x86_64 lang/python#3.12.3 cfg/retry-mode#legacy Botocore/1.43.11 | boto3 | '' | AWS SDK for Python (boto3) | 1.43.11",
        "aws-cli/1.45.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.8 md/arch#x86_64 lang/python#3.12.3 | aws-cli | '' | AWS CLI | 1.45.11",
        "curl/8.5.0 | curl | '' | unknown SDK | 8.5.0",
    })
    void userAgentsOfTheSdks(String userAgent, String sdk, String http, String name, String version) {
        ClientIdentity who = ClientIdentity.of(AUTHORIZATION, userAgent);
        assertEquals(List.of("AKIDEXAMPLE", sdk, http, name, version),
                List.of(who.accessKey(), who.sdk(), who.http(), who.family().displayName, ClientIdentity.version(userAgent)));
    }
}
