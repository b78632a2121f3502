package earkit.reference.reliability;

import java.util.List;
import software.amazon.awssdk.core.SdkPojo;

/** One AWS JSON service as the fuzzer sees it: how to address and sign it, and its operations' shapes. */
record FuzzTarget(String name, String targetPrefix, String signingName, String contentType, String modelPackage,
                  List<String> operations) {

    static final FuzzTarget DYNAMODB = new FuzzTarget("DynamoDB", "DynamoDB_20120810", "dynamodb",
            "application/x-amz-json-1.0", "software.amazon.awssdk.services.dynamodb.model",
            List.of("CreateTable", "DescribeTable", "UpdateTable", "DeleteTable", "ListTables", "PutItem", "GetItem",
                    "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem",
                    "CreateBackup", "DescribeBackup", "ListBackups", "DeleteBackup", "RestoreTableFromBackup",
                    "TagResource", "UntagResource", "ListTagsOfResource", "DescribeTimeToLive", "UpdateTimeToLive",
                    "TransactWriteItems", "TransactGetItems", "DescribeStream", "ExecuteStatement", "BatchExecuteStatement",
                    "ExecuteTransaction",
                    "Unknown"));

    static final FuzzTarget STREAMS = new FuzzTarget("Streams", "DynamoDBStreams_20120810", "dynamodb",
            "application/x-amz-json-1.0", "software.amazon.awssdk.services.dynamodb.model",
            List.of("ListStreams", "DescribeStream", "GetShardIterator", "GetRecords", "PutItem", "Unknown"));

    static final FuzzTarget KMS = new FuzzTarget("KMS", "TrentService", "kms", "application/x-amz-json-1.1",
            "software.amazon.awssdk.services.kms.model",
            List.of("CreateKey", "DescribeKey", "ListKeys", "UpdateKeyDescription", "EnableKey", "DisableKey",
                    "ScheduleKeyDeletion", "CancelKeyDeletion", "EnableKeyRotation", "DisableKeyRotation",
                    "GetKeyRotationStatus", "RotateKeyOnDemand", "ListKeyRotations", "Encrypt", "Decrypt", "ReEncrypt",
                    "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "CreateAlias", "UpdateAlias", "DeleteAlias",
                    "ListAliases", "CreateGrant", "ListGrants", "ListRetirableGrants", "RetireGrant", "RevokeGrant",
                    "GetKeyPolicy", "PutKeyPolicy", "ListKeyPolicies", "TagResource", "UntagResource",
                    "ListResourceTags", "Sign", "GenerateRandom", "Unknown"));

    static final FuzzTarget CLOUDTRAIL = new FuzzTarget("CloudTrail",
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101", "cloudtrail", "application/x-amz-json-1.1",
            "software.amazon.awssdk.services.cloudtrail.model",
            List.of("LookupEvents", "CreateTrail", "StartLogging", "GetTrail", "Unknown"));

    static final FuzzTarget LOGS = new FuzzTarget("CloudWatch Logs", "Logs_20140328", "logs", "application/x-amz-json-1.1",
            "software.amazon.awssdk.services.cloudwatchlogs.model",
            List.of("CreateLogGroup", "DescribeLogGroups", "DescribeLogStreams", "GetLogEvents", "FilterLogEvents",
                    "PutLogEvents", "Unknown"));

    /** An empty builder of the operation's request shape; an empty shape for operations the SDK does not know. */
    SdkPojo shape(String operation) {
        try {
            Class<?> c = Class.forName(modelPackage + "." + operation + "Request");
            return (SdkPojo) c.getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            return software.amazon.awssdk.services.dynamodb.model.ListTablesRequest.builder();
        }
    }
}
