package earkit.reference.protocol;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The credentials the reference accepts. The three user identities are documented in the README. */
public final class IdentityStore {
    /** How the store itself signs its calls to KMS: the DynamoDB service acting for a caller. */
    public static final String SERVICE_ACCESS_KEY = "KITDYNAMODBSERVICE";
    public static final String SERVICE_SECRET = "kit-dynamodb-service-secret";
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String OTHER_ACCOUNT = "111111111111";

    private final Map<String, Identity> byAccessKey = new ConcurrentHashMap<>();

    public IdentityStore() {
        add(new Identity("test", "test", DEFAULT_ACCOUNT, "arn:aws:iam::" + DEFAULT_ACCOUNT + ":root",
                "Root", "root", true, false));
        add(new Identity("restricted", "restricted", DEFAULT_ACCOUNT,
                "arn:aws:iam::" + DEFAULT_ACCOUNT + ":user/restricted", "IAMUser", "restricted", false, false));
        add(new Identity("other", "other", OTHER_ACCOUNT, "arn:aws:iam::" + OTHER_ACCOUNT + ":root",
                "Root", "root", true, false));
        add(new Identity(SERVICE_ACCESS_KEY, SERVICE_SECRET, DEFAULT_ACCOUNT, Identity.SERVICE_PRINCIPAL,
                "AWSService", Identity.SERVICE_PRINCIPAL, false, true));
    }

    public void add(Identity identity) {
        byAccessKey.put(identity.accessKeyId(), identity);
    }

    public Optional<Identity> byAccessKey(String accessKeyId) {
        return Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    /** The identity whose account and ARN a principal ARN names, if it is one of ours. */
    public Optional<Identity> byArn(String arn) {
        return byAccessKey.values().stream().filter(i -> i.arn().equals(arn)).findFirst();
    }
}
