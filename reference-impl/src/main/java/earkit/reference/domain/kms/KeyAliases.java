package earkit.reference.domain.kms;

import static earkit.reference.domain.kms.KeyStateRules.requireNotPending;

import earkit.reference.domain.DomainException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** Aliases: names of an account and Region that point at one of its keys. */
public final class KeyAliases {
    private static final Pattern ALIAS_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");

    private final KeyState state;
    private final KeyAccess access;

    KeyAliases(KeyState state, KeyAccess access) {
        this.state = state;
        this.access = access;
    }

    public void createAlias(KmsCall call, String aliasName, String targetKeyId) {
        synchronized (state) {
            validateAliasName(aliasName);
            KmsKey k = access.authorized(call, targetKeyId, "CreateAlias");
            KeyAccess.requireIam(call, "CreateAlias");
            String key = KmsRepository.aliasKey(call.caller().accountId(), call.region(), aliasName);
            if (state.aliases.containsKey(key)) {
                throw new DomainException("AlreadyExistsException", "An alias with the name " + aliasArn(call, aliasName)
                        + " already exists");
            }
            requireNotPending(k);
            Alias a = new Alias(aliasName, k.accountId, k.region, k.id, state.clock.now(), state.clock.now());
            state.aliases.put(key, a);
            state.repo.save(a);
            state.repo.commit();
        }
    }

    public void updateAlias(KmsCall call, String aliasName, String targetKeyId) {
        synchronized (state) {
            validateAliasName(aliasName);
            Alias a = alias(call, aliasName);
            KmsKey k = access.authorized(call, targetKeyId, "UpdateAlias");
            KeyAccess.requireIam(call, "UpdateAlias");
            requireNotPending(k);
            Alias updated = a.retarget(k.id, state.clock.now());
            state.aliases.put(KmsRepository.aliasKey(a.accountId(), a.region(), a.name()), updated);
            state.repo.save(updated);
            state.repo.commit();
        }
    }

    public void deleteAlias(KmsCall call, String aliasName) {
        synchronized (state) {
            validateAliasName(aliasName);
            Alias a = alias(call, aliasName);
            KmsKey k = state.keys.get(a.targetKeyId());
            if (k != null) {
                call.touch(k);
                access.authorize(call, k, "DeleteAlias", null);
            }
            KeyAccess.requireIam(call, "DeleteAlias");
            state.aliases.remove(KmsRepository.aliasKey(a.accountId(), a.region(), a.name()));
            state.repo.remove(a);
            state.repo.commit();
        }
    }

    /** Aliases of the caller's account and Region, with the predefined {@code alias/aws/dynamodb} (no target until created). */
    public List<Alias> listAliases(KmsCall call, String keyId) {
        synchronized (state) {
            KeyAccess.requireIam(call, "ListAliases");
            String account = call.caller().accountId();
            List<Alias> out = new ArrayList<>();
            String filter = null;
            if (keyId != null) {
                KmsKey k = access.resolve(call, keyId, false);
                filter = k.id;
            }
            boolean managedExists = false;
            for (Alias a : state.aliases.values()) {
                if (a.accountId().equals(account) && a.region().equals(call.region())
                        && (filter == null || filter.equals(a.targetKeyId()))) {
                    out.add(a);
                }
                managedExists |= a.name().equals(KeyManagement.DYNAMODB_ALIAS) && a.accountId().equals(account)
                        && a.region().equals(call.region());
            }
            if (!managedExists && filter == null) {
                out.add(new Alias(KeyManagement.DYNAMODB_ALIAS, account, call.region(), null, null, null));
            }
            out.sort(Comparator.comparing(Alias::name));
            return out;
        }
    }

    private static void validateAliasName(String name) {
        if (!name.startsWith("alias/")) {
            throw DomainException.validation("Alias must start with the prefix \"alias/\". Please see "
                    + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        }
        if (name.length() > 256 || !ALIAS_NAME.matcher(name).matches()) {
            throw DomainException.validation("1 validation error detected: Value '" + name + "' at 'aliasName' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
        }
        if (name.startsWith("alias/aws/")) {
            throw new DomainException("InvalidAliasNameException", "Alias name " + name
                    + " is not valid: the prefix alias/aws/ is reserved for AWS managed keys.");
        }
    }

    private Alias alias(KmsCall call, String name) {
        Alias a = state.aliases.get(KmsRepository.aliasKey(call.caller().accountId(), call.region(), name));
        if (a == null) {
            throw new DomainException("NotFoundException", "Alias " + aliasArn(call, name) + " is not found.");
        }
        return a;
    }

    private static String aliasArn(KmsCall call, String name) {
        return "arn:aws:kms:" + call.region() + ":" + call.caller().accountId() + ":" + name;
    }
}
