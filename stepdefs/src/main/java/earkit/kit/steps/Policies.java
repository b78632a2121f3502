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

    /** What DynamoDB needs of a key to use it for a table (AWS KMS Developer Guide: How Amazon DynamoDB uses AWS KMS). */
    static final List<String> DYNAMODB_ACTIONS = List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant",
            "kms:DescribeKey");

    /**
     * Whether a key policy lets the account's principals use the key through DynamoDB, as the AWS managed key's
     * policy does (AWS KMS Developer Guide: How Amazon DynamoDB uses AWS KMS): one Allow statement for every
     * principal ({@code "*"}) or the account, whose actions cover {@link #DYNAMODB_ACTIONS}, conditioned on
     * {@code kms:CallerAccount} = the account and on {@code kms:ViaService} = {@code dynamodb.<region>.amazonaws.com}
     * ({@code StringEquals}, or a {@code StringLike} pattern such as {@code dynamodb.*.amazonaws.com} that matches it and
     * no other service), and no unconditioned Deny of those actions. Returns what is missing, empty when nothing is.
     */
    static List<String> dynamoDbUseProblems(String policy, String account, String region) {
        JsonNode root;
        try {
            root = policy == null ? null : ControlClient.JSON.readTree(policy);
        } catch (IOException notJson) {
            return List.of("the policy is not JSON");
        }
        if (root == null || !root.isObject()) {
            return List.of("the policy is not a JSON object");
        }
        List<String> closest = null;
        for (JsonNode statement : list(root.path("Statement"))) {
            if ("Deny".equals(statement.path("Effect").asText()) && statement.path("Condition").isMissingNode()
                    && DYNAMODB_ACTIONS.stream().anyMatch(a -> covers(statement.path("Action"), a))) {
                return List.of("statement " + statement.path("Sid").asText("(no Sid)") + " denies DynamoDB's actions unconditionally");
            }
        }
        for (JsonNode statement : list(root.path("Statement"))) {
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            List<String> principals = list(statement.path("Principal").path("AWS")).stream().map(JsonNode::asText).toList();
            if (!statement.path("Principal").asText("").equals("*") && principals.stream().noneMatch(p -> p.equals("*")
                    || p.equals(account) || p.equals("arn:aws:iam::" + account + ":root"))) {
                problems.add("Principal is not every principal (\"*\") nor the account " + account);
            }
            for (String action : DYNAMODB_ACTIONS) {
                if (!covers(statement.path("Action"), action)) {
                    problems.add("Action does not cover " + action);
                }
            }
            JsonNode condition = statement.path("Condition");
            if (!values(condition, "StringEquals", "kms:CallerAccount").equals(List.of(account))) {
                problems.add("no condition StringEquals kms:CallerAccount = " + account);
            }
            String via = "dynamodb." + region + ".amazonaws.com";
            List<String> exact = values(condition, "StringEquals", "kms:ViaService");
            List<String> like = values(condition, "StringLike", "kms:ViaService");
            boolean viaDynamoDb = !exact.isEmpty() && exact.stream().allMatch(v -> v.matches("dynamodb\\.[a-z0-9-]+\\.amazonaws\\.com"))
                    && exact.contains(via)
                    || exact.isEmpty() && !like.isEmpty() && like.stream().anyMatch(p -> glob(p, via))
                    && like.stream().noneMatch(p -> glob(p, "s3." + region + ".amazonaws.com") || glob(p, "dynamodb." + region + ".evil.example"));
            if (!viaDynamoDb) {
                problems.add("no condition kms:ViaService = " + via + " (StringEquals) or a StringLike pattern for DynamoDB alone");
            }
            if (problems.isEmpty()) {
                return List.of();
            }
            if (closest == null || problems.size() < closest.size()) {
                closest = problems;
            }
        }
        return closest == null ? List.of("no Allow statement") : closest;
    }

    /** Whether an IAM Action element (a string or a list, {@code *} and {@code ?} wildcards) covers {@code action}. */
    static boolean covers(JsonNode actions, String action) {
        return list(actions).stream().anyMatch(a -> glob(a.asText().toLowerCase(java.util.Locale.ROOT), action.toLowerCase(java.util.Locale.ROOT)));
    }

    /** IAM's wildcard match: {@code *} any run of characters, {@code ?} one character, everything else literal. */
    static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            regex.append(ch == '*' ? ".*" : ch == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(ch)));
        }
        return value.matches(regex.toString());
    }

    private static List<String> values(JsonNode condition, String operator, String key) {
        return list(condition.path(operator).path(key)).stream().map(JsonNode::asText).toList();
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
}
