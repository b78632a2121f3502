package earkit.reference.domain.kms;

import earkit.reference.Fault;

import earkit.reference.domain.DomainException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which key a request names (key id, key ARN, alias name, alias ARN) and whether its caller may act on it:
 * key policy, IAM (through the account root) and grants. Callers hold the {@link KeyState} lock.
 */
final class KeyAccess {
    static final Pattern KEY_ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):key/(.*)");
    private static final Set<String> CRYPTO = Set.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo",
            "GenerateDataKey", "GenerateDataKeyWithoutPlaintext");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ALIAS_ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):(alias/.*)");

    private final KeyState state;
    private final RotationTimer rotation;

    KeyAccess(KeyState state, RotationTimer rotation) {
        this.state = state;
        this.rotation = rotation;
    }

    /** The key named by id, ARN, alias name or alias ARN (the last two only where {@code aliasAllowed}). */
    KmsKey resolve(KmsCall call, String keyId, boolean aliasAllowed) {
        String account = call.caller().accountId();
        String region = call.region();
        String id = keyId;
        Matcher m;
        if ((m = KEY_ARN.matcher(keyId)).matches()) {
            if (!m.group(1).equals(region)) {
                throw new DomainException("NotFoundException", "Invalid arn " + m.group(1));
            }
            account = m.group(2);
            id = m.group(3);
        } else if ((m = ALIAS_ARN.matcher(keyId)).matches() && aliasAllowed) {
            if (!m.group(1).equals(region)) {
                throw new DomainException("NotFoundException", "Invalid arn " + m.group(1));
            }
            return byAlias(call, m.group(2), m.group(3));
        } else if (keyId.startsWith("alias/") && aliasAllowed) {
            return byAlias(call, account, keyId);
        }
        if (!KEY_ID.matcher(id).matches()) {
            throw new DomainException("NotFoundException", "Invalid keyId '" + keyId + "'");
        }
        KmsKey k = state.keys.get(id);
        if (k == null || !k.accountId.equals(account) || !k.region.equals(region)) {
            throw new DomainException("NotFoundException", "Key '" + KmsKey.arn(region, account, id) + "' does not exist");
        }
        call.touch(k);
        return k;
    }

    private KmsKey byAlias(KmsCall call, String account, String name) {
        Alias a = state.aliases.get(KmsRepository.aliasKey(account, call.region(), name));
        KmsKey k;
        if (name.equals(KeyManagement.DYNAMODB_ALIAS) && (a == null
                || (state.faults.has(Fault.MANAGED_KEY_PER_TABLE) && call.caller().throughService()))) {
            k = createManagedKey(account, call.region());
        } else if (a == null || a.targetKeyId() == null || (k = state.keys.get(a.targetKeyId())) == null) {
            throw new DomainException("NotFoundException", "Alias arn:aws:kms:" + call.region() + ":" + account + ":" + name
                    + " is not found.");
        }
        call.touch(k);
        return k;
    }

    /** Creates {@code aws/dynamodb} of an account and Region, as KMS does on first use of the alias. */
    private KmsKey createManagedKey(String account, String region) {
        KmsKey k = new KmsKey();
        k.id = UUID.randomUUID().toString();
        k.accountId = account;
        k.region = region;
        k.creationDate = state.clock.now();
        k.description = KeyManagement.DYNAMODB_DESCRIPTION;
        k.keyManager = KmsKey.AWS;
        k.policy = state.faults.has(Fault.MANAGED_KEY_DEFAULT_POLICY) ? KeyPolicy.defaultPolicy(account)
                : state.faults.has(Fault.MANAGED_POLICY_ANY_ACCOUNT) ? KeyPolicy.withoutCallerAccount(KeyPolicy.dynamoDbManagedPolicy(account))
                : KeyPolicy.dynamoDbManagedPolicy(account);
        k.materials.add(state.newMaterial(null));
        k.rotationEnabled = true;
        k.rotationPeriodDays = 365;
        k.nextRotation = RotationSchedule.nextManaged(k.creationDate, state.faults);
        state.keys.put(k.id, k);
        if (state.faults.has(Fault.MANAGED_KEY_WITHOUT_ALIAS)) {
            state.meter.keyCreated(k, state.clock.now());
            state.save(k);
            rotation.schedule(k);
            return k;
        }
        Alias a = new Alias(KeyManagement.DYNAMODB_ALIAS, account, region, k.id, state.clock.now(), state.clock.now());
        state.aliases.put(KmsRepository.aliasKey(account, region, KeyManagement.DYNAMODB_ALIAS), a);
        state.repo.save(a);
        state.meter.keyCreated(k, state.clock.now());
        state.save(k);
        rotation.schedule(k);
        return k;
    }

    /** A key named as a read names it (key id or ARN only), authorized for {@code action}. */
    KmsKey authorized(KmsCall call, String keyId, String action) {
        KmsKey k = resolve(call, keyId, false);
        authorize(call, k, action, null);
        return k;
    }

    /**
     * Key policy, IAM (through the account root) and grants. When DynamoDB calls, a cryptographic
     * operation on a customer managed key needs DynamoDB's own grant; everything else is judged by the
     * permissions of the principal DynamoDB acts for, with {@code kms:ViaService} set.
     */
    void authorize(KmsCall call, KmsKey k, String action, Map<String, String> context) {
        Caller c = call.caller();
        boolean crypto = CRYPTO.contains(action);
        if (c.throughService() && crypto && !k.awsManaged()) {
            // DynamoDB's grant suffices, but an explicit deny for the principal it acts for still applies.
            if (KeyPolicy.parse(k.policy).evaluate(c, action) == KeyPolicy.Decision.EXPLICIT_DENY) {
                throw denied(c, action, k.arn(), true);
            }
            if (!serviceGrant(call, k, action, context)) {
                throw denied(c, action, k.arn(), false);
            }
            return;
        }
        KeyPolicy.Decision d = KeyPolicy.parse(k.policy).evaluate(c, action);
        if (d == KeyPolicy.Decision.EXPLICIT_DENY) {
            throw denied(c, action, k.arn(), true);
        }
        if (d == KeyPolicy.Decision.ALLOW) {
            return;
        }
        boolean granted = c.serviceOnly() ? serviceGrant(call, k, action, context)
                : state.grants.values().stream().anyMatch(g -> g.keyId().equals(k.id) && g.granteePrincipal().equals(c.arn())
                && g.allows(action, context));
        if (!granted) {
            throw denied(c, action, k.arn(), false);
        }
    }

    private boolean serviceGrant(KmsCall call, KmsKey k, String action, Map<String, String> context) {
        Set<String> service = servicePrincipals(call);
        return state.grants.values().stream().anyMatch(g -> g.keyId().equals(k.id)
                && service.contains(g.granteePrincipal()) && g.allows(action, context));
    }

    static Set<String> servicePrincipals(KmsCall call) {
        return Set.of("dynamodb." + call.region() + ".amazonaws.com", Caller.SERVICE_PRINCIPAL);
    }

    /** Calls on no key in particular: only IAM can allow them, and never to a service acting on its own. */
    static void requireIam(KmsCall call, String action) {
        if (!call.caller().iamAdmin() || call.caller().serviceOnly()) {
            throw identityDenied(call.caller(), action);
        }
    }

    static DomainException denied(Caller c, String action, String resource, boolean explicit) {
        return new DomainException("AccessDeniedException", "User: " + c.arn() + " is not authorized to perform: kms:"
                + action + " on resource: " + resource + (explicit ? " with an explicit deny in a resource-based policy"
                : " because no resource-based policy allows the kms:" + action + " action"));
    }

    static DomainException identityDenied(Caller c, String action) {
        return new DomainException("AccessDeniedException", "User: " + c.arn() + " is not authorized to perform: kms:"
                + action + " on resource: * because no identity-based policy allows the kms:" + action + " action");
    }

    static boolean inScope(KmsKey k, KmsCall call) {
        return k.accountId.equals(call.caller().accountId()) && k.region.equals(call.region());
    }
}
