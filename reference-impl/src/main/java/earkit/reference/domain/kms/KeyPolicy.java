package earkit.reference.domain.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.reference.domain.DomainException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A key policy and the part of IAM policy evaluation KMS needs: Allow/Deny statements with
 * {@code Principal} (AWS ARNs, account roots, {@code *}, Service), {@code Action} with wildcards and
 * {@code Condition} {@code StringEquals}/{@code StringLike} on {@code kms:CallerAccount} and
 * {@code kms:ViaService}. A condition this evaluator does not know never matches, so an unknown
 * condition can neither grant access (Allow) nor be relied on (Deny). A statement naming the account
 * root delegates to IAM, which here is {@link Caller#iamAdmin()}.
 */
public final class KeyPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Decision { ALLOW, EXPLICIT_DENY, NO_ALLOW }

    private final JsonNode statements;

    private KeyPolicy(JsonNode statements) {
        this.statements = statements;
    }

    /** Parses a policy document; {@code MalformedPolicyDocumentException} when it is not one. */
    public static KeyPolicy parse(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw malformed("The policy is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw malformed("The policy must be a JSON object");
        }
        JsonNode st = root.get("Statement");
        if (st == null || !(st.isArray() || st.isObject()) || st.isEmpty()) {
            throw malformed("The policy must contain at least one Statement");
        }
        for (JsonNode s : st.isArray() ? st : JSON.createArrayNode().add(st)) {
            String effect = s.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                throw malformed("Every statement needs Effect Allow or Deny");
            }
            if (!s.has("Principal") && !s.has("NotPrincipal")) {
                throw malformed("Policy contains a statement with no principal.");
            }
            if (!s.has("Action") && !s.has("NotAction")) {
                throw malformed("Policy contains a statement with no action.");
            }
        }
        return new KeyPolicy(st.isArray() ? st : JSON.createArrayNode().add(st));
    }

    private static DomainException malformed(String message) {
        return new DomainException("MalformedPolicyDocumentException", message);
    }

    public static String defaultPolicy(String accountId) {
        return "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::" + accountId + ":root\"\n    },\n"
                + "    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}";
    }

    /** The policy of {@code aws/dynamodb} as a current account shows it (id {@code auto-dynamodb-3}). */
    public static String dynamoDbManagedPolicy(String accountId) {
        return "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"auto-dynamodb-3\",\n  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Allow access through Amazon DynamoDB for all principals in the account that are authorized to use Amazon DynamoDB\",\n"
                + "    \"Effect\" : \"Allow\",\n    \"Principal\" : {\n      \"AWS\" : \"*\"\n    },\n"
                + "    \"Action\" : [ \"kms:Encrypt\", \"kms:Decrypt\", \"kms:ReEncrypt*\", \"kms:GenerateDataKey*\", \"kms:CreateGrant\", \"kms:DescribeKey\" ],\n"
                + "    \"Resource\" : \"*\",\n    \"Condition\" : {\n"
                + "      \"StringEquals\" : {\n        \"kms:CallerAccount\" : \"" + accountId + "\"\n      },\n"
                + "      \"StringLike\" : {\n        \"kms:ViaService\" : \"dynamodb.*.amazonaws.com\"\n      }\n    }\n  }, {\n"
                + "    \"Sid\" : \"Allow direct access to key metadata to the account\",\n    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::" + accountId + ":root\"\n    },\n"
                + "    \"Action\" : [ \"kms:Describe*\", \"kms:Get*\", \"kms:List*\", \"kms:RevokeGrant\" ],\n    \"Resource\" : \"*\"\n  }, {\n"
                + "    \"Sid\" : \"Allow DynamoDB Service with service principal name dynamodb.amazonaws.com to describe the key directly\",\n"
                + "    \"Effect\" : \"Allow\",\n    \"Principal\" : {\n      \"Service\" : \"dynamodb.amazonaws.com\"\n    },\n"
                + "    \"Action\" : [ \"kms:Describe*\", \"kms:Get*\", \"kms:List*\" ],\n    \"Resource\" : \"*\"\n  } ]\n}";
    }

    /** The managed policy with the kms:CallerAccount condition taken out (the MANAGED_POLICY_ANY_ACCOUNT fault). */
    public static String withoutCallerAccount(String policy) {
        try {
            JsonNode root = JSON.readTree(policy);
            for (JsonNode s : root.path("Statement")) {
                for (JsonNode operator : s.path("Condition")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) operator).remove("kms:CallerAccount");
                }
                if (s.path("Condition").path("StringEquals").isEmpty() && s.has("Condition")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("Condition")).remove("StringEquals");
                }
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Evaluates {@code kms:<action>} for {@code caller}; an explicit Deny wins over any Allow. */
    public Decision evaluate(Caller caller, String action) {
        boolean allowed = false;
        for (JsonNode s : statements) {
            if (!principalMatches(s.get("Principal"), caller) || !actionMatches(s.get("Action"), "kms:" + action)
                    || !conditionsMatch(s.get("Condition"), caller)) {
                continue;
            }
            if (s.path("Effect").asText().equals("Deny")) {
                return Decision.EXPLICIT_DENY;
            }
            allowed = true;
        }
        return allowed ? Decision.ALLOW : Decision.NO_ALLOW;
    }

    private static boolean principalMatches(JsonNode principal, Caller caller) {
        if (principal == null) {
            return false; // NotPrincipal is not evaluated: such a statement never applies
        }
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        if (caller.serviceOnly()) {
            return values(principal.get("Service")).contains(Caller.SERVICE_PRINCIPAL);
        }
        for (String p : values(principal.get("AWS"))) {
            if (p.equals("*") || p.equals(caller.arn())) {
                return true;
            }
            boolean root = p.equals(caller.accountId()) || p.equals("arn:aws:iam::" + caller.accountId() + ":root");
            if (root && caller.iamAdmin()) {
                return true;
            }
        }
        return false;
    }

    private static boolean actionMatches(JsonNode action, String wanted) {
        for (String a : values(action)) {
            if (wildcard(a).matcher(wanted).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsMatch(JsonNode condition, Caller caller) {
        if (condition == null || condition.isNull()) {
            return true;
        }
        Iterator<Map.Entry<String, JsonNode>> ops = condition.fields();
        while (ops.hasNext()) {
            Map.Entry<String, JsonNode> op = ops.next();
            boolean like = op.getKey().equals("StringLike");
            if (!like && !op.getKey().equals("StringEquals")) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> k = keys.next();
                String actual = switch (k.getKey().toLowerCase(Locale.ROOT)) {
                    case "kms:calleraccount" -> caller.accountId();
                    case "kms:viaservice" -> caller.viaService();
                    default -> null;
                };
                if (actual == null || values(k.getValue()).stream().noneMatch(v -> like
                        ? wildcard(v).matcher(actual).matches() : v.equals(actual))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    private static Pattern wildcard(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
