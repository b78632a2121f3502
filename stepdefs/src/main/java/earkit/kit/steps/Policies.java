package earkit.kit.steps;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Key policies the scenarios put on keys (the customer's own full-control policy), and what they read in one. */
final class Policies {
    private Policies() {
    }

    static String fullControl(String account) {
        return """
                {"Version":"2012-10-17","Id":"earkit-full-control","Statement":[{"Sid":"Enable IAM policies",\
                "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kms:*","Resource":"*"}]}"""
                .formatted(account);
    }

    /**
     * Whether a key policy lets DynamoDB use the key, as the AWS managed key's policy does (AWS KMS Developer Guide:
     * How Amazon DynamoDB uses AWS KMS): an Allow statement conditioned on {@code kms:ViaService} naming DynamoDB,
     * or one for the service principal {@code dynamodb.amazonaws.com}. A policy that is not JSON lets nobody.
     */
    static boolean letsDynamoDbUse(String policy) {
        JsonNode root;
        try {
            root = policy == null ? null : ControlClient.JSON.readTree(policy);
        } catch (IOException notJson) {
            return false;
        }
        if (root == null) {
            return false;
        }
        for (JsonNode statement : list(root.path("Statement"))) {
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            for (JsonNode operator : iterable(statement.path("Condition"))) {
                for (JsonNode service : list(operator.path("kms:ViaService"))) {
                    if (service.asText().matches("dynamodb\\.([a-z0-9-]+|\\*)\\.amazonaws\\.com")) {
                        return true;
                    }
                }
            }
            for (JsonNode principal : list(statement.path("Principal").path("Service"))) {
                if (principal.asText().equals("dynamodb.amazonaws.com")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** IAM allows a single value where a list is meant. */
    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> l = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(l::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            l.add(node);
        }
        return l;
    }

    private static List<JsonNode> iterable(JsonNode object) {
        List<JsonNode> l = new ArrayList<>();
        object.elements().forEachRemaining(l::add);
        return l;
    }
}
